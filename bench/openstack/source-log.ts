import { closeSync, createWriteStream, openSync, readSync, statSync } from "node:fs";
import { join } from "node:path";
import { sha256File } from "../lib/run-command";
import { now, say } from "../lib/stats";

/** The log the benchmark publishes, and what its tail must be. */

const WORDS = ["orders", "customers", "invoices", "shipments", "products", "payments", "carts", "reviews"];
// Multi-byte characters, so that the byte-exact checks would catch a tail or download cut inside one.
const NAMES = ["café", "Zoë", "Łódź", "naïve", "日本", "Ærø", "São Paulo", "Škoda", "smörgås", "Ωmega"];
// The same names in ASCII, for a log a peer that cannot take other text must publish too.
const ASCII_NAMES = [
  "cafe",
  "Zoe",
  "Lodz",
  "naive",
  "Nihon",
  "Aero",
  "Sao Paulo",
  "Skoda",
  "smorgas",
  "Omega",
];

/** How a source log is written: its line ending ("\r\n": written on or copied from Windows), ASCII only. */
export interface SourceShape {
  eol?: string;
  ascii?: boolean;
  /** Its file name in the directory. */
  name?: string;
}

/** A MySQL general log of ~130-byte lines (valid UTF-8, each ended by `eol`) of at least `bytes` bytes. */
async function writeSource(
  path: string,
  bytes: number,
  { eol = "\n", ascii = false }: SourceShape,
): Promise<{ size: number; lines: number }> {
  const names = ascii ? ASCII_NAMES : NAMES;
  const out = createWriteStream(path, { highWaterMark: 1 << 20 });
  let written = 0;
  let line = 0;
  const base = Date.UTC(2026, 10, 25, 10, 0, 0);
  while (written < bytes) {
    const block: string[] = [];
    for (let i = 0; i < 4096; i += 1, line += 1) {
      const time = new Date(base + Math.floor(line / 50)).toISOString().replace("Z", "");
      const stamp = `${time}${String((line * 37) % 1000).padStart(3, "0")}Z`;
      const thread = String(10 + (line % 89)).padStart(6, " ");
      const table = WORDS[line % WORDS.length]!;
      const kind = line % 23;
      if (kind === 0)
        block.push(`${stamp}${thread} Connect\ttrove@10.0.${line % 255}.7 on shop using TCP/IP\n`);
      else if (kind === 1) block.push(`${stamp}${thread} Quit\t\n`);
      else if (kind < 10)
        block.push(
          `${stamp}${thread} Query\tSELECT id, status, total FROM ${table} WHERE customer_id = ${line % 100_003} AND region = '${names[line % names.length]}' LIMIT 20\n`,
        );
      else if (kind < 16)
        block.push(
          `${stamp}${thread} Query\tUPDATE ${table} SET updated_at = NOW(), version = version + 1 WHERE id = ${line} AND shard = ${line % 16}\n`,
        );
      else
        block.push(
          `${stamp}${thread} Query\tINSERT INTO ${table}_audit (ref, actor, note) VALUES (${line}, 'svc-${line % 97}', '${names[(line >> 3) % names.length]} ok')\n`,
        );
    }
    const chunk = eol === "\n" ? block.join("") : block.join("").replaceAll("\n", eol);
    written += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await new Promise<void>((done) => out.once("drain", () => done()));
  }
  await new Promise<void>((done, fail) => out.end((error?: Error | null) => (error ? fail(error) : done())));
  return { size: statSync(path).size, lines: line };
}

/** The file's last `lines` lines, exactly (from a suffix read). */
function lastLines(path: string, lines: number): Buffer {
  const size = statSync(path).size;
  const length = Math.min(size, 256 * 1024);
  const buffer = Buffer.alloc(length);
  const fd = openSync(path, "r");
  try {
    readSync(fd, buffer, 0, length, size - length);
  } finally {
    closeSync(fd);
  }
  return lastLinesOf(buffer, lines);
}

/** The last `lines` lines of `buffer` (which ends with a newline), or all of it when it has fewer. */
export function lastLinesOf(buffer: Buffer, lines: number): Buffer {
  let at = buffer.length - 1; // the final newline ends the last line
  for (let i = 0; i < lines && at > 0; i += 1) at = buffer.lastIndexOf(0x0a, at - 1);
  return buffer.subarray(at + 1);
}

/** The published source log, as the phases check their results against it. */
export interface SourceLog {
  path: string;
  size: number;
  lines: number;
  sha256: string;
  /** Its last `tailLines` lines, byte for byte. */
  tail: Buffer;
}

/** Writes a source log of at least `bytes` bytes into `dir`, and reads back what the checks need. */
export async function createSourceLog(
  dir: string,
  bytes: number,
  tailLines: number,
  shape: SourceShape = {},
): Promise<SourceLog> {
  const path = join(dir, shape.name ?? "mysql-general.log");
  const started = now();
  const { size, lines } = await writeSource(path, bytes, shape);
  const source = { path, size, lines, sha256: await sha256File(path), tail: lastLines(path, tailLines) };
  say(
    `source: ${size.toLocaleString("en")} bytes, ${lines.toLocaleString("en")} lines (${(size / lines).toFixed(1)} B/line) in ${((now() - started) / 1000).toFixed(1)} s, sha256 ${source.sha256.slice(0, 16)}…`,
  );
  return source;
}
