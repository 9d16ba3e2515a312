// Who may do what, cell by cell, on the configured server (local identity): anonymous, a member of
// project demo and an admin signed into demo, against every /api, /api/admin and /v1.0 route, on the
// project's instance, another project's and one that doesn't exist, for exposed and hidden logs.
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { run } from "../fixtures/api";
import { dashboardCells } from "../fixtures/authorization/dashboard-cells";
import { matrixReport, runMatrix } from "../fixtures/authorization/matrix";
import { publishWorld } from "../fixtures/authorization/publish-world";
import { troveCells } from "../fixtures/authorization/trove-cells";
import type { MatrixInstance, MatrixWorld } from "../fixtures/authorization/world";
import { signIn, signOut, switchProject } from "../fixtures/fuzz/sessions";
import { INSTANCES } from "../fixtures/run";

const url = run.configured.url;
const marker = (what: string) => `matrix-${what}-${randomUUID().slice(0, 8)}`;
const markers = (place: string) =>
  Object.fromEntries(["general", "guest", "error"].map((log) => [log, marker(`${place}-${log}`)]));

const world: MatrixWorld = {
  own: { id: INSTANCES.mysql, name: "e2e-mysql", type: "mysql", markers: markers("own") },
  other: { id: INSTANCES.otherProject, name: "e2e-other", type: "mariadb", markers: markers("other") },
  unknownId: "e2e00000-0000-4000-8000-0000000000ff",
  exposedLog: "general",
  hiddenLogs: ["guest", "error"],
  projects: { own: "demo", other: "ops" },
};
/** run.ts configures e2e-mysql's four files and e2e-other's general log; the rest live in the data directory. */
const fileOf = (instance: MatrixInstance, log: string) =>
  instance.id === INSTANCES.mysql || log === "general"
    ? run.logFile(instance.id, log)
    : join(run.configured.dataDir, "logs", instance.id, `${instance.type}-${log}.log`);

const member = { username: "demo", password: run.passwords.demo };
const admin = { username: "admin", password: run.passwords.admin, project: "demo" };
let cookies: { member: string; admin: string; loggedOut: string; switchedAway: string };
let restore: (() => Promise<void>) | undefined;

/** Sessions that ended (issue 9): a replayed cookie opens nothing, like no cookie at all. */
const ENDED = ["member's cookie after logout", "admin's cookie from before a project switch"] as const;

test.describe.configure({ mode: "serial" });
test.beforeAll(async () => {
  const loggedOut = await signIn(url, member);
  await signOut(url, loggedOut);
  const switchedAway = await signIn(url, admin);
  await switchProject(url, switchedAway, "ops");
  cookies = { member: await signIn(url, member), admin: await signIn(url, admin), loggedOut, switchedAway };
  restore = await publishWorld(url, cookies.admin, world, fileOf);
});
test.afterAll(async () => {
  await restore?.();
});

test("authorization matrix, local identity: every cell answers exactly as the rules say and leaks nothing", async () => {
  test.setTimeout(120_000);
  const cells = [
    ...dashboardCells(world, ["anonymous", "member", "admin", ...ENDED]),
    // The Trove API takes Keystone tokens only: a dashboard cookie opens nothing there.
    ...troveCells(world, ["anonymous", "member's cookie", "admin's cookie"]),
  ];
  const failures = await runMatrix(cells, {
    baseUrl: url,
    credentials: {
      anonymous: {},
      member: { cookie: cookies.member, fresh: () => signIn(url, member) },
      admin: { cookie: cookies.admin, fresh: () => signIn(url, admin) },
      "member's cookie": { cookie: cookies.member },
      "admin's cookie": { cookie: cookies.admin },
      [ENDED[0]]: { cookie: cookies.loggedOut },
      [ENDED[1]]: { cookie: cookies.switchedAway },
    },
    internalPaths: [run.dir, process.cwd()],
    ids: [world.other.id, world.unknownId],
  });
  const report = matrixReport("local identity", cells, failures);
  console.log(report.split("\n")[0]);
  expect(failures, report).toEqual([]);
});
