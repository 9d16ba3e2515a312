import { expect, test } from "../../fixtures/browser";
import { INSTANCES } from "../../fixtures/run";
import { generalLine, publishLog, resetLog, screenshot, signIn, viewerLine } from "../../fixtures/ui";

// Issue 11: the keyboard works in the viewer from the start, and Esc leaves the search for the log.
const id = INSTANCES.mysql;
const TOTAL = 5_000; // more than one chunk: Home and End load new windows
const content = Array.from({ length: TOTAL }, (_, i) => `${generalLine(i + 1, `SELECT ${i + 1}`)}\n`).join(
  "",
);

test("PageUp/PageDown/Home/End work as soon as the viewer opens; Esc in the search returns to the log", async ({
  page,
}) => {
  await resetLog(id, "general", content);
  await publishLog(id, "general");
  await signIn(page, "demo");
  await page.goto(`/project/instances/${id}/logs/general`);
  const list = page.getByRole("log", { name: "Log lines" }).locator("[data-virtuoso-scroller]");
  await expect(viewerLine(page, TOTAL)).toBeInViewport();
  await expect(list).toBeFocused({ timeout: 10_000 }); // no click needed (once the page has hydrated)

  await page.keyboard.press("PageUp");
  await expect(viewerLine(page, TOTAL)).not.toBeInViewport();
  await page.keyboard.press("PageDown");
  await expect(viewerLine(page, TOTAL)).toBeInViewport();

  // Home/End reach the whole log's ends (new windows), and the keys keep working there.
  await page.keyboard.press("Home");
  await expect(viewerLine(page, 1)).toBeInViewport();
  await expect(list).toBeFocused();
  await page.keyboard.press("PageDown");
  await expect(viewerLine(page, 1)).not.toBeInViewport();
  // One page down, not far: the list moved by about its own height.
  expect(await list.evaluate((el) => el.scrollTop > 0 && el.scrollTop <= el.clientHeight * 1.5)).toBe(true);
  await screenshot(page, "viewer-keyboard-page-down");
  await page.keyboard.press("End");
  await expect(viewerLine(page, TOTAL)).toBeInViewport();
  await expect(list).toBeFocused();

  // Esc in the search box: focus back in the log, the search kept (n steps from the log).
  await page.keyboard.press("/");
  const searchbox = page.getByRole("search").getByRole("searchbox", { name: "Search" });
  await expect(searchbox).toBeFocused();
  await page.keyboard.type("SELECT 4321");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("search").getByRole("status")).toHaveText("1 of 1");
  await expect(viewerLine(page, 4321)).toBeInViewport();
  await page.keyboard.press("Escape");
  await expect(list).toBeFocused();
  await expect(searchbox).toHaveValue("SELECT 4321");
  await expect(viewerLine(page, 4321)).toHaveAttribute("aria-current", "true");
  await page.keyboard.press("PageUp");
  await expect(viewerLine(page, 4321)).not.toBeInViewport();
  await screenshot(page, "viewer-keyboard-after-escape");

  // A jump from the line field leaves the focus where the user types.
  const lineField = page.getByRole("textbox", { name: "Line number" });
  await lineField.fill("10");
  await lineField.press("Enter");
  await expect(viewerLine(page, 10)).toBeInViewport();
  await expect(lineField).toBeFocused();
});
