// The dashboard in `openstack` mode: signed in through Keystone, it drives a Trove it finds in the
// catalog (our Trove log API, served by the Keystone-mode test server) and reads the published log
// from Swift with the user's token — the same tenant flow as in embedded mode.
import { type Page } from "@playwright/test";
import { expect, test } from "../../fixtures/browser";
import { writeLogFile } from "../../fixtures/api";
import {
  keystoneFormLogin,
  keystoneServer,
  requireKeystone,
  type KeystoneTestEnv,
} from "../../fixtures/keystone";
import { KEYSTONE_INSTANCES } from "../../fixtures/keystone-run";
import { downloadBytes, logRow, screenshot, toast, viewerLine } from "../../fixtures/ui";

const instance = KEYSTONE_INSTANCES.demoMysql;
const content = Array.from(
  { length: 300 },
  (_, i) => `2026-11-25T10:00:00Z ${i + 1} Query SELECT ${i === 119 ? "'proxied needle'" : i + 1}\n`,
).join("");

let keystone: KeystoneTestEnv;
test.beforeAll(async () => {
  keystone = await requireKeystone();
});
test.describe.configure({ timeout: 120_000 });

const login = (page: Page, user: "demo" | "admin", project: string) =>
  keystoneFormLogin(page, keystone, user, project);

test("tenant flow through a proxied Trove and Swift: publish, view, search, download, discard", async ({
  page,
}) => {
  await login(page, "demo", "demo");
  // Start from nothing published (through the same proxy).
  const reset = await page.request.post(`/api/instances/${instance}/log`, {
    data: { name: "general", discard: 1 },
  });
  expect(reset.status(), await reset.text()).toBe(200);
  writeLogFile(keystoneServer.logFile(instance, "general"), content);

  await page.getByRole("link", { name: "ks-demo-mysql" }).click();
  await page.getByRole("tab", { name: "Logs" }).click();
  const row = logRow(page, "general");
  await expect(row).toBeVisible();
  await row.getByRole("button", { name: "Publish general" }).click();
  await expect(toast(page, "Published log general")).toBeVisible();
  await expect(row.getByText("Published")).toBeVisible();
  await screenshot(page, "openstack-logs-tab");

  await row.getByRole("link", { name: "View general" }).click();
  await expect(viewerLine(page, 300)).toContainText("300 Query SELECT 300");
  await page.getByRole("search").getByRole("searchbox").fill("proxied needle");
  await page.getByRole("search").getByRole("searchbox").press("Enter");
  await expect(page.getByRole("search").getByRole("status")).toHaveText("1 of 1");
  await expect(viewerLine(page, 120)).toBeInViewport();
  await screenshot(page, "openstack-viewer");

  const download = await downloadBytes(page, page.getByRole("link", { name: /Download/ }).first());
  expect(download.name).toMatch(/^ks-demo-mysql-general-\d{8}T\d{6}Z\.log$/);
  expect(download.bytes.equals(Buffer.from(content))).toBe(true);

  await page.goBack();
  await page.goto(`/project/instances/${instance}?tab=logs`);
  await logRow(page, "general").getByRole("button", { name: "Discard general" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Discard" }).click();
  await expect(toast(page, "Discarded the published general log")).toBeVisible();
  await expect(logRow(page, "general").getByRole("link", { name: "View general" })).toHaveCount(0);
});

test("an admin sees every project's instances through Trove's management API", async ({ page }) => {
  await login(page, "admin", "admin");
  await page.goto("/admin/instances");
  await expect(page.getByRole("link", { name: "ks-demo-mysql" })).toBeVisible();
  await expect(page.getByRole("link", { name: "ks-ops-mariadb" })).toBeVisible();
  await page.getByRole("link", { name: "ks-ops-mariadb" }).click();
  await page.getByRole("tab", { name: "Logs" }).click();
  await expect(logRow(page, "guest")).toBeVisible();
});
