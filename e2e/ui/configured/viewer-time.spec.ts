import { type Page } from "@playwright/test";
import { expect, test } from "../../fixtures/browser";
import { INSTANCES } from "../../fixtures/run";
import { generalLine, publishLog, resetLog, screenshot, signIn, viewerLine } from "../../fixtures/ui";

// Issue 11, "Time and filtering": go to a time (?t= and the field) and the whole-log timeline.
const id = INSTANCES.mysql;
const TOTAL = 3_000; // one line a second from 10:00:01: line N is at 10:00:00 + N s
const content = Array.from({ length: TOTAL }, (_, i) => `${generalLine(i + 1, `SELECT ${i + 1}`)}\n`).join(
  "",
);
const viewer = `/project/instances/${id}/logs/general`;
const timeField = (page: Page) => page.getByRole("textbox", { name: /^Time/ });
const note = (page: Page) => page.getByRole("status").filter({ hasText: /UTC/ });
const lineInUrl = (page: Page) => Number(new URL(page.url()).searchParams.get("line"));

test.beforeAll(async () => {
  await resetLog(id, "general", content);
  await publishLog(id, "general");
});

test("?t= opens the log at the first line at or after that time, highlighted, with a search too", async ({
  page,
}) => {
  await signIn(page, "demo");
  await page.goto(`${viewer}?t=2026-11-25T10:20:00Z`);
  await expect(viewerLine(page, 1200)).toHaveAttribute("aria-current", "true");
  await expect(viewerLine(page, 1200)).toBeInViewport();
  await expect(viewerLine(page, TOTAL)).toHaveCount(0); // not opened at the end
  await expect(note(page)).toContainText("2026-11-25 10:20:00 UTC: line 1,200.");
  await expect(timeField(page)).toHaveValue("2026-11-25 10:20:00");
  expect(new URL(page.url()).searchParams.get("t")).toBe("2026-11-25T10:20:00Z");
  await screenshot(page, "viewer-time-link");

  // Between two entries: the next one. A search in the link marks matches but keeps the time's place.
  await page.goto(`${viewer}?t=${encodeURIComponent("2026-11-25 10:30:00.500")}&q=SELECT`);
  await expect(viewerLine(page, 1801)).toHaveAttribute("aria-current", "true");
  await expect(viewerLine(page, 1801)).toBeInViewport();
  await expect(note(page)).toContainText(
    "the first entry after it is line 1,801, at 2026-11-25 10:30:01 UTC",
  );
  await expect(page.getByText("3,000 matches")).toBeVisible(); // searched, and stayed at the time
  await expect(viewerLine(page, 1801)).toBeInViewport();
});

test("the time field goes to what people type, says when the log ends before it, refuses nonsense", async ({
  page,
}) => {
  await signIn(page, "demo");
  await page.goto(viewer);
  await expect(viewerLine(page, TOTAL)).toBeInViewport();
  await timeField(page).fill("2026-11-25 10:05");
  await timeField(page).press("Enter");
  await expect(viewerLine(page, 300)).toHaveAttribute("aria-current", "true");
  await expect(viewerLine(page, 300)).toBeInViewport();
  await expect(page).toHaveURL(`${viewer}?t=2026-11-25T10%3A05%3A00Z`);
  await screenshot(page, "viewer-time-field");

  // An offset is honoured: 12:10 at +02:00 is 10:10 UTC.
  await timeField(page).fill("2026-11-25T12:10:00+02:00");
  await page.getByRole("button", { name: "Go to time" }).click();
  await expect(viewerLine(page, 600)).toHaveAttribute("aria-current", "true");

  await timeField(page).fill("2026-11-25 23:00");
  await timeField(page).press("Enter");
  await expect(note(page)).toContainText("The log ends before 2026-11-25 23:00:00 UTC");
  await expect(viewerLine(page, TOTAL)).toBeInViewport();
  await screenshot(page, "viewer-time-after-end");

  await timeField(page).fill("next tuesday");
  await timeField(page).press("Enter");
  await expect(page.getByRole("alert").filter({ hasText: "Not a date and time" })).toBeVisible();
  await expect(timeField(page)).toHaveAttribute("aria-invalid", "true");
});

test("the timeline shows the whole log, a click goes there, the shaded part follows scrolling", async ({
  page,
}) => {
  await signIn(page, "demo");
  await page.goto(viewer);
  const timeline = page.getByRole("region", { name: "Timeline" });
  const track = timeline.getByRole("slider", { name: "Timeline of the whole log" });
  const shaded = timeline.getByTestId("timeline-on-screen");
  await expect(track).toBeVisible();
  await expect(timeline).toContainText("2026-11-25 10:00 – 2026-11-25 10:50 UTC");
  await expect(track.locator("[data-bucket]").first()).toHaveAttribute("title", /UTC · \d+ lines?/);
  await expect(shaded).toHaveAttribute("data-to", /^11\d$/); // the tail is on screen: the last buckets
  await screenshot(page, "viewer-timeline");

  // A quarter of the way along: about a quarter into the log.
  const box = (await track.boundingBox())!;
  await track.click({ position: { x: box.width * 0.25, y: box.height / 2 } });
  await expect.poll(() => lineInUrl(page)).toBeGreaterThan(650);
  expect(lineInUrl(page)).toBeLessThan(850);
  const landed = lineInUrl(page);
  await expect(viewerLine(page, landed)).toHaveAttribute("aria-current", "true");
  await expect(viewerLine(page, landed)).toBeInViewport();
  const shadedAt = Number(await shaded.getAttribute("data-from"));
  expect(shadedAt).toBeGreaterThanOrEqual(25);
  expect(shadedAt).toBeLessThanOrEqual(35);

  // Scrolling the lines moves the shaded part along.
  await page.getByRole("log", { name: "Log lines" }).hover();
  for (let i = 0; i < 4; i++) await page.mouse.wheel(0, 2_000);
  await expect.poll(async () => Number(await shaded.getAttribute("data-from"))).toBeGreaterThan(shadedAt + 5);
  await screenshot(page, "viewer-timeline-scrolled");

  // Dragging chooses a time range and goes to its start; the keyboard reaches the first bucket.
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.8, box.y + box.height / 2, { steps: 5 });
  await expect(timeline.getByTestId("timeline-readout")).toContainText(/UTC · [\d,]+ lines/);
  await page.mouse.up();
  await expect.poll(() => lineInUrl(page)).toBeGreaterThan(1700);
  expect(lineInUrl(page)).toBeLessThan(1900);
  await track.focus();
  await page.keyboard.press("Home");
  await expect(track).toHaveAttribute("aria-valuetext", /^2026-11-25 10:00:\d\d–10:00:\d\d UTC · \d+ lines?/);
  await page.keyboard.press("Enter");
  await expect(viewerLine(page, 1)).toHaveAttribute("aria-current", "true");
  await expect(viewerLine(page, 1)).toBeInViewport();
});

test.describe("on a narrow screen", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the timeline and the time field fit and work", async ({ page }) => {
    await signIn(page, "demo");
    await page.goto(`${viewer}?t=2026-11-25T10:40:00Z`);
    await expect(viewerLine(page, 2400)).toHaveAttribute("aria-current", "true");
    const track = page.getByRole("slider", { name: "Timeline of the whole log" });
    await expect(track).toBeInViewport();
    const box = (await track.boundingBox())!;
    expect(box.width).toBeLessThanOrEqual(390);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, "viewer-timeline-narrow");
    await track.click({ position: { x: 2, y: box.height / 2 } });
    await expect(viewerLine(page, 1)).toHaveAttribute("aria-current", "true");
  });
});
