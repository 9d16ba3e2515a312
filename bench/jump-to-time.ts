/**
 * Benchmark (issue 11, "Time and filtering"): jump to a time and the whole-log timeline on a ~1 GB
 * (~8 M lines) MySQL general log published into the real Swift (Keystone auth), in one run:
 *
 *   ours  GET …/log/general/time?at=<random instant>   (binary search over the publish-time index,
 *         then one range read of one object), p50/p95, cold first call apart
 *         GET …/log/general/timeline?buckets=120         p50/p95, cold first call apart
 *   peer  `openstack database log save` of the same log, then `awk` for the first line at or after
 *         the instant (what an operator without the viewer does): save once + scan per instant;
 *         for the timeline, save + one `awk` pass counting lines per bucket of the same width
 *
 *   npx vite-node --config vitest.config.mts bench/jump-to-time.ts -- [--mb 1024] [--jumps 200] [--scans 5]
 *       [--port 3400] [--dir /dev/shm]
 * Run it under `flock /tmp/trove-logs-e2e.lock` (Keystone's catalog sends the CLI to the e2e port).
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { option } from "./lib/cli-options";
import { run, toolEnv } from "./lib/run-command";
import { now, percentile, say } from "./lib/stats";
import { readDemoOpenrc } from "./openstack/keystone";
import { withPublishedApp, type PublishedApp } from "./openstack/published-app";

const MEGABYTES = Number(option("mb", "1024"));
const JUMPS = Math.max(20, Number(option("jumps", "200")));
const SCANS = Math.max(1, Number(option("scans", "5")));
const BASE_DIR = option("dir", "/dev/shm");
const PORT = Number(option("port", "3400"));
/** The source log's clock: 50 lines per millisecond from 2026-11-25T10:00:00Z (bench/openstack/source-log.ts). */
const BASE = Date.UTC(2026, 10, 25, 10, 0, 0);

const ms = (values: number[]) =>
  `p50 ${percentile(values, 50).toFixed(1)} ms, p95 ${percentile(values, 95).toFixed(1)} ms`;

async function main() {
  await withPublishedApp({ megabytes: MEGABYTES, dir: BASE_DIR, port: PORT }, measure);
}

async function measure({ client, cookie, logPath, source, instanceId, scratch }: PublishedApp) {
  const get = async (path: string) => {
    const t = now();
    const answer = await client.request("GET", `${logPath}/general/${path}`, { cookie });
    if (answer.status !== 200) throw new Error(`${path}: ${answer.status} ${answer.body.toString()}`);
    return { ms: now() - t, body: JSON.parse(answer.body.toString()) };
  };
  const span = Math.floor(source.lines / 50);
  const instant = (k: number) => new Date(BASE + ((k * 7_919_993) % span) + 0.5).toISOString();

  // ---- ours: timeline first (cold: reads the index), then jumps
  const timelineCold = await get("timeline?buckets=120");
  const timeline: number[] = [];
  for (let k = 0; k < 30; k += 1) timeline.push((await get("timeline?buckets=120")).ms);
  say(
    `timeline: cold ${timelineCold.ms.toFixed(1)} ms, warm ${ms(timeline)} (${timelineCold.body.unindexed_objects} unindexed objects)`,
  );
  const jumpCold = await get(`time?at=${instant(0)}`);
  const jumps: number[] = [];
  const answers = new Map<string, number>();
  for (let k = 1; k <= JUMPS; k += 1) {
    const at = instant(k);
    const answer = await get(`time?at=${at}`);
    jumps.push(answer.ms);
    if (k <= SCANS) answers.set(at, answer.body.line);
  }
  say(`jump to time: cold ${jumpCold.ms.toFixed(1)} ms, warm ${ms(jumps)} over ${JUMPS} random instants`);

  // ---- peer: log save, then awk for the first line at or after each instant
  const file = join(scratch, "saved.log");
  const openstackEnv = { ...readDemoOpenrc(), ...toolEnv(scratch), OS_INTERFACE: "public" };
  const started = now();
  await run("/usr/bin/openstack", ["database", "log", "save", instanceId, "general", "--file", file], {
    env: openstackEnv,
  });
  const save = now() - started;
  const scans: number[] = [];
  let agree = 0;
  for (const [at, line] of answers) {
    const target = at.replace("Z", "000Z"); // the log's stamps carry microseconds
    const scan = await run("/usr/bin/awk", ["-v", `t=${target}`, "$1 >= t { print NR; exit }", file], {
      env: { LC_ALL: "C" },
    });
    scans.push(scan.seconds * 1000);
    if (Number(scan.stdout.trim()) === line) agree += 1;
  }
  // The timeline an operator can make from the saved file: lines per bucket, one pass of awk.
  const { first_time: from, last_time: to } = timelineCold.body as {
    first_time: string;
    last_time: string;
  };
  const width = (Date.parse(to) - Date.parse(from)) / 1000 / 120;
  // Seconds within the month, as awk reads them from a stamp (the log spans minutes, not months).
  const start = new Date(from);
  const startSeconds =
    start.getUTCDate() * 86_400 +
    start.getUTCHours() * 3600 +
    start.getUTCMinutes() * 60 +
    start.getUTCSeconds() +
    start.getUTCMilliseconds() / 1000;
  const histogram = await run(
    "/usr/bin/awk",
    [
      "-v",
      `width=${width}`,
      "-v",
      `from=${startSeconds}`,
      // 2026-11-25T10:00:00.000000Z: day, hours, minutes, seconds.micros
      `{ t = substr($1,9,2) * 86400 + substr($1,12,2) * 3600 + substr($1,15,2) * 60 + substr($1,18,9)
           b = int((t - from) / width); if (b < 0) b = 0; if (b > 119) b = 119; n[b]++ }
         END { for (k = 0; k < 120; k++) printf "%d ", n[k]; print "" }`,
      file,
    ],
    { env: { LC_ALL: "C" } },
  );
  const peerBuckets = histogram.stdout.trim().split(" ").map(Number);
  const peerTimeline = save + histogram.seconds * 1000;
  rmSync(file, { force: true });
  say(
    `peer: log save ${(save / 1000).toFixed(2)} s, then awk ${ms(scans)}; same line as ours: ${agree}/${answers.size}`,
  );
  const ourBuckets = (timelineCold.body as { buckets: Array<{ lines: number }> }).buckets.map((b) => b.lines);
  const apart = Math.max(...ourBuckets.map((lines, k) => Math.abs(lines - (peerBuckets[k] ?? 0))));
  say(
    `peer timeline: log save + awk histogram ${(peerTimeline / 1000).toFixed(2)} s ` +
      `(awk ${(histogram.seconds * 1000).toFixed(0)} ms); largest bucket difference from ours: ${apart} lines`,
  );
  const p95 = percentile(jumps, 95);
  const timelineP95 = percentile(timeline, 95);
  say(
    `RESULT jump p95 ${p95.toFixed(1)} ms (target ≤ 150), peer save+scan p50 ${((save + percentile(scans, 50)) / 1000).toFixed(2)} s ` +
      `= ${((save + percentile(scans, 50)) / percentile(jumps, 50)).toFixed(0)}× ours p50, scan alone ${(percentile(scans, 50) / percentile(jumps, 50)).toFixed(0)}×; ` +
      `timeline p95 ${timelineP95.toFixed(1)} ms, cold ${timelineCold.ms.toFixed(1)} ms (target < 1000), ` +
      `peer save+awk ${(peerTimeline / 1000).toFixed(2)} s = ${(peerTimeline / timelineCold.ms).toFixed(0)}× ours cold`,
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`[bench] failed: ${(error as Error).stack ?? error}`);
    process.exit(1);
  },
);
