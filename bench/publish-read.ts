/**
 * Benchmark: publish a large log into the local store and read it back, each next to a peer that
 * does the same bytes with plain tools in the same run (cp for the write, cat for the read,
 * tail(1) for the tail). Prints MB/s and ratios.
 *   npx vite-node --config vitest.config.mts bench/publish-read.ts -- [--mb 1024] [--dir /var/tmp]
 */
import { execFileSync } from "node:child_process";
import { createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { downloadLog } from "@/lib/server/log-reader/download";
import { tailLog } from "@/lib/server/log-reader/tail";
import { createLocalObjectStore } from "@/lib/server/object-store/local-store";
import { logFile, makeEngine, MEMBER, MYSQL } from "@/lib/server/testing/engine-fixture";
import { option } from "./lib/cli-options";
import { mbps } from "./lib/stats";

const megabytes = Number(option("mb", "1024"));
const base = option("dir", "/var/tmp");

async function writeSource(path: string, bytes: number) {
  execFileSync("mkdir", ["-p", path.slice(0, path.lastIndexOf("/"))]);
  const out = createWriteStream(path);
  let written = 0;
  let id = 0;
  while (written < bytes) {
    const lines: string[] = [];
    for (let i = 0; i < 1000; i += 1, id += 1) {
      lines.push(
        `2026-11-25T10:00:00.${String(id % 1e6).padStart(6, "0")}Z\t${id % 997} Query\tSELECT * FROM orders WHERE id = ${id} AND note = 'café'\n`,
      );
    }
    const chunk = lines.join("");
    written += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await new Promise<void>((done) => out.once("drain", () => done()));
  }
  await new Promise<void>((done) => out.end(done));
}

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

async function main() {
  const dir = mkdtempSync(join(base, "trove-logs-bench-"));
  try {
    const source = logFile(dir, "mysql", "general");
    await writeSource(source, megabytes * 1e6);
    const size = statSync(source).size;
    execFileSync("sync");

    let start = process.hrtime.bigint();
    execFileSync("cp", [source, join(dir, "copy.log")]);
    execFileSync("sync");
    const cpSeconds = seconds(start);

    const store = createLocalObjectStore({ dir: join(dir, "store") });
    const engine = makeEngine({ dir, store });
    start = process.hrtime.bigint();
    const log = await engine.logAction(MEMBER, MYSQL, { name: "general", publish: true });
    execFileSync("sync");
    const publishSeconds = seconds(start);
    if (log.published !== size) throw new Error(`published ${log.published} of ${size}`);

    const published = await engine.locatePublished(MEMBER, MYSQL, "general");
    start = process.hrtime.bigint();
    let read = 0;
    for await (const part of (await downloadLog(published)).body) read += part.length;
    const readSeconds = seconds(start);
    start = process.hrtime.bigint();
    execFileSync("sh", ["-c", `cat '${source}' > /dev/null`]);
    const catSeconds = seconds(start);

    start = process.hrtime.bigint();
    let tailBytes = 0;
    for await (const part of await tailLog(published, 50)) tailBytes += part.length;
    const tailMs = seconds(start) * 1000;
    start = process.hrtime.bigint();
    execFileSync("tail", ["-n", "50", source]);
    const tailPeerMs = seconds(start) * 1000;

    console.log(
      `log: ${size} bytes, ${log.published} published in ${(await store.listObjects("demo", "database_logs", { prefix: published.prefix })).entries.length} objects`,
    );
    console.log(
      `publish  ${mbps(size, publishSeconds).toFixed(1)} MB/s (${publishSeconds.toFixed(2)} s)   cp+sync ${mbps(size, cpSeconds).toFixed(1)} MB/s   ratio ${(cpSeconds / publishSeconds).toFixed(2)}× of cp`,
    );
    console.log(
      `read     ${mbps(read, readSeconds).toFixed(1)} MB/s (${readSeconds.toFixed(2)} s)   cat ${mbps(size, catSeconds).toFixed(1)} MB/s   ratio ${(catSeconds / readSeconds).toFixed(2)}× of cat`,
    );
    console.log(
      `tail 50  ${tailMs.toFixed(1)} ms (${tailBytes} bytes)   tail(1) process ${tailPeerMs.toFixed(1)} ms`,
    );
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
