import "server-only";
import { lineTime, type LogFormat } from "@/lib/log-format";
import { readRange, type PublishedLog } from "@/lib/server/log-reader/published-log";

/** Enough for a few lines at each end of an object published without an index. */
const SAMPLE_BYTES = 16 * 1024;

const cache = new Map<string, { first?: number; last?: number }>();

function times(format: LogFormat, text: string): number[] {
  const found: number[] = [];
  for (const line of text.split("\n")) {
    const time = lineTime(format, line.replace(/\r$/, ""));
    if (time !== undefined) found.push(time);
  }
  return found;
}

/**
 * First and last time of an object that carries no summary (a real Trove published it): read from
 * small ranges at its head and tail. The lines cut by the ranges' edges are left out.
 */
export async function estimateObject(
  log: PublishedLog,
  format: LogFormat,
  name: string,
  bytes: number,
): Promise<{ first?: number; last?: number }> {
  const key = `${log.account}/${log.container}/${name}/${bytes}/${format}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const headEnd = Math.min(bytes, SAMPLE_BYTES) - 1;
  const tailStart = Math.max(0, bytes - SAMPLE_BYTES);
  const [head, tail] = await Promise.all([
    readRange(log, name, 0, headEnd),
    tailStart > headEnd ? readRange(log, name, tailStart, bytes - 1) : undefined,
  ]);
  const headText = head.toString("utf8");
  const headTimes = times(
    format,
    headEnd < bytes - 1 ? headText.slice(0, headText.lastIndexOf("\n") + 1) : headText,
  );
  const tailText = tail?.toString("utf8");
  const tailTimes = tailText ? times(format, tailText.slice(tailText.indexOf("\n") + 1)) : headTimes;
  const estimate = { first: headTimes[0], last: tailTimes.at(-1) ?? headTimes.at(-1) };
  if (cache.size > 20_000) cache.clear();
  cache.set(key, estimate);
  return estimate;
}
