import "server-only";
import { listLogObjects, streamSegments, type PublishedLog } from "./published-log";
import { WHOLE_LOG_READ_AHEAD } from "./read-ahead";

/** The whole published log as one byte stream, with its length known before the first byte. */
export async function downloadLog(
  log: PublishedLog,
): Promise<{ size: number; body: AsyncGenerator<Uint8Array> }> {
  const objects = await listLogObjects(log);
  const size = objects.reduce((sum, entry) => sum + entry.bytes, 0);
  const segments = objects.map((entry) => ({ name: entry.name, start: 0, bytes: entry.bytes }));
  return { size, body: streamSegments(log, segments, WHOLE_LOG_READ_AHEAD) };
}
