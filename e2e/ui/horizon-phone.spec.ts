import { expect, test } from "../fixtures/browser";
import { ORDERS_DB, PHONE, shot } from "../fixtures/horizon";
import { logRow, signIn, toast } from "../fixtures/ui";

// Issue 11, "Horizon habits" at 390 px: a menu instead of the side navigation, every action in reach.
test.use({ hasTouch: true });

test("the side navigation folds into a menu button", async ({ page }, testInfo) => {
  await page.setViewportSize(PHONE);
  await signIn(page, "admin");
  await page.goto("/project/instances");
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
  const menuButton = page.getByRole("button", { name: "Navigation menu" });
  await expect(menuButton).toBeInViewport();
  await shot(page, testInfo, "phone-instances");

  await menuButton.tap();
  const menu = page.getByRole("menu");
  await expect(menu).toContainText("Project · Database");
  await expect(menu).toContainText("Admin · Database");
  await shot(page, testInfo, "phone-navigation-menu");
  await menu.getByRole("menuitem", { name: "Instances" }).last().tap();
  await expect(page).toHaveURL(/\/admin\/instances$/);
});

test("the log table's actions are in a row menu; status help opens on a tap and never says hover", async ({
  page,
}, testInfo) => {
  await page.setViewportSize(PHONE);
  await signIn(page, "demo");
  await page.goto(`/project/instances/${ORDERS_DB}?tab=logs`);
  const general = logRow(page, "general");
  const menuButton = general.getByRole("button", { name: "Actions for general" });
  await expect(menuButton).toBeInViewport({ ratio: 1, timeout: 30_000 });
  await expect(page.getByRole("main")).not.toContainText(/hover/i);
  await shot(page, testInfo, "phone-log-table");

  // A tap on a status shows what it means (no hover on a phone).
  await general.locator("td").nth(3).locator("[tabindex='0']").first().tap();
  await expect(page.getByRole("tooltip")).toBeAttached();
  await shot(page, testInfo, "phone-status-tooltip");

  await menuButton.tap();
  await page.getByRole("menuitem", { name: /^(Enable & publish|Publish)$/ }).tap();
  await expect(toast(page, "Published log general")).toBeVisible({ timeout: 30_000 });
  await menuButton.tap();
  const menu = page.getByRole("menu");
  await expect(menu.getByRole("menuitem", { name: "Download" })).toBeVisible();
  await expect(menu.getByRole("menuitem", { name: "Discard…" })).toBeVisible();
  await shot(page, testInfo, "phone-log-row-menu");
  await menu.getByRole("menuitem", { name: "View" }).tap();
  await expect(page).toHaveURL(new RegExp(`/logs/general$`));

  // The viewer starts above the fold: its lines, up to the last one, are on the first screen.
  const lines = page.getByRole("log", { name: "Log lines" });
  await expect(lines.locator("[data-line]").last()).toBeInViewport();
  const region = await lines.boundingBox();
  // Above the fold: the lines start on the first screen with room for several of them.
  expect(region!.y).toBeLessThan(PHONE.height - 200);
  expect(region!.y + region!.height).toBeLessThanOrEqual(PHONE.height);
  await expect(page).toHaveTitle("general · orders-db · Trove Logs", { timeout: 30_000 });
  await shot(page, testInfo, "phone-viewer");
});
