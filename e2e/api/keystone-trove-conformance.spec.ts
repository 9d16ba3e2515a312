// Our Trove API against a real Trove 18, request by request: status codes, body keys (recursively),
// value types and status strings must be the same, except the deliberate differences of
// e2e/fixtures/trove-conformance/differences.ts, each of which must show exactly as described.
// First the real answers recorded in lib/server/trove/testing/real-trove/; then, with TROVE_LOGS_TEST_TROVE_URL
// (scripts/services/trove.sh), a running Trove next to ours on every request of requests.ts.
import { expect, test } from "@playwright/test";
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { writeLogFile } from "../fixtures/api";
import { keystoneServer, requireKeystone, type KeystoneTestEnv } from "../fixtures/keystone";
import { KEYSTONE_INSTANCES } from "../fixtures/keystone-run";
import { DIFFERENCES, type Observed } from "../fixtures/trove-conformance/differences";
import { judge } from "../fixtures/trove-conformance/judge";
import { recordedAnswer } from "../fixtures/trove-conformance/recorded";
import { LIVE, RECORDED, RESET, type ConformanceRequest } from "../fixtures/trove-conformance/requests";
import { probeOf, send, Tokens, type Side } from "../fixtures/trove-conformance/sides";

const UNKNOWN = "00000000-0000-4000-8000-000000000000";
const instance = KEYSTONE_INSTANCES.opsMariadb;

let keystone: KeystoneTestEnv;
let tokens: Tokens;
let ours: Side;
test.beforeAll(async () => {
  keystone = await requireKeystone();
  tokens = new Tokens(keystone);
  // ks-ops-mariadb (project ops, mariadb 10.11, every log exposed to members as in the recordings).
  ours = {
    name: "ours",
    origin: keystoneServer.url,
    owner: "ops-user",
    outsider: "demo",
    names: {
      project: keystone.projects.ops,
      outsider_project: keystone.projects.demo,
      admin_project: keystone.projects.admin,
      instance,
      other_instance: KEYSTONE_INSTANCES.demoMysql,
      unknown: UNKNOWN,
    },
    datastore: "mariadb",
  };
});
test.describe.configure({ mode: "serial" });

/** Lines in our instance's four logs, so that their statuses are those of a live guest's. */
function seedOurLogs(): void {
  const line = (log: string, i: number) =>
    `2026-12-01T20:40:${String(i).padStart(2, "0")} ${log} line ${i}\n`;
  for (const log of ["general", "slow_query", "error", "guest"]) {
    const file =
      log === "general"
        ? keystoneServer.logFile(instance, log)
        : join(keystoneServer.dataDir, "logs", instance, `mariadb-${log}.log`);
    writeLogFile(file, Array.from({ length: 30 }, (_, i) => line(log, i)).join(""));
  }
}

async function reset(sides: Side[]): Promise<void> {
  for (const request of RESET) for (const side of sides) await send(side, request, tokens);
}

/** Sends one request to our side, and to Trove's when it runs (else the recording answers). */
async function both(request: ConformanceRequest, trove: Side | undefined): Promise<[Observed, Observed]> {
  const differences = DIFFERENCES.filter((difference) => request.id in difference.requests);
  const watch = async (side: Side) =>
    Promise.all(differences.flatMap((d) => (d.observe ? [d.observe(probeOf(side, tokens))] : [])));
  const around = async (side: Side): Promise<Observed> => {
    const after = await watch(side);
    const answer = await send(side, request, tokens);
    const observed = await Promise.all(after.map((done) => done()));
    return observed.length > 0 ? { ...answer, observed: observed[0] } : answer;
  };
  const real = trove ? await around(trove) : recordedAnswer(request.id);
  return [real, await around(ours)];
}

async function compare(requests: ConformanceRequest[], trove: Side | undefined) {
  const problems: string[] = [];
  let compared = 0;
  for (const request of requests) {
    if (request.setup) {
      for (const side of trove ? [trove, ours] : [ours]) await send(side, request, tokens);
      continue;
    }
    const [real, mine] = await both(request, trove);
    problems.push(...judge(request.id, real, mine));
    compared++;
  }
  return { problems, compared };
}

test("the real Trove 18 answers recorded in lib/server/trove/testing/real-trove/: ours have the same shapes", async () => {
  test.setTimeout(180_000);
  seedOurLogs();
  await reset([ours]);
  try {
    const { problems, compared } = await compare(RECORDED, undefined);
    expect(problems, problems.join("\n")).toEqual([]);
    expect(compared).toBe(27);
  } finally {
    await reset([ours]);
  }
});

test("a running Trove 18 (TROVE_LOGS_TEST_TROVE_URL) and ours answer every request alike", async () => {
  test.setTimeout(600_000);
  const url = process.env.TROVE_LOGS_TEST_TROVE_URL;
  const need = [
    "TROVE_LOGS_TEST_TROVE_URL",
    "TROVE_LOGS_TEST_TROVE_INSTANCE",
    "TROVE_LOGS_TEST_TROVE_OTHER_INSTANCE",
  ];
  const unset = need.filter((name) => !process.env[name]);
  if (unset.length > 0) {
    throw new Error(
      `${unset.join(", ")} not set: no real Trove to compare with. Start one with ` +
        "`bash scripts/services/trove.sh start` and eval its `export TROVE_LOGS_TEST_TROVE_*` lines " +
        "(npm test does). The recorded answers were compared in the test above.",
    );
  }
  const trove: Side = {
    name: "Trove",
    origin: url!.replace(/\/+$/, ""),
    owner: "demo",
    outsider: "ops-user",
    names: {
      project: keystone.projects.demo,
      outsider_project: keystone.projects.ops,
      admin_project: keystone.projects.admin,
      instance: process.env.TROVE_LOGS_TEST_TROVE_INSTANCE!,
      other_instance: process.env.TROVE_LOGS_TEST_TROVE_OTHER_INSTANCE!,
      unknown: UNKNOWN,
    },
    datastore: process.env.TROVE_LOGS_TEST_TROVE_DATASTORE ?? "mariadb",
  };
  // The recordings' Trove (and ours) show members every log: trove.sh sets that on its guests.
  await exposeOnTrove(EVERY_LOG);
  try {
    const listed = await send(trove, { id: "exposed", as: "owner", method: "GET", path: LOG_PATH }, tokens);
    const names = (listed.body as { logs?: Array<{ name: string }> } | undefined)?.logs?.map(
      (log) => log.name,
    );
    expect(names, `Trove must show members ${EVERY_LOG} (guest_log_exposed_logs): ${listed.text}`).toEqual(
      EVERY_LOG.split(","),
    );
    seedOurLogs();
    await reset([trove, ours]);
    const { problems, compared } = await compare(LIVE, trove);
    expect(problems, problems.join("\n")).toEqual([]);
    expect(compared).toBe(LIVE.filter((request) => !request.setup).length);
  } finally {
    await reset([trove, ours]);
    await exposeOnTrove("default");
  }
});

const EVERY_LOG = "general,slow_query,error,guest";
const LOG_PATH = "/v1.0/{project}/instances/{instance}/log";

/** `trove.sh expose LIST` (restarts only the guest agents), when the environment says how to run it. */
async function exposeOnTrove(list: string): Promise<void> {
  const control = process.env.TROVE_LOGS_TEST_TROVE_CONTROL;
  if (!control) return;
  await promisify(execFile)("bash", ["-c", `${control} "$@"`, "trove.sh", "expose", list], {
    timeout: 180_000,
  });
}
