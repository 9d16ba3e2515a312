import { type Page } from "@playwright/test";
import { expect, test } from "../../fixtures/browser";
import { INSTANCES } from "../../fixtures/run";
import { generalLine, publishLog, resetLog, screenshot, signIn, viewerLine } from "../../fixtures/ui";

// Issue 11, "Links": a line range in the URL, copying lines or a link, and wrap remembered per browser.
const id = INSTANCES.mysql;
const texts = Array.from({ length: 600 }, (_, i) => generalLine(i + 1, `SELECT 'row ${i + 1}'`));
const content = texts.map((text) => `${text}\n`).join("");
const viewer = `/project/instances/${id}/logs/general`;
const between = (first: number, last: number) => texts.slice(first - 1, last).join("\n");
const clipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());
const wrapButton = (page: Page) =>
  page.getByRole("toolbar", { name: "Log viewer" }).getByRole("button", { name: "Wrap lines" });
const moreButton = (page: Page) =>
  page.getByRole("toolbar", { name: "Log viewer" }).getByRole("button", { name: "More" });

test.beforeAll(async () => {
  await resetLog(id, "general", content);
  await publishLog(id, "general");
});

test("?line=120-180 opens there highlighted; shift-click extends a range; lines and links are copied", async ({
  page,
}) => {
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await signIn(page, "demo");
  await page.goto(`${viewer}?line=120-180`);
  for (const line of [120, 130]) await expect(viewerLine(page, line)).toHaveAttribute("aria-current", "true");
  await expect(viewerLine(page, 120)).toBeInViewport();
  await expect(viewerLine(page, 119)).not.toHaveAttribute("aria-current", "true");
  await expect(viewerLine(page, 600)).toHaveCount(0); // not opened at the end
  const selected = page.getByRole("group", { name: "Selected lines" });
  await expect(selected).toContainText("lines 120–180");
  await screenshot(page, "viewer-line-range");

  await selected.getByRole("button", { name: "Copy lines" }).click();
  await expect(page.locator("[data-sonner-toast]").filter({ hasText: "Copied lines 120–180" })).toBeVisible();
  expect(await clipboard(page)).toBe(between(120, 180));

  // A click picks one line, Shift+click on another makes the range (in either direction).
  await viewerLine(page, 140).getByRole("link", { name: "140" }).click();
  await expect(page).toHaveURL(`${viewer}?line=140`);
  await expect(viewerLine(page, 150)).not.toHaveAttribute("aria-current", "true");
  await viewerLine(page, 134)
    .getByRole("link", { name: "134" })
    .click({ modifiers: ["Shift"] });
  await expect(page).toHaveURL(`${viewer}?line=134-140`);
  for (const line of [134, 137, 140])
    await expect(viewerLine(page, line)).toHaveAttribute("aria-current", "true");
  await expect(viewerLine(page, 141)).not.toHaveAttribute("aria-current", "true");
  await expect(page.getByRole("heading", { name: "general log" })).toBeVisible(); // no new window opened
  expect(page.context().pages()).toHaveLength(1);

  await selected.getByRole("button", { name: "Copy lines" }).click();
  await expect.poll(() => clipboard(page)).toBe(between(134, 140));
  await selected.getByRole("button", { name: "Copy link" }).click();
  await expect.poll(() => clipboard(page)).toBe(new URL(`${viewer}?line=134-140`, page.url()).href);
  await screenshot(page, "viewer-line-range-copied");

  await page.reload();
  await expect(viewerLine(page, 137)).toHaveAttribute("aria-current", "true");
  await expect(viewerLine(page, 134)).toBeInViewport();

  // One line: its text alone.
  await viewerLine(page, 137).getByRole("link", { name: "137" }).click();
  await selected.getByRole("button", { name: "Copy line" }).click();
  await expect.poll(() => clipboard(page)).toBe(texts[136]);
});

test("wrap is off by default on a wide screen and remembered by the browser", async ({ page }) => {
  await signIn(page, "demo");
  await page.goto(viewer);
  await expect(viewerLine(page, 600)).toBeVisible();
  await expect(wrapButton(page)).toHaveAttribute("aria-pressed", "false");
  await wrapButton(page).click();
  await expect(wrapButton(page)).toHaveAttribute("aria-pressed", "true");
  await page.reload();
  await expect(viewerLine(page, 600)).toBeVisible();
  await expect(wrapButton(page)).toHaveAttribute("aria-pressed", "true");
  await wrapButton(page).click();
  await page.goto(`${viewer}?line=10`);
  await expect(viewerLine(page, 10)).toBeVisible();
  await expect(wrapButton(page)).toHaveAttribute("aria-pressed", "false");
});

test.describe("on a narrow screen", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("wrap is on by default, and a choice is remembered", async ({ page }) => {
    await signIn(page, "demo");
    await page.goto(viewer);
    await expect(viewerLine(page, 600)).toBeVisible();
    await screenshot(page, "viewer-narrow-wrapped");
    // On a phone, Wrap is one of the controls behind the toolbar's More.
    await moreButton(page).click();
    await expect(wrapButton(page)).toHaveAttribute("aria-pressed", "true");
    await wrapButton(page).click();
    await expect(wrapButton(page)).toHaveAttribute("aria-pressed", "false");
    await page.reload();
    await expect(viewerLine(page, 600)).toBeVisible();
    await moreButton(page).click();
    await expect(wrapButton(page)).toHaveAttribute("aria-pressed", "false");
  });
});
