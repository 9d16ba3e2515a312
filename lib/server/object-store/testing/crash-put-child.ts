import "server-only";

/**
 * Child process for the crash-atomicity test, run with vite-node and SIGKILLed by the test.
 * CRASH_DIR: the store dir. CRASH_MODE "big": one endless streamed put, printing "halfway" after
 * 4 MiB. CRASH_MODE "many": writers overwriting ten names with bodies described by their metadata
 * (`seed`, `size`), printing "done" after each put.
 */
import { patternChunk } from "../contract/pattern";
import { createLocalObjectStore } from "../local-store";

const CHUNK = 16 * 1024;
const dir = process.env.CRASH_DIR;
if (!dir) throw new Error("CRASH_DIR is required");
const store = createLocalObjectStore({ dir });
const say = (line: string) => process.stdout.write(`${line}\n`);

async function* endless(): AsyncGenerator<Uint8Array> {
  for (let i = 0; ; i++) {
    if (i === (4 * 1024 * 1024) / CHUNK) say("halfway");
    yield patternChunk(i, CHUNK);
    if (i % 16 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
}

async function* described(seed: number, size: number): AsyncGenerator<Uint8Array> {
  const bytes = patternChunk(seed, size);
  for (let offset = 0; offset < size; offset += CHUNK) yield bytes.subarray(offset, offset + CHUNK);
}

async function writer(id: number): Promise<never> {
  for (let round = 0; ; round++) {
    const seed = id * 1_000_000 + round;
    const size = 1 + ((seed * 7919) % (768 * 1024));
    const metadata = { seed: String(seed), size: String(size) };
    await store.putObject("AUTH_crash", "c", `obj-${seed % 10}`, described(seed, size), { metadata });
    say("done");
  }
}

await store.putContainer("AUTH_crash", "c");
say("ready");
if (process.env.CRASH_MODE === "big") await store.putObject("AUTH_crash", "c", "big", endless());
else await Promise.all([1, 2, 3, 4].map(writer));
