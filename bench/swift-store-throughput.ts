/**
 * Benchmark: the Swift object store against curl on the same real Swift, in one run. PUT and GET of
 * N objects of 1 MB, one at a time over keep-alive connections (curl: one process for all N, so it
 * reuses its connection too). Rounds alternate curl / ours so drift hits both. Prints MB/s and ratios.
 *   bash scripts/services/swift.sh start
 *   npx vite-node --config vitest.config.mts bench/swift-store-throughput.ts -- [--objects 100] [--rounds 3]
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { createTempAuth } from "@/lib/server/object-store/swift-auth";
import { createSwiftObjectStore } from "@/lib/server/object-store/swift-store";
import { patternChunk } from "@/lib/server/object-store/contract/pattern";
import { swiftTestSettings as swift } from "@/lib/server/object-store/testing/swift-test-env";
import { option } from "./lib/cli-options";
import { mbps, median, now } from "./lib/stats";

const objects = Number(option("objects", "100"));
const rounds = Number(option("rounds", "3"));
const SIZE = 1_000_000;
const account = swift.account;
const container = `bench-throughput-${process.pid}`;

const auth = createTempAuth({ authUrl: swift.authUrl, user: swift.user, key: swift.key });
const store = createSwiftObjectStore({ storageUrl: swift.storageUrl, auth });
const body = patternChunk(42, SIZE);
const dir = mkdtempSync(join(tmpdir(), "swift-bench-"));
const file = join(dir, "object.bin");
writeFileSync(file, body);
const url = (i: number) => `${swift.storageUrl}/AUTH_${account}/${container}/${kind(i)}`;
const kind = (i: number) => `o-${String(i).padStart(5, "0")}`;

async function timed(work: () => Promise<unknown> | unknown): Promise<number> {
  const started = now();
  await work();
  return (now() - started) / 1000;
}

function curl(token: string, method: "PUT" | "GET") {
  const lines = [`header = "X-Auth-Token: ${token}"`, "silent", "fail"];
  for (let i = 0; i < objects; i++) {
    lines.push(`url = "${url(i)}"`, method === "PUT" ? `upload-file = "${file}"` : `output = "/dev/null"`);
  }
  writeFileSync(join(dir, "curl.conf"), lines.join("\n"));
  execFileSync("curl", ["-K", join(dir, "curl.conf")], { stdio: "inherit" });
}

async function oursPut(streamed: boolean) {
  for (let i = 0; i < objects; i++) {
    if (!streamed) {
      await store.putObject(account, container, kind(i), body);
      continue;
    }
    async function* chunks() {
      for (let at = 0; at < SIZE; at += 65_536) yield body.subarray(at, at + 65_536);
    }
    await store.putObject(account, container, kind(i), chunks());
  }
}

async function oursGet() {
  for (let i = 0; i < objects; i++) {
    const read = await store.getObject(account, container, kind(i));
    let bytes = 0;
    for await (const chunk of read.body) bytes += (chunk as Buffer).length;
    if (bytes !== SIZE) throw new Error(`short read: ${bytes}`);
  }
}

async function main() {
  await store.putContainer(account, container);
  const token = await auth.token();
  const results: Record<string, number[]> = {};
  const record = (name: string, seconds: number) => (results[name] ??= []).push(seconds);
  await oursPut(false); // warm-up: connections, caches, the objects the first GET round reads
  for (let round = 0; round < rounds; round++) {
    record("PUT curl", await timed(() => curl(token, "PUT")));
    record("PUT ours (Uint8Array)", await timed(() => oursPut(false)));
    record("PUT ours (stream, 64 KiB chunks)", await timed(() => oursPut(true)));
    record("GET curl", await timed(() => curl(token, "GET")));
    record("GET ours (stream)", await timed(() => oursGet()));
  }
  record("PUT curl", await timed(() => curl(token, "PUT"))); // curl first and last: brackets drift
  record("GET curl", await timed(() => curl(token, "GET")));

  console.log(`${objects} objects of ${SIZE} bytes, sequential, keep-alive; ${rounds} rounds, median:`);
  const bytes = objects * SIZE; // what each timed run moves
  for (const [name, samples] of Object.entries(results)) {
    const peer = results[name.startsWith("PUT") ? "PUT curl" : "GET curl"]!;
    const ratio = mbps(bytes, median(samples)) / mbps(bytes, median(peer));
    const per = (median(samples) / objects) * 1000;
    console.log(
      `  ${name.padEnd(34)} ${mbps(bytes, median(samples)).toFixed(1).padStart(7)} MB/s  ${per.toFixed(2)} ms/object  ${ratio.toFixed(2)}× curl`,
    );
  }
  for (let i = 0; i < objects; i++) await store.deleteObject(account, container, kind(i));
  await store.deleteContainer(account, container);
  store.close();
  rmSync(dir, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
