import { expect, test } from "../../fixtures/browser";
import { appendLogFile, loginAs, writeLogFile } from "../../fixtures/api";
import { INSTANCES } from "../../fixtures/run";
import {
  generalLine,
  logRow,
  publishLog,
  resetLog,
  run,
  screenshot,
  signIn,
  toast,
  viewerLine,
} from "../../fixtures/ui";

// Issue 11, "Actions that do what they say": each action's label, outcome and toast tell the truth.
const id = INSTANCES.mysql;
const missingReason =
  "Nothing has been written to this log ('slow_query') yet, so there is nothing to publish.";
/** Lines `from`…`to` of a test log, each one different. */
const lines = (to: number, from = 1) =>
  Array.from({ length: to - from + 1 }, (_, i) => `${generalLine(from + i, `SELECT ${from + i}`)}\n`).join(
    "",
  );

async function toggle(name: string, action: "enable" | "disable") {
  const admin = await loginAs("admin");
  const response = await admin.post(`/api/instances/${id}/log`, { data: { name, [action]: 1 } });
  expect(response.status(), await response.text()).toBe(200);
  await admin.dispose();
}

test("a publish that succeeds after a failure shows a success toast without the old error", async ({
  page,
}) => {
  await resetLog(id, "slow_query", null); // no file: the publish fails
  await toggle("slow_query", "enable");
  await signIn(page, "demo");
  await page.goto(`/project/instances/${id}?tab=logs`);
  const row = logRow(page, "slow_query");
  await row.getByRole("button", { name: "Publish slow_query", exact: true }).click();
  await expect(toast(page, "Could not publish log slow_query")).toContainText(missingReason);

  writeLogFile(run.logFile(id, "slow_query"), lines(3));
  await row.getByRole("button", { name: "Publish slow_query", exact: true }).click();
  const success = toast(page, "Published log slow_query");
  await expect(success).toBeVisible();
  await expect(success).not.toContainText(missingReason);
  await expect(success).not.toContainText("Could not publish");
  await expect(toast(page, missingReason)).toHaveCount(0);
  await screenshot(page, "actions-success-after-failure");
});

test("a Disabled USER log offers 'Enable & publish', and publishing enables it", async ({ page }) => {
  await resetLog(id, "slow_query", lines(3), { disable: true });
  await signIn(page, "demo");
  await page.goto(`/project/instances/${id}?tab=logs`);
  const row = logRow(page, "slow_query");
  await expect(row.getByText("Disabled", { exact: true })).toBeVisible();
  const enableAndPublish = row.getByRole("button", { name: "Enable & publish slow_query", exact: true });
  await expect(enableAndPublish).toHaveText("Enable & publish");
  await expect(row.getByRole("button", { name: "Publish slow_query", exact: true })).toHaveCount(0);
  await screenshot(page, "actions-enable-and-publish-row");

  await enableAndPublish.click();
  await expect(toast(page, "Published log slow_query")).toBeVisible();
  await expect(row.getByText("Published", { exact: true })).toBeVisible();
  await expect(row.getByText("Disabled", { exact: true })).toHaveCount(0);
  await expect(row.getByRole("button", { name: "Disable slow_query" })).toBeVisible();
  // Enabled now: its publish keeps the plain label.
  await expect(row.getByRole("button", { name: "Publish slow_query", exact: true })).toHaveText("Publish");

  // Disabled again with its copy kept: the viewer's publish says it enables the log, too.
  await toggle("slow_query", "disable");
  await page.goto(`/project/instances/${id}/logs/slow_query`);
  await expect(viewerLine(page, 3)).toContainText("SELECT 3");
  const toolbar = page.getByRole("toolbar", { name: "Log viewer" });
  await expect(toolbar.getByRole("button", { name: "Enable & publish", exact: true })).toBeVisible();
  await expect(toolbar.getByRole("button", { name: "Publish & refresh" })).toHaveCount(0);
  await screenshot(page, "actions-enable-and-publish-viewer");
  appendLogFile(run.logFile(id, "slow_query"), lines(5, 4));
  await toolbar.getByRole("button", { name: "Enable & publish", exact: true }).click();
  await expect(viewerLine(page, 5)).toContainText("SELECT 5");
  await expect(toolbar.getByRole("button", { name: "Publish & refresh", exact: true })).toBeVisible();

  await page.goto(`/project/instances/${id}?tab=logs`);
  await expect(row.getByText("Published", { exact: true })).toBeVisible();
  await expect(row.getByRole("button", { name: "Disable slow_query" })).toBeVisible();
});

test("the viewer of a never-published Disabled log offers 'Enable & publish'", async ({ page }) => {
  await resetLog(id, "slow_query", lines(4), { disable: true });
  await signIn(page, "demo");
  await page.goto(`/project/instances/${id}/logs/slow_query`);
  const log = page.getByRole("log", { name: "Log lines" });
  await expect(log.getByText("Nothing published yet")).toBeVisible();
  await expect(log.getByRole("button", { name: "Publish now" })).toHaveCount(0);
  await log.getByRole("button", { name: "Enable & publish", exact: true }).click();
  await expect(viewerLine(page, 4)).toContainText("SELECT 4");
  await expect(
    page.getByRole("toolbar", { name: "Log viewer" }).getByRole("button", { name: "Publish & refresh" }),
  ).toBeVisible();
  await screenshot(page, "actions-enabled-from-viewer");
});

test("a burst of clicks on 'Publish & refresh' sends one publish", async ({ page }) => {
  await resetLog(id, "slow_query", lines(10));
  await publishLog(id, "slow_query");
  appendLogFile(run.logFile(id, "slow_query"), lines(12, 11));
  await signIn(page, "demo");
  await page.goto(`/project/instances/${id}/logs/slow_query`);
  await expect(viewerLine(page, 10)).toContainText("SELECT 10");

  const publishes: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST" && new URL(request.url()).pathname === `/api/instances/${id}/log`)
      publishes.push(request.postData() ?? "");
  });
  const button = page
    .getByRole("toolbar", { name: "Log viewer" })
    .getByRole("button", { name: "Publish & refresh", exact: true });
  // Five clicks in one go, before the page can re-render the button as busy (an impatient user), once
  // the button works (the page's lines are on screen before its scripts have run).
  await expect(button).toBeEnabled();
  await button.evaluate((element: HTMLElement) => {
    for (let click = 0; click < 5; click++) element.click();
  });
  await expect(viewerLine(page, 12)).toContainText("SELECT 12");
  await expect(button).toBeEnabled();
  await page.waitForTimeout(500); // anything else the burst started would have gone out by now
  expect(publishes).toHaveLength(1);
  expect(JSON.parse(publishes[0]!)).toMatchObject({ name: "slow_query", publish: 1 });
  await screenshot(page, "actions-publish-burst");
});
