import { expect, test } from "../../fixtures/browser";
import { INSTANCES } from "../../fixtures/run";
import { generalLine, logRow, publishLog, resetLog, screenshot, signIn, viewerLine } from "../../fixtures/ui";

// A busy machine (CI's two loaded cores, an old laptop, a phone) lays the list out before it has
// scrolled to where it opens: it must still open there, not at the top of the log.
const id = INSTANCES.mysql;
const content = Array.from({ length: 402 }, (_, i) => `${generalLine(i + 1, `SELECT ${i + 1}`)}\n`).join("");

test.beforeAll(async () => {
  await resetLog(id, "general", content);
  await publishLog(id, "general");
});

test.beforeEach(async ({ page }) => {
  await signIn(page, "demo");
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
});

test("on a slow CPU, View opens the log at its end", async ({ page }) => {
  await page.goto(`/project/instances/${id}?tab=logs`);
  await logRow(page, "general").getByRole("link", { name: "View general" }).click();
  await expect(viewerLine(page, 402)).toBeInViewport({ timeout: 30_000 });
  await expect(viewerLine(page, 1)).toHaveCount(0);
  await screenshot(page, "viewer-slow-cpu-end");
});

test("on a slow CPU, a ?line= link opens at that line", async ({ page }) => {
  await page.goto(`/project/instances/${id}/logs/general?line=200`);
  await expect(viewerLine(page, 200)).toBeInViewport({ timeout: 30_000 });
  await expect(viewerLine(page, 200)).toHaveAttribute("aria-current", "true");
  await expect(viewerLine(page, 1)).toHaveCount(0);
});

test("on a slow CPU, a filtered view opens at the match nearest to its line", async ({ page }) => {
  await page.goto(`/project/instances/${id}/logs/general?line=300&filter=select`);
  await expect(page.getByRole("form", { name: "Filter lines" }).getByRole("status")).toHaveText(
    "402 entries, 402 lines of 402",
    { timeout: 30_000 },
  );
  await expect(viewerLine(page, 300)).toBeInViewport({ timeout: 30_000 });
  await expect(viewerLine(page, 1)).toHaveCount(0);
  await screenshot(page, "viewer-slow-cpu-filtered");
});
