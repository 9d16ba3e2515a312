import { createWriteStream } from "node:fs";

/**
 * Writes a MySQL 8-style error log of about `bytes` (levels ERROR / Warning / Note, a query id and a
 * duration on every line); returns the number of lines.
 */
export async function writeLevelledLog(path: string, bytes: number): Promise<number> {
  const out = createWriteStream(path);
  let written = 0;
  let line = 0;
  while (written < bytes) {
    let block = "";
    for (let i = 0; i < 1000; i += 1, line += 1) {
      const level = line % 97 === 0 ? "ERROR" : line % 13 === 0 ? "Warning" : "Note";
      block += `2026-11-25T10:${String(Math.floor(line / 60) % 60).padStart(2, "0")}:00.000000Z ${line % 997} [${level}] [MY-0${line % 9000}] query ${line} on orders took ${line % 1000} ms\n`;
    }
    written += Buffer.byteLength(block);
    if (!out.write(block)) await new Promise<void>((done) => out.once("drain", () => done()));
  }
  await new Promise<void>((done) => out.end(() => done()));
  return line;
}
