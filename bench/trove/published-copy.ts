import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { lastLinesOf } from "../openstack/source-log";
import type { DemoAccount } from "../openstack/swift-service";

/** What a publish left in Swift, read straight from Swift, and what Trove's guest makes of a file. */

export interface CopyFacts {
  objects: number;
  bytes: number;
  lines: number;
  sha256: string;
  /** The copy's last `tailLines` lines, byte for byte. */
  tail: Buffer;
}

/** The objects under `prefix` of container database_logs, in name (= publish) order, read whole. */
export async function readCopy(account: DemoAccount, prefix: string, tailLines: number): Promise<CopyFacts> {
  const base = `${account.storageUrl}/database_logs`;
  const headers = { "x-auth-token": account.token };
  const listing = await fetch(`${base}?format=json&prefix=${encodeURIComponent(prefix)}`, { headers });
  if (!listing.ok) throw new Error(`listing ${prefix}: HTTP ${listing.status}`);
  const names = ((await listing.json()) as { name: string }[]).map((entry) => entry.name).sort();
  const hash = createHash("sha256");
  let bytes = 0;
  let lines = 0;
  let last = Buffer.alloc(0); // the last objects, enough for the tail
  for (const name of names) {
    const response = await fetch(`${base}/${name.split("/").map(encodeURIComponent).join("/")}`, { headers });
    if (!response.ok) throw new Error(`GET ${name}: HTTP ${response.status}`);
    const body = Buffer.from(await response.arrayBuffer());
    hash.update(body);
    bytes += body.length;
    for (let at = body.indexOf(0x0a); at !== -1; at = body.indexOf(0x0a, at + 1)) lines += 1;
    last = Buffer.concat([last.subarray(-1_000_000), body]);
  }
  return {
    objects: names.length,
    bytes,
    lines,
    sha256: hash.digest("hex"),
    tail: lastLinesOf(last, tailLines),
  };
}

// str.splitlines()'s line boundaries.
const PY_LINE_BREAK = /\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/;

/**
 * What Trove 18's guest uploads for `file` (guest_log.py `_publish_to_container`, as read there, not
 * copied): the file opened in text mode (newlines translated to "\n"), read `limit` characters
 * (code points) at a time, every line of each read ended with "\n" — so a line cut by a read boundary
 * becomes two. Returns the bytes, the character count that Trove reports as `published`, and the source's CRLFs.
 * Reads the file whole: a benchmark's ~50 MB source, not a log the product serves.
 */
export function troveModel(file: string, limit: number) {
  const raw = readFileSync(file, "utf8");
  const crlf = raw.match(/\r\n/g)?.length ?? 0;
  const text = raw.replace(/\r\n?/g, "\n");
  const hash = createHash("sha256");
  let bytes = 0;
  let chars = 0;
  for (let start = 0; start < text.length;) {
    let end = start;
    for (let count = 0; end < text.length && count < limit; count += 1) {
      end += text.codePointAt(end)! > 0xffff ? 2 : 1;
    }
    const pieces = text.slice(start, end).split(PY_LINE_BREAK);
    if (pieces.at(-1) === "") pieces.pop(); // the read ended with a line break
    const out = pieces.map((piece) => `${piece}\n`).join("");
    hash.update(out);
    bytes += Buffer.byteLength(out);
    chars += out.length - (out.match(/[\uD800-\uDBFF]/g)?.length ?? 0); // code points
    start = end;
  }
  return { sha256: hash.digest("hex"), bytes, chars, crlf };
}
