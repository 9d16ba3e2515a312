// Trove Logs as Horizon runs: 1, 2 and 3 replicas of the built app behind Debian's haproxy
// (round-robin, no stickiness) with real Keystone, Swift and memcached
// (scripts/services/replica-set.ts, as the replicas e2e test starts them). For each N: a member's
// log listing and 50-line tail under a closed loop of fixed concurrency (req/s, p50/p95, ratio to
// N = 1) and which processes used the CPU; memory per replica; then, with 3 replicas, a rolling
// restart (SIGTERM, exit, start, /readyz 200, next) while a member follows a log.
//
//   eval "$(bash scripts/services/memcached.sh env)"
//   bash /work/wt/heavy.sh npx vite-node --config vitest.config.mts bench/replicas.ts -- \
//     [--seconds 15] [--concurrency 16] [--mb 4] [--port 3560] [--replicas 3]
import { existsSync } from "node:fs";
import { join } from "node:path";
import { requireKeystone } from "../scripts/services/keystone-env";
import { startReplicaSet } from "../scripts/services/replica-set";
import { option } from "./lib/cli-options";
import { writeLevelledLog } from "./lib/levelled-log";
import { REPO_ROOT } from "./lib/repo-root";
import { say } from "./lib/stats";
import { printTable } from "./lib/table";
import { measureReplicas, type ReplicaRound } from "./replicas/measure-round";
import { rollingRestart } from "./replicas/rolling-restart";

const seconds = Number(option("seconds", "15"));
const concurrency = Number(option("concurrency", "16"));
const mb = Number(option("mb", "4"));
const port = Number(option("port", "3560"));
const most = Number(option("replicas", "3"));

if (!existsSync(join(REPO_ROOT, ".next", "BUILD_ID"))) {
  throw new Error("no build: run `bash /work/wt/heavy.sh npx next build` (or `npx next build`) first");
}
const keystone = await requireKeystone();
const rounds: ReplicaRound[] = [];
let restart: Awaited<ReturnType<typeof rollingRestart>> | undefined;

for (let count = 1; count <= most; count++) {
  say(`${count} replica(s) behind haproxy on 127.0.0.1:${port}`);
  // Keystone token checks cached as deployed (the default 60 s; the e2e test uses 2 s).
  const env = { TROVE_LOGS_KEYSTONE_VALIDATION_CACHE: "60" };
  const set = await startReplicaSet({ root: REPO_ROOT, keystone, haproxyPort: port, count, env });
  try {
    const lines = await writeLevelledLog(set.logFile, mb * 1e6);
    rounds.push(await measureReplicas(set, keystone, { seconds, concurrency, lines }));
    if (count === most) restart = await rollingRestart(set, keystone);
  } finally {
    await set.stop();
  }
}

const first = rounds[0]!;
const ratio = (value: number, base: number) => `${(value / base).toFixed(2)}×`;
console.log(`\n${mb} MB published log, ${concurrency} concurrent clients, ${seconds} s per route and N\n`);
printTable([
  [
    "route",
    "replicas",
    "req/s",
    "vs 1",
    "p50 ms",
    "p95 ms",
    "p95 vs 1",
    "failed",
    "CPU (cores) during the run",
  ],
  ...rounds.flatMap((round) =>
    (["listing", "tail"] as const).map((route) => {
      const figures = round[route];
      const base = first[route];
      return [
        route === "listing" ? "GET …/log" : "GET …/log/general/tail?lines=50",
        String(round.count),
        figures.perSecond.toFixed(1),
        ratio(figures.perSecond, base.perSecond),
        figures.p50.toFixed(1),
        figures.p95.toFixed(1),
        ratio(figures.p95, base.p95),
        String(figures.failed),
        figures.cpu,
      ];
    }),
  ),
]);
console.log("\nMemory per replica after the load (VmRSS of the server process; + its `npm start` wrapper)\n");
printTable([
  ["replicas", "server RSS MB (each)", "wrapper RSS MB (each)"],
  ...rounds.map((round) => [
    String(round.count),
    round.rssMb.map((rss) => rss.toFixed(0)).join(", "),
    round.wrapperMb.map((rss) => rss.toFixed(0)).join(", "),
  ]),
]);
if (restart) {
  console.log(`\nRolling restart of ${most} replicas while a member follows the log\n`);
  printTable([
    ["replica", "stop (SIGTERM → exit) s", "exit code", "start → /readyz 200 s"],
    ...restart.steps.map((step) => [
      step.name,
      step.stopS.toFixed(1),
      String(step.code),
      step.startS.toFixed(1),
    ]),
  ]);
  console.log(
    `\ntotal ${restart.totalS.toFixed(1)} s; the follower: ${restart.follow.polls} polls (follow + tail), ` +
      `${restart.follow.errors.length} errors, slowest ${restart.follow.slowestMs.toFixed(0)} ms, ` +
      `${restart.follow.liveBytes} bytes of live lines`,
  );
  for (const error of restart.follow.errors.slice(0, 10)) console.log(`  error: ${error}`);
}
for (const round of rounds) {
  for (const route of ["listing", "tail"] as const) {
    const failure = round[route].firstFailure;
    if (failure) console.log(`first failure (${route}, N=${round.count}): ${failure}`);
  }
}
process.exit(restart && restart.follow.errors.length > 0 ? 1 : 0);
