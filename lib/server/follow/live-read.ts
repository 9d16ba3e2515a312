import "server-only";
import { open } from "node:fs/promises";

/** The most bytes one poll reads from the file (the newest lines are kept when more are live). */
export const LIVE_READ_MAX = 256 * 1024;

export interface LiveRead {
  from: number;
  to: number;
  text: string;
  /** Bytes between `start` and `from` were not read (more than `max` were live). */
  skipped: boolean;
}

/**
 * The complete lines of `file` in [start, end), at most `max` bytes of them, the newest kept: only
 * the bytes needed are read (one positioned read), never the file. An unfinished last line waits for
 * its newline; a line longer than `max` is returned cut rather than never.
 */
export async function readLive(
  file: string,
  start: number,
  end: number,
  max = LIVE_READ_MAX,
): Promise<LiveRead> {
  if (end <= start) return { from: start, to: start, text: "", skipped: false };
  let from = Math.max(start, end - max);
  const handle = await open(file, "r");
  let bytes: Buffer;
  try {
    const buffer = Buffer.alloc(end - from);
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, from + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    bytes = buffer.subarray(0, filled);
  } finally {
    await handle.close();
  }
  if (from > start) {
    // Started inside a line: begin at the next whole one.
    const newline = bytes.indexOf(0x0a);
    if (newline !== -1 && newline + 1 < bytes.length) {
      bytes = bytes.subarray(newline + 1);
      from += newline + 1;
    }
  }
  const lastNewline = bytes.lastIndexOf(0x0a);
  const whole =
    lastNewline === -1
      ? bytes.length >= max
        ? bytes
        : bytes.subarray(0, 0)
      : bytes.subarray(0, lastNewline + 1);
  return { from, to: from + whole.length, text: whole.toString("utf8"), skipped: from > start };
}
