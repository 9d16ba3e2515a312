import "server-only";
import type { ObjectStore } from "./object-store";

/** A small object as text; refuses to buffer more than `maxBytes` (metafiles, not logs). */
export async function readObjectText(
  store: ObjectStore,
  account: string,
  container: string,
  name: string,
  maxBytes: number,
): Promise<string> {
  const read = await store.getObject(account, container, name);
  if (read.info.bytes > maxBytes) {
    read.body.destroy();
    throw new Error(`object ${name} is larger than ${maxBytes} bytes`);
  }
  const parts: Buffer[] = [];
  for await (const part of read.body) parts.push(Buffer.from(part as Uint8Array));
  return Buffer.concat(parts).toString("utf8");
}
