/**
 * Benchmark: objects a followed log leaves in the object store per hour. One log file per contender,
 * written at the same steady rate, followed for a few minutes side by side in one run:
 *   - old:       Follow before this change — Trove's plain publish every 2.5 s (the peer);
 *   - embedded:  the embedded backend's Follow (live lines from the file, publishes near guest_log_limit);
 *   - openstack: the openstack backend's Follow logic (RemoteFollow: rate-bounded, backing off) with the
 *                embedded engine's Trove log API in-process standing in for the remote Trove.
 * Counts are extrapolated to an hour; the publish when the follower leaves is counted apart.
 *   npx vite-node --config vitest.config.mts bench/follow-objects.ts -- [--minutes 6] [--rates 5,100]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { EmbeddedFollow } from "@/lib/server/follow/embedded-follow";
import { RemoteFollow } from "@/lib/server/follow/remote-follow";
import { createLocalObjectStore } from "@/lib/server/object-store/local-store";
import {
  appendLog,
  logFile,
  makeEngine,
  MEMBER,
  MYSQL,
  objectNames,
} from "@/lib/server/testing/engine-fixture";
import { option } from "./lib/cli-options";

const minutes = Number(option("minutes", "6"));
const rates = option("rates", "5,100").split(",").map(Number);
const LIMIT = 1_000_000; // guest_log_limit, Trove's default
const OLD_INTERVAL_MS = 2_500;
const POLL_MS = 2_000;
const prefix = `${MYSQL}/mysql-general/`;
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

type Kind = "old" | "embedded" | "openstack";

async function contender(kind: Kind, linesPerSecond: number, until: number) {
  const dir = mkdtempSync(join("/var/tmp", `trove-logs-follow-${kind}-`));
  const store = createLocalObjectStore({ dir: join(dir, "store") });
  const engine = makeEngine({ dir, store }, { limit: LIMIT });
  const file = logFile(dir, "mysql", "general");
  const general = { name: "general" };
  await engine.logAction(MEMBER, MYSQL, { ...general, enable: true });
  appendLog(file, "2026-12-02T12:00:00.000000Z\t    1 Connect\troot@localhost on  using Socket\n");
  await engine.logAction(MEMBER, MYSQL, { ...general, publish: true });
  const before = (await objectNames(store, "demo", prefix)).length;
  const startBytes = (await engine.logAction(MEMBER, MYSQL, general)).published;

  let written = 0;
  const writer = setInterval(() => {
    const lines: string[] = [];
    for (let i = 0; i < linesPerSecond / 10; i += 1, written += 1) {
      lines.push(`2026-12-02T12:00:00.000000Z\t   42 Query\tSELECT * FROM orders WHERE id = ${written}\n`);
    }
    appendLog(file, lines.join(""));
  }, 100);

  const embedded = new EmbeddedFollow(engine, { limit: LIMIT });
  const remote = new RemoteFollow();
  const remoteActions = {
    show: () => engine.logAction(MEMBER, MYSQL, general),
    publish: () => engine.logAction(MEMBER, MYSQL, { ...general, publish: true }),
    enable: () => engine.logAction(MEMBER, MYSQL, { ...general, enable: true }),
  };
  const body = { follower: "bench-follower-1" };
  const poll = async () => {
    if (kind === "old") await engine.logAction(MEMBER, MYSQL, { ...general, publish: true });
    else if (kind === "embedded") await embedded.poll(MEMBER, MYSQL, "general", body);
    else await remote.poll(`demo/${MYSQL}/general`, remoteActions, body);
  };
  while (Date.now() < until) {
    await poll();
    await sleep(kind === "old" ? OLD_INTERVAL_MS : POLL_MS);
  }
  clearInterval(writer);
  const during = (await objectNames(store, "demo", prefix)).length - before;
  if (kind === "embedded") await embedded.poll(MEMBER, MYSQL, "general", { ...body, leave: true });
  const after = (await objectNames(store, "demo", prefix)).length - before;
  const shown = await engine.logAction(MEMBER, MYSQL, general);
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  return {
    kind,
    during,
    onLeave: after - during,
    pendingLeft: shown.pending,
    bytes: shown.published - startBytes,
  };
}

async function main() {
  console.log(
    `Following a MySQL general log for ${minutes} min per rate (side by side), guest_log_limit ${LIMIT}`,
  );
  const until = Date.now() + minutes * 60_000;
  const runs = await Promise.all(
    rates.flatMap((rate) =>
      (["old", "embedded", "openstack"] as const).map((kind) =>
        contender(kind, rate, until).then((result) => ({ rate, ...result })),
      ),
    ),
  );
  // An hour of following: the objects made while following, scaled to 60 min, plus the one publish
  // when the follower leaves.
  const perHour = (run: { during: number; onLeave: number }) => (run.during * 60) / minutes + run.onLeave;
  for (const rate of rates) {
    const row = runs.filter((run) => run.rate === rate);
    const old = row.find((run) => run.kind === "old")!;
    console.log(`\n${rate} lines/s (~${((rate * 75) / 1000).toFixed(1)} KB/s):`);
    for (const run of row) {
      const hourly = perHour(run);
      const ratio = run.kind === "old" ? "" : `  ${(perHour(old) / hourly).toFixed(1)}× fewer than old`;
      const objects = run.during + run.onLeave;
      const average = objects ? Math.round(run.bytes / objects) : 0;
      console.log(
        `  ${run.kind.padEnd(9)} ${String(run.during).padStart(4)} objects in ${minutes} min` +
          ` (+${run.onLeave} on leaving) → ${hourly.toFixed(0).padStart(5)} per followed hour;` +
          ` ~${average.toLocaleString("en-US")} B/object; ${run.pendingLeft} B left unpublished${ratio}`,
      );
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
