// The authorization matrix in Keystone mode (the keystone-api server: real Keystone, logs in Swift):
// anonymous, demo (member of demo) and admin (admin role, signed into demo) against every /api,
// /api/admin and /v1.0 route; the Trove API with their Keystone tokens, the dashboard with their
// cookies, and each credential where it doesn't belong (a token on /api, a cookie on /v1.0).
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { dashboardCells } from "../fixtures/authorization/dashboard-cells";
import { matrixReport, runMatrix } from "../fixtures/authorization/matrix";
import { publishWorld } from "../fixtures/authorization/publish-world";
import { troveCells } from "../fixtures/authorization/trove-cells";
import type { MatrixInstance, MatrixWorld } from "../fixtures/authorization/world";
import { signIn, signOut, switchProject } from "../fixtures/fuzz/sessions";
import { keystoneServer, latestToken, requireKeystone, type KeystoneTestEnv } from "../fixtures/keystone";
import { KEYSTONE_INSTANCES } from "../fixtures/keystone-run";
import { currentRun } from "../fixtures/run";

const url = keystoneServer.url;
const marker = (what: string) => `ks-matrix-${what}-${randomUUID().slice(0, 8)}`;
const markers = (place: string) =>
  Object.fromEntries(["general", "guest", "error"].map((log) => [log, marker(`${place}-${log}`)]));
/** keystone-run.ts configures each instance's general log; the others live in the data directory. */
const fileOf = (instance: MatrixInstance, log: string) =>
  log === "general"
    ? keystoneServer.logFile(instance.id, log)
    : join(keystoneServer.dataDir, "logs", instance.id, `${instance.type}-${log}.log`);

let keystone: KeystoneTestEnv;
let world: MatrixWorld;
let restore: (() => Promise<void>) | undefined;
const sessions: Record<string, { cookie: string; token: string }> = {};
/** Sessions that ended: a replayed cookie opens nothing, like no cookie at all. */
const ENDED = ["member's cookie after logout", "admin's cookie from before a project switch"] as const;
const ended: Record<string, string> = {};

test.describe.configure({ mode: "serial" });
test.beforeAll(async () => {
  keystone = await requireKeystone();
  world = {
    own: { id: KEYSTONE_INSTANCES.demoMysql, name: "ks-demo-mysql", type: "mysql", markers: markers("own") },
    other: {
      id: KEYSTONE_INSTANCES.opsMariadb,
      name: "ks-ops-mariadb",
      type: "mariadb",
      markers: markers("other"),
    },
    unknownId: "e2e00000-0000-4000-8000-0000000001ff",
    exposedLog: "general",
    hiddenLogs: ["guest", "error"],
    projects: { own: keystone.projects.demo, other: keystone.projects.ops },
  };
  for (const user of ["demo", "admin"] as const) {
    const cookie = await signIn(url, { username: user, password: keystone.passwords[user], project: "demo" });
    // The token Keystone issued for that session: what python-troveclient would send as X-Auth-Token.
    sessions[user] = { cookie, token: latestToken(user) };
  }
  const loggedOut = await signIn(url, { username: "demo", password: keystone.passwords.demo });
  await signOut(url, loggedOut);
  const admin = { username: "admin", password: keystone.passwords.admin, project: "demo" };
  const switchedAway = await signIn(url, admin);
  await switchProject(url, switchedAway, keystone.projects.ops);
  Object.assign(ended, { [ENDED[0]]: loggedOut, [ENDED[1]]: switchedAway });
  restore = await publishWorld(url, sessions.admin!.cookie, world, fileOf);
});
test.afterAll(async () => {
  await restore?.();
});

test("authorization matrix, Keystone: every cell answers exactly as the rules say and leaks nothing", async () => {
  test.setTimeout(180_000);
  const fresh = (user: "demo" | "admin") => () =>
    signIn(url, { username: user, password: keystone.passwords[user], project: "demo" });
  const cells = [
    ...dashboardCells(world, ["anonymous", "member", "admin", "member's token", ...ENDED]),
    ...troveCells(world, ["anonymous", "member", "admin", "member's cookie"]),
  ];
  const failures = await runMatrix(cells, {
    baseUrl: url,
    credentials: {
      anonymous: {},
      // Both credentials: the cookie opens the dashboard API, the token the Trove API.
      member: { ...sessions.demo, fresh: fresh("demo") },
      admin: { ...sessions.admin, fresh: fresh("admin") },
      "member's token": { token: sessions.demo!.token },
      "member's cookie": { cookie: sessions.demo!.cookie },
      ...Object.fromEntries(ENDED.map((subject) => [subject, { cookie: ended[subject] }])),
    },
    internalPaths: [currentRun().dir, process.cwd()],
    ids: [world.other.id, world.unknownId],
  });
  const report = matrixReport("Keystone", cells, failures);
  console.log(report.split("\n")[0]);
  expect(failures, report).toEqual([]);
});
