import { type Page } from "@playwright/test";
import { expect, test } from "../fixtures/browser";
import { logRow, publishedBytes, screenshot, signIn, submitLogin, toast } from "../fixtures/ui";

// The demo server: its instances, projects and log writers are the realistic setting for the Admin view.
const ORDERS_DB = "3f8e2a61-5c4b-4d7e-9a12-7b6c0e41d9a3";

const mainNav = (page: Page) => page.getByRole("navigation", { name: "Main" });
const instanceRow = (page: Page, name: string) =>
  page.getByRole("row").filter({ has: page.getByRole("link", { name, exact: true }) });

test("admin: every project's instances, and the hidden guest log is visible and publishable", async ({
  page,
}) => {
  await page.goto("/");
  await submitLogin(page, "admin");
  await expect(page.getByTestId("current-user")).toContainText("(admin)");

  // Side navigation: Project → Database → Instances and Admin → Database → Instances.
  const adminEntry = mainNav(page).getByRole("listitem").filter({ hasText: "Admin" });
  await expect(mainNav(page).getByRole("link", { name: "Instances" })).toHaveCount(2);
  await expect(adminEntry).toContainText("Database");
  await adminEntry.getByRole("link", { name: "Instances" }).click();
  await expect(page).toHaveURL(/\/admin\/instances$/);
  await expect(adminEntry.getByRole("link", { name: "Instances" })).toHaveAttribute("aria-current", "page");

  // Every project, with a Project column.
  await expect(page.getByRole("table")).toContainText("Database instances of every project");
  await expect(page.getByRole("columnheader", { name: "Project" })).toBeVisible();
  await expect(instanceRow(page, "orders-db")).toContainText("demo");
  await expect(instanceRow(page, "analytics-pg")).toContainText("demo");
  await expect(instanceRow(page, "billing-mariadb")).toContainText("ops");
  await screenshot(page, "admin-instances");

  // The instance's Logs tab lists the SYS logs tenants never see, marked as hidden from them.
  await instanceRow(page, "orders-db").getByRole("link", { name: "orders-db" }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/instances/${ORDERS_DB}$`));
  await page.getByRole("tab", { name: "Logs" }).click();
  const guest = logRow(page, "guest");
  await expect(guest).toContainText("hidden from tenants");
  await expect(logRow(page, "error")).toContainText("hidden from tenants");
  await expect(logRow(page, "general")).toBeVisible();
  await expect(logRow(page, "general")).not.toContainText("hidden from tenants");
  // SYS logs are always on: no Enable / Disable.
  await expect(guest.getByRole("button", { name: /^(Enable|Disable) guest$/ })).toHaveCount(0);
  await screenshot(page, "admin-logs");

  // Actions land in the guest log, which is the instance's operations log (nothing invented).
  await logRow(page, "error").getByRole("button", { name: "Publish error" }).click();
  await expect(toast(page, "Published log error")).toBeVisible({ timeout: 15_000 });
  await guest.getByRole("button", { name: "Publish guest" }).click();
  await expect(toast(page, "Published log guest")).toBeVisible({ timeout: 15_000 });
  await expect(publishedBytes(guest)).not.toHaveAttribute("value", "0");
  await expect(guest.getByText("Published", { exact: true })).toBeVisible();

  // Its viewer, through the Admin dashboard, shows what Trove Logs did for the instance.
  await guest.getByRole("link", { name: "View guest" }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/instances/${ORDERS_DB}/logs/guest$`));
  await expect(page.getByRole("heading", { name: "guest log" })).toBeVisible();
  await expect(page.getByText("hidden from tenants")).toBeVisible();
  const lines = page.getByRole("log", { name: "Log lines" });
  await expect(lines.locator("[data-line]").last()).toBeInViewport();
  await expect(lines).toContainText("INFO trove_logs.guest_log [-] Publishing log 'error' from ");
  await expect(lines).toContainText("INFO trove_logs.guest_log [-] Publishing log 'guest' from ");
  await expect(lines).not.toContainText("trove.guestagent"); // no invented agent activity
  await screenshot(page, "admin-viewer");
});

test("member: no Admin navigation, no guest log, and the Admin dashboard refuses", async ({ page }) => {
  await signIn(page, "demo");
  await page.goto(`/project/instances/${ORDERS_DB}?tab=logs`);
  await expect(page.getByTestId("current-user")).toHaveText("demo");

  await expect(mainNav(page).getByRole("link", { name: "Instances" })).toHaveCount(1);
  await expect(mainNav(page)).not.toContainText("Admin");

  // The exposed logs are there; the guest (and error) logs are not.
  await expect(logRow(page, "general").getByRole("button", { name: "Publish general" })).toBeVisible();
  await expect(logRow(page, "slow_query")).toBeVisible();
  await expect(logRow(page, "guest")).toHaveCount(0);
  await expect(logRow(page, "error")).toHaveCount(0);
  await expect(page.getByText("hidden from tenants")).toHaveCount(0);

  // Typing the Admin URL shows the refusal, and the Admin API answers 403.
  await page.goto("/admin/instances");
  await expect(page.getByRole("heading", { name: "Access denied" })).toBeVisible();
  await expect(
    page.getByRole("alert").filter({ hasText: "403 — The Admin dashboard is for administrators" }),
  ).toBeVisible();
  await expect(page.getByRole("table")).toHaveCount(0);
  await expect(page.getByRole("main").getByRole("button")).toHaveCount(0); // nothing that would fail
  await screenshot(page, "admin-refused");
  for (const path of ["/api/admin/instances", `/api/admin/instances/${ORDERS_DB}/log`]) {
    const response = await page.request.get(path);
    expect(response.status(), path).toBe(403);
  }
  // A viewer URL of the guest log under /admin is refused the same way.
  await page.goto(`/admin/instances/${ORDERS_DB}/logs/guest`);
  await expect(page.getByRole("heading", { name: "Access denied" })).toBeVisible();

  // Under /project the hidden log's viewer says why (403), and offers nothing that would only fail.
  await page.goto(`/project/instances/${ORDERS_DB}/logs/guest`);
  const refusal = page.getByRole("log", { name: "Log lines" }).getByRole("alert");
  await expect(refusal).toContainText("403 — You may not view this log");
  await expect(refusal).toContainText("You must be admin to show log 'guest'.");
  const main = page.getByRole("main");
  await expect(main.getByRole("searchbox")).toBeDisabled();
  await expect(main.getByRole("link", { name: "Download" })).toHaveCount(0);
  // Of the buttons on screen, only the keyboard help can be used (no Publish, Follow or Retry).
  const usable = await main
    .locator("button:enabled")
    .evaluateAll((buttons) => buttons.filter((b) => b.checkVisibility()).map((b) => b.textContent?.trim()));
  expect(usable).toEqual(["Keyboard shortcuts"]);
  await screenshot(page, "viewer-hidden-log-refused");
});
