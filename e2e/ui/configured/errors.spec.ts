import { expect, test } from "../../fixtures/browser";
import { rmSync } from "node:fs";
import { INSTANCES } from "../../fixtures/run";
import { writeLogFile } from "../../fixtures/api";
import {
  generalLine,
  logRow,
  publishLog,
  publishedBytes,
  resetLog,
  run,
  signIn,
  toast,
  viewerLine,
} from "../../fixtures/ui";

const id = INSTANCES.mysql;
const slowFile = run.logFile(id, "slow_query");
// What the tenant reads: what happened, not the server's file path.
const missingReason =
  "Nothing has been written to this log ('slow_query') yet, so there is nothing to publish.";
const goneReason =
  "The file of log 'slow_query' is gone (rotated away or removed): there is nothing new to publish, and the " +
  "published copy stays as it is.";

test("a failing publish shows the server's reason in a toast", async ({ page }) => {
  await resetLog(id, "slow_query", null); // nothing published, and no file
  await signIn(page, "demo");
  await page.goto(`/project/instances/${id}?tab=logs`);

  const row = logRow(page, "slow_query");
  await row.getByRole("button", { name: "Publish slow_query" }).click();
  const failure = toast(page, "Could not publish log slow_query");
  await expect(failure).toBeVisible();
  await expect(failure).toContainText(missingReason);
  await expect(publishedBytes(row)).toHaveAttribute("value", "0");
  await expect(row.getByRole("link", { name: "View slow_query" })).toHaveCount(0);

  // Once the file exists, the same button publishes.
  writeLogFile(slowFile, "# Query_time: 1.5\nSELECT 1;\n");
  await row.getByRole("button", { name: "Publish slow_query" }).click();
  await expect(toast(page, "Published log slow_query")).toBeVisible();
  await expect(publishedBytes(row)).toHaveAttribute("value", "28");
});

test("a failed publish's note on the row goes once a later publish succeeds, Follow's included", async ({
  page,
}) => {
  await resetLog(id, "slow_query", null);
  await signIn(page, "demo");
  await page.goto(`/project/instances/${id}?tab=logs`);
  const row = logRow(page, "slow_query");
  await row.getByRole("button", { name: "Publish slow_query" }).click();
  await expect(toast(page, "Could not publish log slow_query")).toBeVisible();
  await expect(row).toContainText(`Last publish failed: ${missingReason}`);

  // The file appears; Follow in the viewer shows it live and publishes it when it stops.
  writeLogFile(
    slowFile,
    Array.from({ length: 3 }, (_, i) => `${generalLine(i + 1, `SELECT ${i + 1}`)}\n`).join(""),
  );
  await page.goto(`/project/instances/${id}/logs/slow_query`);
  const follow = page.getByRole("toolbar", { name: "Log viewer" }).getByRole("button", { name: "Follow" });
  await follow.click();
  const live = page.getByRole("region", { name: "Live lines, not yet published" });
  await expect(live).toContainText("SELECT 3");
  await follow.click();
  await expect(follow).toHaveAttribute("aria-pressed", "false");
  await expect(viewerLine(page, 3)).toContainText("SELECT 3");

  await page.goto(`/project/instances/${id}?tab=logs`);
  await expect(row.getByText("Published", { exact: true })).toBeVisible();
  await expect(row).not.toContainText("Last publish failed");
});

test("the viewer of a never-published log offers to publish and shows why it cannot", async ({ page }) => {
  await resetLog(id, "slow_query", null);
  await signIn(page, "demo");
  await page.goto(`/project/instances/${id}/logs/slow_query`);

  const lines = page.getByRole("log", { name: "Log lines" });
  await expect(lines.getByText("Nothing published yet")).toBeVisible();
  await expect(lines.locator("[data-line]")).toHaveCount(0);
  await expect(page.getByRole("search").getByRole("searchbox")).toBeDisabled();

  await lines.getByRole("button", { name: "Publish now" }).click();
  await expect(lines.getByRole("alert")).toHaveText(`Publish failed: ${missingReason}`);

  // The log gets a file: "Publish now" brings its lines in, without a reload.
  writeLogFile(
    slowFile,
    Array.from({ length: 5 }, (_, i) => `${generalLine(i + 1, `SELECT ${i + 1}`)}\n`).join(""),
  );
  await lines.getByRole("button", { name: "Publish now" }).click();
  await expect(viewerLine(page, 5)).toContainText("SELECT 5");
  await expect(lines.getByText("Nothing published yet")).toHaveCount(0);
});

test("the viewer keeps its lines when the file is gone, and survives a discard made elsewhere", async ({
  page,
}) => {
  const content = Array.from({ length: 2_500 }, (_, i) => `${generalLine(i + 1, `SELECT ${i + 1}`)}\n`).join(
    "",
  );
  await resetLog(id, "slow_query", content);
  expect(await publishLog(id, "slow_query")).toMatchObject({ published: Buffer.byteLength(content) });
  await signIn(page, "demo");
  await page.goto(`/project/instances/${id}/logs/slow_query`);
  await expect(viewerLine(page, 2_500)).toContainText("SELECT 2500");

  // The file disappears (rotated away, instance rebuilt): a publish fails with the reason, the
  // published copy stays readable.
  rmSync(slowFile);
  await page
    .getByRole("toolbar", { name: "Log viewer" })
    .getByRole("button", { name: "Publish & refresh" })
    .click();
  await expect(page.getByRole("alert").filter({ hasText: "Publish failed" })).toHaveText(
    `Publish failed: ${goneReason}`,
  );
  await expect(viewerLine(page, 2_500)).toContainText("SELECT 2500");

  // Discarded elsewhere (another tab, another user): moving to lines not loaded yet finds nothing
  // published and says so instead of failing.
  await resetLog(id, "slow_query", null);
  await page.keyboard.press("g");
  const lines = page.getByRole("log", { name: "Log lines" });
  await expect(lines.getByText("Nothing published yet")).toBeVisible();
  await expect(lines.locator("[data-line]")).toHaveCount(0);
});
