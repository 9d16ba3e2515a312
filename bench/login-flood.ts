/**
 * Benchmark: a member's 50-line tail, alone and while 32 clients keep sending wrong passwords, against
 * real servers (`scripts/start.mjs`, local identity and store, each with its own data directory):
 *   - before: a checkout of the code before sign-in was bounded (`--before <dir>`, built), if given;
 *   - hash bound only: this checkout with the throttle switched off (many names from many addresses);
 *   - defaults: this checkout as shipped (hash bound + throttle); also flooded with the cheapest public
 *     request (GET /api/auth/config) for reference.
 * The servers run side by side and are measured in turns, round after round, so that a shared
 * machine's changing load falls on all of them alike. Prints p50/p95 and the ratios.
 *   npx vite-node --config vitest.config.mts bench/login-flood.ts -- \
 *     [--port 3460] [--seconds 10] [--rounds 3] [--before /path/to/old/checkout]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { option } from "./lib/cli-options";
import { REPO_ROOT } from "./lib/repo-root";
import { percentile, say } from "./lib/stats";
import { CLIENTS, Server, writeConfig, type Flooded, type Setting } from "./login-flood/bench-server";
import { stopApp } from "./openstack/app-server";

const basePort = Number(option("port", "3460"));
const seconds = Number(option("seconds", "10"));
const rounds = Number(option("rounds", "3"));
const before = option("before", "");
const NO_THROTTLE = {
  TROVE_LOGS_LOGIN_FAILURES_PER_USER: "1000000",
  TROVE_LOGS_LOGIN_FAILURES_PER_ADDRESS: "1000000",
};

const SETTINGS: Setting[] = [
  ...(before ? [{ name: "before", root: before, env: {} }] : []),
  { name: "hash bound only", root: REPO_ROOT, env: NO_THROTTLE },
  { name: "defaults", root: REPO_ROOT, env: {}, reference: true },
];

const ms = (value: number) => `${value.toFixed(0)} ms`;
const spread = (times: number[]) =>
  `n ${times.length}, p50 ${ms(percentile(times, 50))} p95 ${ms(percentile(times, 95))} max ${ms(Math.max(...times))}`;
const ratios = (times: number[], alone: number[]) =>
  `×${(percentile(times, 50) / percentile(alone, 50)).toFixed(1)} / ×${(percentile(times, 95) / percentile(alone, 95)).toFixed(1)}`;
const loadAverage = () =>
  loadavg()
    .map((load) => load.toFixed(2))
    .join(" ");

function under(what: string, flooded: Flooded, alone: number[]): string {
  const answered = Object.values(flooded.statuses).reduce((sum, count) => sum + count, 0);
  const cpu = ((flooded.cpuSeconds / flooded.seconds) * 100).toFixed(0);
  return (
    `tail during ${CLIENTS} clients' ${what}: ${spread(flooded.tails)} (${ratios(flooded.tails, alone)}); ` +
    `${(answered / flooded.seconds).toFixed(0)} answers/s ${JSON.stringify(flooded.statuses)}, server CPU ${cpu}%`
  );
}

function report(server: Server): void {
  const { name } = server.setting;
  const { alone, logins, reference } = server.tally;
  say(`${name}: tail alone: ${spread(alone)}`);
  say(`${name}: ${under("wrong logins", logins, alone)}`);
  if (reference.tails.length > 0) say(`${name}: ${under("GET /api/auth/config", reference, alone)}`);
}

async function main() {
  const scratch = mkdtempSync(join(tmpdir(), "trove-logs-login-flood-"));
  const servers = SETTINGS.map((setting, i) => new Server(setting, basePort + i, seconds));
  say(`load average before: ${loadAverage()} (2 cores, shared)`);
  try {
    const config = writeConfig(scratch);
    for (const [i, server] of servers.entries()) {
      say(`${server.setting.name}: starting on port ${basePort + i} from ${server.setting.root}`);
      await server.start(config, join(scratch, `data-${i}`));
    }
    for (let round = 1; round <= rounds; round += 1) {
      for (const server of servers) await server.round();
      say(`round ${round} of ${rounds} done (load average ${loadAverage()})`);
    }
    for (const server of servers) report(server);
    const first = servers[0]!.tally.logins.tails;
    for (const server of servers.slice(1)) {
      const logins = server.tally.logins.tails;
      const p50 = (percentile(first, 50) / percentile(logins, 50)).toFixed(1);
      const p95 = (percentile(first, 95) / percentile(logins, 95)).toFixed(1);
      say(
        `${server.setting.name} vs ${servers[0]!.setting.name}: tail during the login flood ×${p50} (p50) / ×${p95} (p95) faster`,
      );
    }
  } finally {
    for (const server of servers) {
      await stopApp(server.app);
      server.client.close();
    }
    say(`load average after: ${loadAverage()}`);
    rmSync(scratch, { recursive: true, force: true });
  }
}

await main();
