import type { LogTimeJump } from "@/lib/schemas/log-time";
import { formatUtc } from "@/lib/api/utc-time";

export interface TimeJumpNote {
  /** "miss": the log has no line at or after the time (or no times at all); the end is shown. */
  tone: "info" | "miss";
  text: string;
}

/** What the reader is told after going to a time `at`: where they landed, or why not there. */
export function timeJumpNote(result: LogTimeJump, at: string): TimeJumpNote {
  const asked = `${formatUtc(at)} UTC`;
  if (result.line === null && result.time === null)
    return {
      tone: "miss",
      text: `No line of this log carries a time the viewer can read, so it cannot go to ${asked}: showing the end.`,
    };
  if (result.line === null)
    return { tone: "miss", text: `The log ends before ${asked}: showing its last lines.` };
  const line = `line ${result.line.toLocaleString("en-US")}`;
  if (result.time === null) return { tone: "info", text: `At ${asked}: ${line}.` };
  if (Date.parse(result.time) === Date.parse(at)) return { tone: "info", text: `${asked}: ${line}.` };
  return {
    tone: "info",
    text: `Nothing at ${asked} exactly: the first entry after it is ${line}, at ${formatUtc(result.time)} UTC.`,
  };
}
