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
  await expect(page.getByRole("heading", { name: "general log" })).toBeVisible();
});

test("the viewer at 390 px: one row of labelled icon buttons, the lines in the upper half, More shows the rest", async ({
  page,
}, testInfo) => {
  await page.setViewportSize(PHONE);
  await signIn(page, "demo");
  const published = await page.request.post(`/api/instances/${ORDERS_DB}/log`, {
    data: { name: "general", publish: 1 },
  });
  expect(published.status(), await published.text()).toBe(200);
  await page.goto(`/project/instances/${ORDERS_DB}/logs/general`);
  const lines = page.getByRole("log", { name: "Log lines" });
  // The layout is final once the lines are in and the timeline has replaced its placeholder.
  await expect(lines.locator("[data-line]").last()).toBeInViewport({ timeout: 30_000 });
  await expect(page.getByRole("region", { name: "Timeline" }).locator("[aria-busy]")).toHaveCount(0, {
    timeout: 30_000,
  });

  const toolbar = page.getByRole("toolbar", { name: "Log viewer" });
  const primary = [
    /^(Enable & publish|Publish & refresh)$/,
    "Follow",
    "Jump to start",
    "Jump to end",
    "More",
  ];
  const buttons = primary.map((name) => toolbar.getByRole("button", { name, exact: true }));
  for (const button of buttons) await expect(button).toBeInViewport({ ratio: 1 });
  // Read in one go: the header above can still grow a line (the log's details arrive) and move them all.
  const handles = await Promise.all(buttons.map((button) => button.elementHandle()));
  const tops = await page.evaluate(
    (elements) => elements.map((element) => Math.round(element!.getBoundingClientRect().top)),
    handles,
  );
  expect(new Set(tops).size, "the toolbar's buttons share one row").toBe(1);
  const wrap = toolbar.getByRole("button", { name: "Wrap lines" });
  await expect(wrap).toBeHidden();

  // The lines start in the upper half of the screen and end on it.
  const region = (await lines.boundingBox())!;
  expect(region.y).toBeLessThan(PHONE.height / 2);
  expect(region.y + region.height).toBeLessThanOrEqual(PHONE.height);
  await expect(lines.locator("[data-line]").last()).toBeInViewport();
  await expect(page).toHaveTitle("general · orders-db · Trove Logs", { timeout: 30_000 });
  await shot(page, testInfo, "phone-viewer");

  // More: every other control, each with its name, and they work.
  const more = toolbar.getByRole("button", { name: "More" });
  await more.tap();
  await expect(more).toHaveAttribute("aria-expanded", "true");
  for (const control of [
    toolbar.getByRole("textbox", { name: "Line number" }),
    toolbar.getByRole("button", { name: "Go to line" }),
    toolbar.getByRole("textbox", { name: /Time/ }),
    toolbar.getByRole("button", { name: "Go to time" }),
    wrap,
    toolbar.getByRole("button", { name: "Last N lines" }),
    toolbar.getByRole("link", { name: "Download" }),
    toolbar.getByRole("button", { name: "Keyboard shortcuts" }),
  ]) {
    await expect(control).toBeVisible();
  }
  await shot(page, testInfo, "phone-viewer-more");
  const wrapped = await wrap.getAttribute("aria-pressed");
  await wrap.tap();
  await expect(wrap).not.toHaveAttribute("aria-pressed", wrapped!);
  await more.tap();
  await expect(wrap).toBeHidden();
  await expect(lines.locator("[data-line]").last()).toBeInViewport();
});
