import { expect, test } from "../../fixtures/browser";
import { shot } from "../../fixtures/horizon";
import { INSTANCES } from "../../fixtures/run";
import { generalLine, publishLog, resetLog, signIn, viewerLine } from "../../fixtures/ui";

// Issue 11, "Horizon habits": titles name the instance and the log; Back returns to where you were.
const id = INSTANCES.mysql;
const viewer = `/project/instances/${id}/logs/general`;
const content = Array.from({ length: 6000 }, (_, i) => `${generalLine(i + 1, `SELECT ${i + 1}`)}\n`).join("");

test.beforeAll(async () => {
  await resetLog(id, "general", content);
  await publishLog(id, "general");
});

test("Back from another page reopens the viewer at the line that was at the top", async ({
  page,
}, testInfo) => {
  await signIn(page, "demo");
  await page.goto(`${viewer}?line=3000`);
  await expect(page).toHaveTitle("general · e2e-mysql · Trove Logs", { timeout: 30_000 });
  await expect(viewerLine(page, 3000)).toBeInViewport();
  // The linked line on screen: the URL already says where the view is.
  await page.waitForTimeout(600);
  await expect(page).toHaveURL(`${viewer}?line=3000`);

  const lines = page.getByRole("log", { name: "Log lines" });
  await lines.hover();
  await page.mouse.wheel(0, 6000);
  await expect(page).toHaveURL(/[?&]top=\d+/);
  await expect(viewerLine(page, 3000)).not.toBeInViewport();
  const top = Number(new URL(page.url()).searchParams.get("top"));
  expect(top).toBeGreaterThan(3000);
  await shot(page, testInfo, "viewer-scrolled");

  await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "Logs" }).click();
  await expect(page).toHaveURL(new RegExp(`/project/instances/${id}\\?tab=logs$`));
  await expect(page).toHaveTitle("Logs · e2e-mysql · Trove Logs", { timeout: 30_000 });

  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`[?&]top=${top}(&|$)`));
  await expect(viewerLine(page, top)).toBeInViewport();
  const region = (await lines.boundingBox())!;
  const first = (await viewerLine(page, top).boundingBox())!;
  expect(first.y - region.y).toBeLessThan(40); // at the top, not merely somewhere on screen
  // Still the linked line (off screen above, so not rendered by the virtualized list): the link keeps it.
  await expect(page).toHaveURL(/[?&]line=3000(&|$)/);
  await shot(page, testInfo, "viewer-after-back");

  // A reload keeps the place too.
  await page.reload();
  await expect(viewerLine(page, top)).toBeInViewport();
});

test("the Overview shows the flavor and the volume the configuration gives the instance", async ({
  page,
}, testInfo) => {
  await signIn(page, "demo");
  await page.goto(`/project/instances/${id}`);
  await expect(page).toHaveTitle("e2e-mysql · Trove Logs", { timeout: 30_000 });
  const field = (label: string) =>
    page.locator("dl[aria-label=Overview] > div").filter({ has: page.getByText(label, { exact: true }) });
  await expect(field("Flavor")).toContainText("e2e-flavor-small", { timeout: 30_000 });
  await expect(field("Volume size")).toContainText("2 GB");
  await expect(field("Datastore version")).toContainText("8.0.36");
  await shot(page, testInfo, "overview-flavor-volume");
});
