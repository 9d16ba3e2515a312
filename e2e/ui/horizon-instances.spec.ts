import { expect, test } from "../fixtures/browser";
import { ANALYTICS_PG, instanceRow, shot } from "../fixtures/horizon";
import { signIn, toast } from "../fixtures/ui";

// Issue 11, "Horizon habits": the Instances table and the instance page behave as Horizon's do.

test("instances table: a filter box over name, ID, datastore and status, Horizon's item count", async ({
  page,
}, testInfo) => {
  await signIn(page, "demo");
  await page.goto("/project/instances");
  const count = page.getByTestId("instance-count");
  const filter = page.getByRole("searchbox", { name: "Filter instances" });
  await expect(count).toHaveText("Displaying 2 items");

  await filter.fill("postgres");
  await expect(count).toHaveText("Displaying 1 item");
  await expect(instanceRow(page, "analytics-pg")).toBeVisible();
  await expect(instanceRow(page, "orders-db")).toHaveCount(0);

  await filter.fill("3F8E2A61"); // part of orders-db's id, any case
  await expect(instanceRow(page, "orders-db")).toBeVisible();
  await expect(count).toHaveText("Displaying 1 item");

  await filter.fill("no such instance");
  await expect(count).toHaveText("Displaying 0 items");
  await expect(page.getByText("No instance matches the filter")).toBeVisible();
  await shot(page, testInfo, "instances-filter-empty");

  await filter.press("Escape");
  await expect(filter).toHaveValue("");
  await expect(count).toHaveText("Displaying 2 items");
  await shot(page, testInfo, "instances-table");
});

test("instances table: a row Actions menu opens the logs, the overview, or asks before a restart", async ({
  page,
}, testInfo) => {
  await signIn(page, "demo");
  await page.goto("/project/instances");
  await page.getByRole("button", { name: "Actions for analytics-pg" }).click();
  const menu = page.getByRole("menu");
  await expect(menu.getByRole("menuitem")).toHaveText(["View logs", "Overview", "Restart instance"]);
  await shot(page, testInfo, "instances-row-menu");

  await menu.getByRole("menuitem", { name: "Restart instance" }).click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toContainText("Restart instance analytics-pg?");
  await expect(dialog).toContainText("unavailable for a moment");
  await shot(page, testInfo, "instances-restart-confirm");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page).toHaveURL(/\/project\/instances$/); // nothing else happened

  await page.getByRole("button", { name: "Actions for analytics-pg" }).click();
  await page.getByRole("menuitem", { name: "View logs" }).click();
  await expect(page).toHaveURL(new RegExp(`/project/instances/${ANALYTICS_PG}\\?tab=logs$`));
  await expect(page.getByRole("tab", { name: "Logs" })).toHaveAttribute("aria-selected", "true");
});

test("instance page: an Actions button restarts after a confirm; the Overview shows what Trove shows", async ({
  page,
}, testInfo) => {
  await signIn(page, "demo");
  await page.goto(`/project/instances/${ANALYTICS_PG}`);
  await expect(page).toHaveTitle("analytics-pg · Trove Logs", { timeout: 30_000 });
  const field = (label: string) =>
    page.locator("dl[aria-label=Overview] > div").filter({ has: page.getByText(label, { exact: true }) });
  await expect(field("Datastore")).toContainText("PostgreSQL", { timeout: 30_000 });
  await expect(field("Datastore version")).toContainText("15.6");
  await expect(field("Created")).toContainText(/^Created\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/);
  await expect(field("Updated")).toContainText(/UTC$/);
  await expect(field("Status")).toBeVisible();
  // The demo runs on no Nova flavor or Cinder volume: nothing invented.
  await expect(field("Flavor")).toHaveCount(0);
  await expect(field("Volume size")).toHaveCount(0);
  await shot(page, testInfo, "instance-overview");

  await page.getByRole("button", { name: "Actions", exact: true }).click();
  await page.getByRole("menuitem", { name: "Restart instance" }).click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toContainText("Restart instance analytics-pg?");
  await dialog.getByRole("button", { name: "Restart", exact: true }).click();
  await expect(toast(page, "Restarted instance analytics-pg")).toBeVisible({ timeout: 30_000 });
  await expect(field("Status")).toContainText("Active");
  await shot(page, testInfo, "instance-restarted");
});
