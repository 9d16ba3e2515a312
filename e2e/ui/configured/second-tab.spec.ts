import { expect, test } from "../../fixtures/browser";
import { appendLogFile } from "../../fixtures/api";
import { INSTANCES } from "../../fixtures/run";
import { generalLine, publishLog, resetLog, run, screenshot, signIn, viewerLine } from "../../fixtures/ui";

// Issue 11: a viewer left open notices lines published elsewhere, without being in Follow mode.
const id = INSTANCES.mysql;
const lines = (to: number, from = 1) =>
  Array.from({ length: to - from + 1 }, (_, i) => `${generalLine(from + i, `SELECT ${from + i}`)}\n`).join(
    "",
  );

test("a second tab notices new published lines: the line count and 'N new lines' to the end", async ({
  page,
}) => {
  await resetLog(id, "general", lines(300));
  await publishLog(id, "general");
  await signIn(page, "demo");
  const url = `/project/instances/${id}/logs/general`;
  await page.goto(url);
  await expect(viewerLine(page, 300)).toBeInViewport();
  // The count shows once the page has hydrated: on CI's loaded cores that once took 8 s after its scripts.
  await expect(page.getByText(/· 300 lines ·/)).toBeVisible({ timeout: 15_000 });
  expect(await page.evaluate(() => document.visibilityState)).toBe("visible");
  await expect(page.getByRole("button", { name: /new lines?/ })).toHaveCount(0);

  // Another tab of the same browser publishes 40 more lines.
  const other = await page.context().newPage();
  await other.goto(url);
  await expect(viewerLine(other, 300)).toBeInViewport();
  appendLogFile(run.logFile(id, "general"), lines(340, 301));
  await other.getByRole("button", { name: "Publish & refresh" }).click();
  await expect(viewerLine(other, 340)).toBeVisible();
  await other.close();

  // The first tab, not following, learns it by itself: the count and an offer to go there.
  await expect(page.getByRole("button", { name: /Follow/ })).toHaveAttribute("aria-pressed", "false");
  const offer = page.getByRole("button", { name: "Jump to end · 40 new lines" });
  await expect(offer).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText(/· 340 lines ·/)).toBeVisible();
  await expect(viewerLine(page, 300)).toBeInViewport(); // the lines on screen did not move
  await expect(viewerLine(page, 301)).toHaveCount(0);
  await screenshot(page, "viewer-second-tab-new-lines");

  await offer.click();
  await expect(viewerLine(page, 340)).toBeInViewport();
  await expect(viewerLine(page, 340)).toContainText("SELECT 340");
  await expect(offer).toHaveCount(0);
  await screenshot(page, "viewer-second-tab-at-end");
});
