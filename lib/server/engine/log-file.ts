import "server-only";
import { createHash } from "node:crypto";
import { open, stat } from "node:fs/promises";

/** Rotation is judged on at most this much of the first line (Trove hashes the whole line). */
export const HEADER_DIGEST_MAX = 64 * 1024;
/** Bytes just before the published end that must stay unchanged while a file only grows. */
export const TAIL_DIGEST_BYTES = 4096;

const md5 = (bytes: Uint8Array) => createHash("md5").update(bytes).digest("hex");

/** Size in bytes, or undefined when the file does not exist (a missing file reads as empty). */
export async function fileSize(path: string): Promise<number | undefined> {
  try {
    const info = await stat(path);
    return info.isFile() ? info.size : undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

async function readRange(path: string, start: number, length: number): Promise<Buffer> {
  const handle = await open(path, "r");
  try {
    const buffer = Buffer.alloc(length);
    let filled = 0;
    while (filled < length) {
      const { bytesRead } = await handle.read(buffer, filled, length - filled, start + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return buffer.subarray(0, filled);
  } finally {
    await handle.close();
  }
}

/**
 * md5 of the file's first line, cut at `upTo` bytes: only published bytes count, so a first line
 * that was still being written when it was published is not mistaken for a rotation later.
 */
export async function headerDigest(path: string, upTo: number): Promise<string> {
  const head = await readRange(path, 0, Math.min(upTo, HEADER_DIGEST_MAX));
  const newline = head.indexOf(0x0a);
  return md5(newline === -1 ? head : head.subarray(0, newline + 1));
}

/** md5 of the bytes just before `end`; an append-only file never changes them. */
export async function tailDigest(path: string, end: number): Promise<string> {
  const start = Math.max(0, end - TAIL_DIGEST_BYTES);
  return md5(await readRange(path, start, end - start));
}

/** The same digests over bytes held in memory (the first published object). */
export function headerDigestOf(bytes: Uint8Array): string {
  const head = bytes.subarray(0, HEADER_DIGEST_MAX);
  const newline = head.indexOf(0x0a);
  return md5(newline === -1 ? head : head.subarray(0, newline + 1));
}
