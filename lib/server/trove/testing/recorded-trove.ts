// What a real Trove 18 answered, recorded (real-trove/README.md): the bodies and statuses of its log
// API, and the objects its guest agent wrote into Swift. Plain Node, for vitest and Playwright alike.
import { readFileSync } from "node:fs";
import { join } from "node:path";

const DIR = join(__dirname, "real-trove");

/** The recorded instance and its owner (the demo project of the recording). */
export const RECORDED_INSTANCE = "8f0c4b6e-3c5a-4e52-9d2b-6a7f1e0c9b31";

export interface RecordedRow {
  /** The body's file without `.json`, e.g. `15-err-unknown-log-name`. */
  id: string;
  method: string;
  /** With `<project>` for the recording's project. */
  path: string;
  body: unknown;
  status: number;
  contentType: string;
}

/** index.tsv: every recorded request, in the order it was made. */
export function recordedRows(): RecordedRow[] {
  const [, ...lines] = readFileSync(join(DIR, "index.tsv"), "utf8").trimEnd().split("\n");
  return lines.map((line) => {
    const [file, method, path, body, status, contentType] = line.split("\t");
    return {
      id: file!.replace(/\.json$/, ""),
      method: method!,
      path: path!,
      body: body ? JSON.parse(body) : undefined,
      status: Number(status),
      contentType: contentType!,
    };
  });
}

/** A recorded answer: its exact body, and the status Trove sent with it (index.tsv). */
export function recordedAnswer(file: string): { status: number; body: string } {
  const row = recordedRows().find((candidate) => `${candidate.id}.json` === file);
  if (!row) throw new Error(`${file} is not in the recordings' index.tsv`);
  return { status: row.status, body: readFileSync(join(DIR, file), "utf8") };
}

/** The headers Swift sent for an object the guest agent published (`Name: value` lines). */
export function recordedGuestObjectHeaders(): Record<string, string> {
  const lines = readFileSync(join(DIR, "swift-guest-log-object.headers"), "utf8").split(/\r?\n/).slice(1);
  return Object.fromEntries(
    lines
      .map((line) => /^([^:]+):\s*(.*)$/.exec(line))
      .filter((match): match is RegExpExecArray => match !== null)
      .map((match) => [match[1]!.toLowerCase(), match[2]!]),
  );
}

/** The guest agent's metafile (JSON with its five keys) and the container listing troveclient read. */
export const recordedGuestMetafile = () =>
  JSON.parse(readFileSync(join(DIR, "swift-guest-metafile.json"), "utf8")) as Record<string, unknown>;
export const recordedGuestListing = () =>
  JSON.parse(readFileSync(join(DIR, "swift-container-listing.json"), "utf8")) as Array<{
    name: string;
    bytes: number;
    last_modified: string;
  }>;
