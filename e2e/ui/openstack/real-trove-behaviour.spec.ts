// The dashboard in openstack mode coping with what a REAL Trove 18 does (recorded in
// lib/server/trove/testing/real-trove/), short of running one: its own server with TROVE_LOGS_REGION
// set to a region of its own, whose `database` endpoint is a STAND-IN (e2e/fixtures/trove-standin.ts)
// in front of our Trove API that replays the real Trove's answers (a guest traceback in a 400, the 401
// of keystonemiddleware), stops answering or goes down. Swift and Keystone are the real ones.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Page } from "@playwright/test";
import { expect, test } from "../../fixtures/browser";
import { writeLogFile } from "../../fixtures/api";
import {
  keystoneFormLogin,
  keystoneServer,
  latestToken,
  requireKeystone,
  type KeystoneTestEnv,
} from "../../fixtures/keystone";
import { registerRegion } from "../../fixtures/keystone-region";
import { KEYSTONE_INSTANCES } from "../../fixtures/keystone-run";
import { startOpenstackDashboard } from "../../fixtures/openstack-dashboard";
import { TroveStandIn } from "../../fixtures/trove-standin";
import { logRow, screenshot, toast, viewerLine } from "../../fixtures/ui";

const REGION = "RegionE2ETroveStandIn";
const PORT = Number(process.env.TROVE_LOGS_E2E_PORT ?? 3310) + 85;
const TROVE_TIMEOUT_S = 4;
/** A page's first answers pass two servers, and Keystone checks each new token twice: a busy machine needs time. */
const FIRST_LOAD_MS = 15_000;
const instance = KEYSTONE_INSTANCES.demoMysql;
const content = Array.from(
  { length: 300 },
  (_, i) => `2026-12-01T20:40:25Z ${i + 1} Query SELECT ${i + 1}\n`,
).join("");

let keystone: KeystoneTestEnv;
let standIn: TroveStandIn;
let region: Awaited<ReturnType<typeof registerRegion>> | undefined;
let server: Awaited<ReturnType<typeof startOpenstackDashboard>> | undefined;
let dir: string;

test.use({ baseURL: `http://127.0.0.1:${PORT}` });
test.describe.configure({ mode: "serial", timeout: 120_000 });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  keystone = await requireKeystone();
  dir = mkdtempSync(join(tmpdir(), "trove-logs-real-trove-"));
  standIn = new TroveStandIn(new URL(keystoneServer.url));
  await standIn.open();
  region = await registerRegion(keystone, REGION, `http://127.0.0.1:${standIn.port}/v1.0/%(project_id)s`);
  server = await startOpenstackDashboard(PORT, keystone, {
    dataDir: join(dir, "data"),
    region: REGION,
    troveTimeoutSeconds: TROVE_TIMEOUT_S,
    // Long: a token refused now is refused by Trove, before this dashboard's own check notices.
    validationCacheSeconds: 600,
  });
});

test.afterAll(async () => {
  server?.stop();
  await standIn?.down();
  await region?.remove();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test.afterEach(() => {
  standIn.clearReplays();
  standIn.relay();
});

const login = (page: Page, user: "demo" | "admin") => keystoneFormLogin(page, keystone, user);

/** Starts from the demo log published by the demo project itself, in its own account. */
async function publishedByTenant(page: Page) {
  writeLogFile(keystoneServer.logFile(instance, "general"), content);
  for (const body of [
    { name: "general", discard: 1 },
    { name: "general", publish: 1 },
  ]) {
    const response = await page.request.post(`/api/instances/${instance}/log`, { data: body });
    expect(response.status(), await response.text()).toBe(200);
  }
}

test("TROVE_LOGS_REGION picks the region's Trove: the instances come through the stand-in", async ({
  page,
}) => {
  await login(page, "demo");
  await expect(page.getByRole("link", { name: "ks-demo-mysql" })).toBeVisible();
  expect(standIn.seen).toContain("GET /instances");
});

test("a guest traceback in Trove's 400 is one line; admins can open the whole text, members cannot", async ({
  page,
}) => {
  standIn.replay({
    method: "POST",
    path: new RegExp(`^/instances/${instance}/log$`),
    logName: "nosuchlog",
    recording: "15-err-unknown-log-name.json",
  });
  await login(page, "demo");
  await page.goto(`/project/instances/${instance}/logs/nosuchlog`);
  const failure = page.getByRole("alert").filter({ hasText: "Could not load the log" });
  await expect(failure).toContainText("Log 'nosuchlog' is not defined.");
  await expect(failure).not.toContainText("Traceback");
  await expect(failure).not.toContainText("communicating with the guest");
  await expect(failure.getByText("Details")).toHaveCount(0);
  const asMember = await page.request.get(`/api/instances/${instance}/log/nosuchlog/lines?tail=10`);
  expect(asMember.status()).toBe(400);
  expect((await asMember.json()).error).toEqual({
    code: "bad_request",
    message: "Log 'nosuchlog' is not defined.",
  });

  await page.context().clearCookies();
  await login(page, "admin");
  await page.goto(`/admin/instances/${instance}/logs/nosuchlog`);
  await expect(failure).toContainText("Log 'nosuchlog' is not defined.");
  await expect(failure.locator("pre")).toBeHidden();
  await failure.getByText("Details").click();
  await expect(failure.locator("pre")).toContainText("Traceback (most recent call last):");
  await expect(failure.locator("pre")).toContainText(
    "trove.common.exception.NotFound: Log 'nosuchlog' is not defined.",
  );
  await screenshot(page, "openstack-guest-error-details");
});

test("an admin publishing another project's log is told first that Trove writes it into the admin's account", async ({
  page,
}) => {
  await login(page, "demo");
  await publishedByTenant(page); // the members' own copy, which the admin's token may not read
  // The members themselves publish without a question.
  await page.goto(`/project/instances/${instance}?tab=logs`);
  await logRow(page, "general").getByRole("button", { name: "Publish general" }).click();
  await expect(toast(page, "Published log general")).toBeVisible();
  await expect(page.getByRole("alertdialog")).toHaveCount(0);

  await page.context().clearCookies();
  await login(page, "admin");
  await page.goto(`/admin/instances/${instance}?tab=logs`);
  const row = logRow(page, "general");
  await row.getByRole("button", { name: "Publish general" }).click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toContainText("Publish into your own account?");
  await expect(dialog).toContainText(
    "OpenStack Trove writes what you publish into your own project's Swift account, not into the account of the project that owns this instance.",
  );
  await expect(dialog).toContainText("the project's members cannot");
  await screenshot(page, "openstack-admin-publish-warning");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toHaveCount(0);
  const before = standIn.seen.length;
  await row.getByRole("button", { name: "Publish general" }).click();
  await dialog.getByRole("button", { name: "Publish into my account" }).click();
  await expect(toast(page, "Published log general")).toBeVisible();
  expect(standIn.seen.slice(before)).toContain(`POST /instances/${instance}/log`);

  // The admin's viewer reads the admin's own account (where a real Trove writes an admin's publish);
  // the copy here is in the project's account (our Trove writes into the owner's), which the admin's
  // token may not read: it says where the copy is instead of failing.
  await row.getByRole("link", { name: "View general" }).click();
  const lines = page.getByRole("log", { name: "Log lines" });
  await expect(lines.getByText("No copy of this log here")).toBeVisible();
  await expect(lines).toContainText("the copy is in another project's account");
  await expect(lines).toContainText("switch to the instance's project");
  // …and switching there shows it: the hint is true.
  const switched = await page.request.post("/api/auth/project", {
    data: { project: keystone.projects.demo },
  });
  expect(switched.status(), await switched.text()).toBe(200);
  await page.goto(`/admin/instances/${instance}/logs/general`);
  await expect(viewerLine(page, 300)).toContainText("300 Query SELECT 300");
});

test("a tenant whose published log is in someone else's account is told so, and gets a full copy", async ({
  page,
}) => {
  await login(page, "demo");
  await publishedByTenant(page);
  // What a real Trove leaves after an admin's publish: Trove counts the log as published, the demo
  // account holds none of it (here: the demo copy deleted from Swift with the demo user's token).
  const token = latestToken("demo", join(dir, "data"));
  const account = `http://127.0.0.1:8080/v1/AUTH_${keystone.projects.demo}/database_logs`;
  const listing = await fetch(`${account}?prefix=${instance}/&format=json`, {
    headers: { "X-Auth-Token": token },
  });
  const names = ((await listing.json()) as Array<{ name: string }>).map((entry) => entry.name);
  expect(names.length).toBeGreaterThan(1);
  for (const name of names) {
    const deleted = await fetch(`${account}/${name}`, {
      method: "DELETE",
      headers: { "X-Auth-Token": token },
    });
    expect(deleted.status).toBe(204);
  }

  await page.goto(`/project/instances/${instance}/logs/general`);
  const lines = page.getByRole("log", { name: "Log lines" });
  await expect(lines.getByText("No copy of this log here")).toBeVisible();
  await expect(lines).toContainText(
    "your project's Swift account holds no copy of them. OpenStack Trove writes a published log into the Swift account of whoever publishes it, so a copy an administrator published is in the administrator's own account.",
  );
  await screenshot(page, "openstack-copy-elsewhere");
  await lines.getByRole("button", { name: "Publish a full copy here" }).click();
  await expect(viewerLine(page, 300)).toContainText("300 Query SELECT 300");
  await expect(lines.getByText("No copy of this log here")).toHaveCount(0);
});

test("Trove refusing the session's token (keystonemiddleware's 401) ends the session: back to the login page", async ({
  page,
}) => {
  await login(page, "demo");
  await page.goto(`/project/instances/${instance}?tab=logs`);
  await expect(logRow(page, "general")).toBeVisible({ timeout: FIRST_LOAD_MS });
  const cookies = await page.context().cookies();
  standIn.replay({ method: "GET", path: /\/log$/, recording: "24-err-no-token.json" });
  await expect(page).toHaveURL(/\/login\?.*reason=expired/, { timeout: 15_000 });
  await expect(page.getByText("Your session has expired")).toBeVisible();
  // Keystone still takes the token and this dashboard's own check would for minutes: the session was
  // ended because Trove refused it. A copy of the old cookie is refused from now on.
  const replayed = await page.request.get("/api/auth/session", {
    headers: { Cookie: cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join("; ") },
  });
  expect(replayed.status()).toBe(401);
});

test("Trove down, then silent mid-flow: a 503 that says so within the timeout, and all is well once it is back", async ({
  page,
}) => {
  await login(page, "demo");
  await page.goto(`/project/instances/${instance}?tab=logs`);
  await expect(logRow(page, "general")).toBeVisible({ timeout: FIRST_LOAD_MS });
  const stale = page.getByRole("status").filter({ hasText: "Could not refresh the logs" });

  await standIn.down(); // the table polls Trove every few seconds
  await expect(stale).toContainText("Trove (the database service) is unreachable: ECONNREFUSED.");
  await expect(logRow(page, "general")).toBeVisible(); // the last known state stays
  await standIn.open();
  await expect(stale).toHaveCount(0, { timeout: 15_000 });

  standIn.hang(); // RabbitMQ gone: trove-api holds the request while it waits for its guest agent
  const started = Date.now();
  await expect(stale).toContainText(
    `Trove (the database service) did not answer within ${TROVE_TIMEOUT_S} s. Try again later.`,
    { timeout: 20_000 },
  );
  // One poll interval (3 s) at most before the request, then the timeout.
  expect(Date.now() - started).toBeLessThan((TROVE_TIMEOUT_S + 3 + 3) * 1000);
  await screenshot(page, "openstack-trove-silent");
  standIn.relay();
  await expect(stale).toHaveCount(0, { timeout: 15_000 });
  await logRow(page, "general").getByRole("button", { name: "Publish general" }).click();
  await expect(toast(page, "Published log general")).toBeVisible();
});
