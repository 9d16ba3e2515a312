// A project member's whole log flow in Chromium against the LIVE real Trove 18 of
// scripts/services/trove.sh: the instance from trove-api, the general log switched on in the guest's
// MariaDB by the guest agent (over RabbitMQ), a statement run there, published by the agent into the
// member's Swift account, read back in the viewer, and downloaded byte for byte as `openstack database
// log save` writes it. Then the SYS logs the operator exposes to members.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "../../fixtures/browser";
import { keystoneFormLogin } from "../../fixtures/keystone";
import {
  clearPublished,
  generalLogOn,
  guestQuery,
  liveAction,
  liveLog,
  liveTroveForSpec,
  troveControl,
  uniqueMarker,
} from "../../fixtures/live-trove";
import { openstackCli } from "../../fixtures/openstack-cli";
import { downloadBytes, logRow, screenshot, toast } from "../../fixtures/ui";

const live = liveTroveForSpec(88);

test("tenant: the general log switched on in the guest's MariaDB, published, viewed, searched, followed, downloaded", async ({
  page,
}) => {
  const { trove, keystone } = live();
  const id = trove.instance;
  const api = `/api/instances/${id}`;
  const [first, followed] = [uniqueMarker("first"), uniqueMarker("followed")];

  // Instances and overview come from trove-api: only the project's own.
  await keystoneFormLogin(page, keystone, "demo");
  await expect(page.getByRole("link", { name: "demo-db" })).toBeVisible();
  await expect(page.getByRole("link", { name: "ops-db" })).toHaveCount(0);
  // From whatever an earlier run left: general off, nothing published in the demo account.
  if ((await liveLog(page.request, api, "general")).status !== "Disabled") {
    await liveAction(page.request, api, { name: "general", disable: 1 });
  }
  await page.getByRole("link", { name: "demo-db" }).click();
  await expect(page.getByRole("heading", { name: "demo-db" })).toBeVisible();
  const overview = page.getByRole("tabpanel", { name: "Overview" });
  await expect(overview.getByText(id, { exact: true })).toBeVisible();
  // Datastore and its version in two fields, as Horizon shows them.
  await expect(overview.getByText("MariaDB", { exact: true })).toBeVisible();
  await expect(overview.getByText(trove.datastoreVersion, { exact: true })).toBeVisible();

  // The Logs tab: Trove's default exposed logs for members, general off in MariaDB.
  await page.getByRole("tab", { name: "Logs" }).click();
  const row = logRow(page, "general");
  await expect(row.getByText("Disabled", { exact: true })).toBeVisible();
  await expect(logRow(page, "slow_query")).toBeVisible();
  await expect(logRow(page, "guest")).toHaveCount(0);
  await expect(logRow(page, "error")).toHaveCount(0);
  expect(await generalLogOn(trove)).toBe(0);

  await row.getByRole("button", { name: "Enable general" }).click();
  await expect(toast(page, "Enabled log general")).toBeVisible();
  await expect(row.getByRole("button", { name: "Disable general" })).toBeVisible();
  expect(await generalLogOn(trove), "the guest agent switched MariaDB's general_log on").toBe(1);
  await clearPublished(page.request, api, "general");

  await guestQuery(trove, `SELECT '${first}'`);
  await row.getByRole("button", { name: "Publish general" }).click();
  await expect(toast(page, "Published log general")).toBeVisible();
  await screenshot(page, "live-trove-logs-tab");

  // The viewer reads what the guest agent wrote into Swift: the statement is there.
  await row.getByRole("link", { name: "View general" }).click();
  const lines = page.getByRole("log", { name: "Log lines" });
  await expect(lines.getByText(`SELECT '${first}'`)).toBeVisible();
  const search = page.getByRole("search");
  await search.getByRole("searchbox").fill(first);
  await search.getByRole("searchbox").press("Enter");
  await expect(search.getByRole("status")).toHaveText("1 of 1");
  await screenshot(page, "live-trove-viewer");

  // Download = what python-troveclient's `log save` assembles from the same Swift objects.
  const toolbar = page.getByRole("toolbar", { name: "Log viewer" });
  const download = await downloadBytes(page, toolbar.getByRole("link", { name: "Download" }));
  expect(download.name).toMatch(/^[A-Za-z0-9._-]+-general-\d{8}T\d{6}Z\.log$/);
  expect(download.bytes.toString()).toContain(`SELECT '${first}'`);
  const saved = join(live().scratch, "general.log");
  await openstackCli(keystone, "demo", ["database", "log", "save", id, "general", "--file", saved], {
    home: live().scratch,
    region: trove.region,
  });
  expect(download.bytes.equals(readFileSync(saved)), "the download is what `log save` writes").toBe(true);

  // Follow publishes through Trove (at most every 15 s per log): a statement run now shows by itself.
  const follow = toolbar.getByRole("button", { name: "Follow" });
  await follow.click();
  await expect(follow).toHaveAttribute("aria-pressed", "true");
  await guestQuery(trove, `SELECT '${followed}'`);
  await expect(lines.getByText(`SELECT '${followed}'`)).toBeVisible({ timeout: 60_000 });
  await follow.click();
  await expect(follow).toHaveAttribute("aria-pressed", "false");

  // Discard and disable from the Logs tab: MariaDB's general log is off again.
  await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "Logs" }).click();
  await row.getByRole("button", { name: "Discard general" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Discard" }).click();
  await expect(toast(page, "Discarded the published general log")).toBeVisible();
  await expect(row.getByRole("link", { name: "View general" })).toHaveCount(0);
  await row.getByRole("button", { name: "Disable general" }).click();
  await expect(toast(page, "Disabled log general")).toBeVisible();
  await expect(row.getByText("Disabled", { exact: true })).toBeVisible();
  expect(await generalLogOn(trove), "the guest agent switched MariaDB's general_log off").toBe(0);
});

test("the operator exposes guest and error to members: the member sees them, publishes and reads error", async ({
  page,
}) => {
  const { trove, keystone } = live();
  const id = trove.instance;
  await troveControl(trove, "expose", "guest,error,general,slow_query"); // restarts the guest agents
  try {
    await keystoneFormLogin(page, keystone, "demo");
    await page.goto(`/project/instances/${id}?tab=logs`);
    await expect(logRow(page, "guest")).toBeVisible({ timeout: 30_000 });
    const row = logRow(page, "error");
    await expect(row.getByText("SYS", { exact: true })).toBeVisible();
    await expect(row.getByRole("button", { name: "Disable error" })).toHaveCount(0);
    await row.getByRole("button", { name: "Publish error" }).click();
    await expect(toast(page, "Published log error")).toBeVisible();
    await row.getByRole("link", { name: "View error" }).click();
    // MariaDB's own error log (log_error), as the guest agent published it.
    await expect(page.getByRole("log", { name: "Log lines" })).toContainText(/\[(Note|Warning|ERROR)\]/);
    await screenshot(page, "live-trove-error-log");
    await liveAction(page.request, `/api/instances/${id}`, { name: "error", discard: 1 });
  } finally {
    await troveControl(trove, "expose", "default");
  }
});
