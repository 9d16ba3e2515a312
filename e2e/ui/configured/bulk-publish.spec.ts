import { expect, test } from "../../fixtures/browser";
import { loginAs } from "../../fixtures/api";
import { INSTANCES } from "../../fixtures/run";
import { generalLine, logRow, resetLog, screenshot, signIn, toast } from "../../fixtures/ui";

// Issue 11, "Actions that do what they say": publishing several logs says when it turns one on.
const id = INSTANCES.mysql;
const lines = (count: number) =>
  Array.from({ length: count }, (_, i) => `${generalLine(i + 1, `SELECT ${i + 1}`)}\n`).join("");

test("'Publish selected' says 'Enable & publish selected' and names the Disabled log it enables", async ({
  page,
}) => {
  await resetLog(id, "general", lines(5));
  const admin = await loginAs("admin");
  const enabled = await admin.post(`/api/instances/${id}/log`, { data: { name: "general", enable: 1 } });
  expect(enabled.status(), await enabled.text()).toBe(200);
  await admin.dispose();
  await resetLog(id, "slow_query", lines(3), { disable: true });
  await signIn(page, "demo");
  await page.goto(`/project/instances/${id}?tab=logs`);
  const slow = logRow(page, "slow_query");
  await expect(slow.getByText("Disabled", { exact: true })).toBeVisible();
  await expect(logRow(page, "general").getByText("Disabled", { exact: true })).toHaveCount(0);

  await page.getByRole("checkbox", { name: "Select general" }).check();
  await expect(page.getByRole("button", { name: "Publish selected", exact: true })).toBeEnabled();
  await expect(page.getByText("1 selected", { exact: true })).toBeVisible();

  await page.getByRole("checkbox", { name: "Select slow_query" }).check();
  const bulk = page.getByRole("button", { name: "Enable & publish selected", exact: true });
  await expect(bulk).toBeEnabled();
  await expect(page.getByRole("button", { name: "Publish selected", exact: true })).toHaveCount(0);
  await expect(page.getByText("2 selected · publishing enables slow_query")).toBeVisible();
  await screenshot(page, "bulk-enable-and-publish");

  await bulk.click();
  await expect(toast(page, "Published log slow_query")).toBeVisible();
  await expect(toast(page, "Published log general")).toBeVisible();
  await expect(slow.getByText("Published", { exact: true })).toBeVisible();
  await expect(slow.getByRole("button", { name: "Disable slow_query" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Publish selected", exact: true })).toBeDisabled();
});
