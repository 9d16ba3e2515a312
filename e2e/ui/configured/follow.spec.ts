import { expect, test } from "../../fixtures/browser";
import type { APIRequestContext } from "@playwright/test";
import { appendLogFile, loginAs } from "../../fixtures/api";
import { INSTANCES } from "../../fixtures/run";
import { generalLine, publishLog, resetLog, run, screenshot, signIn, viewerLine } from "../../fixtures/ui";

// Issue 11: Follow shows new lines without flooding the object store, and never turns a log on silently.
const id = INSTANCES.mysql;
const generalFile = run.logFile(id, "general");
const lines = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => `${generalLine(from + i, `SELECT 'follow ${from + i}'`)}\n`).join(
    "",
  );

async function generalLog(admin: APIRequestContext) {
  const response = await admin.get(`/api/instances/${id}/log`);
  const { logs } = (await response.json()) as {
    logs: Array<{ name: string; status: string; published: number }>;
  };
  return logs.find((log) => log.name === "general")!;
}

test("Follow shows new lines without a reload, live first, and publishes only in objects near guest_log_limit", async ({
  page,
}) => {
  await resetLog(id, "general", lines(1, 20));
  await publishLog(id, "general");
  const admin = await loginAs("admin");
  await signIn(page, "demo");
  await page.goto(`/project/instances/${id}/logs/general`);
  await expect(viewerLine(page, 20)).toContainText("follow 20");

  const follow = page.getByRole("toolbar", { name: "Log viewer" }).getByRole("button", { name: "Follow" });
  await follow.click();
  await expect(follow).toHaveAttribute("aria-pressed", "true");
  const live = page.getByRole("region", { name: "Live lines, not yet published" });
  const publishedSizes = new Set<number>();
  for (let index = 21; index <= 30; index += 1) {
    appendLogFile(generalFile, lines(index, 1));
    publishedSizes.add((await generalLog(admin)).published);
    await page.waitForTimeout(700);
  }
  // Ten lines written one by one: all on screen, read live from the file; not one object published.
  await expect(live.getByText("SELECT 'follow 30'")).toBeVisible({ timeout: 10_000 });
  await expect(live).toContainText("10 lines read from the log file, not yet published");
  // They continue the published lines' numbers, and the newest is on screen (1440×900) without scrolling.
  const liveLine30 = live.getByRole("listitem").filter({ hasText: "SELECT 'follow 30'" });
  await expect(liveLine30).toHaveText(/^30\s*2026-/);
  await expect(live.getByRole("listitem").first()).toHaveText(/^21\s*2026-/);
  await expect(liveLine30).toBeInViewport();
  publishedSizes.add((await generalLog(admin)).published);
  expect([...publishedSizes], "the published size did not move while following").toHaveLength(1);
  await expect(page).toHaveURL(new RegExp(`/logs/general`)); // no reload, no navigation
  await screenshot(page, "follow-live-lines");

  // Close to guest_log_limit (4096 in this configuration) pending: one publish, the lines become published ones.
  appendLogFile(generalFile, lines(31, 60));
  await expect(viewerLine(page, 90)).toContainText("follow 90", { timeout: 15_000 });
  await expect(live).toContainText("0 lines read from the log file");
  const after = await generalLog(admin);
  expect(after.published).toBeGreaterThan([...publishedSizes][0]!);
  await screenshot(page, "follow-published-near-limit");

  // Stopping publishes what is still live: it shows as published lines.
  appendLogFile(generalFile, lines(91, 2));
  await expect(live.getByText("SELECT 'follow 92'")).toBeVisible({ timeout: 10_000 });
  await follow.click();
  await expect(follow).toHaveAttribute("aria-pressed", "false");
  await expect(live).toHaveCount(0);
  await expect(viewerLine(page, 92)).toContainText("follow 92", { timeout: 10_000 });
  await admin.dispose();
});

test("Follow on a Disabled log asks before enabling it, and stops when someone disables it", async ({
  page,
}) => {
  await resetLog(id, "general", lines(1, 5));
  await publishLog(id, "general");
  const admin = await loginAs("admin");
  expect(
    (await admin.post(`/api/instances/${id}/log`, { data: { name: "general", disable: 1 } })).status(),
  ).toBe(200);
  await signIn(page, "demo");
  await page.goto(`/project/instances/${id}/logs/general`);
  await expect(viewerLine(page, 5)).toContainText("follow 5");

  const follow = page.getByRole("toolbar", { name: "Log viewer" }).getByRole("button", { name: "Follow" });
  await follow.click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toContainText("Enable general to follow it?");
  await expect(dialog).toContainText("Following it enables the log");
  await screenshot(page, "follow-disabled-asks");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(follow).toHaveAttribute("aria-pressed", "false");
  expect((await generalLog(admin)).status, "declined: the log stays off").toBe("Disabled");

  await follow.click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Enable & follow" }).click();
  await expect(follow).toHaveAttribute("aria-pressed", "true");
  await expect.poll(async () => (await generalLog(admin)).status).not.toBe("Disabled");

  // Someone disables it meanwhile: Follow stops, says so, and does not turn it back on.
  appendLogFile(generalFile, lines(6, 1));
  expect(
    (await admin.post(`/api/instances/${id}/log`, { data: { name: "general", disable: 1 } })).status(),
  ).toBe(200);
  await expect(page.getByText("Follow stopped: this log was disabled meanwhile")).toBeVisible({
    timeout: 10_000,
  });
  await expect(follow).toHaveAttribute("aria-pressed", "false");
  await page.waitForTimeout(3_000);
  expect((await generalLog(admin)).status, "Follow did not re-enable it").toBe("Disabled");
  await screenshot(page, "follow-stopped-disabled");
  await admin.dispose();
});

test("on a long log, live lines below keep the end on screen; stopping appends them where the reader is", async ({
  page,
}) => {
  await resetLog(id, "general", lines(1, 400));
  await publishLog(id, "general");
  await signIn(page, "demo");
  await page.goto(`/project/instances/${id}/logs/general`);
  await expect(viewerLine(page, 400)).toBeInViewport();
  // A slow machine (CI's two busy cores): the live lines' room is taken while the list still settles.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });

  const follow = page.getByRole("toolbar", { name: "Log viewer" }).getByRole("button", { name: "Follow" });
  await follow.click();
  await expect(follow).toHaveAttribute("aria-pressed", "true");
  appendLogFile(generalFile, lines(401, 8));
  const live = page.getByRole("region", { name: "Live lines, not yet published" });
  await expect(live.getByText("SELECT 'follow 408'")).toBeVisible({ timeout: 10_000 });
  // The live lines take room from the list: its last line stays on screen, and it has not "left the end".
  const region = page.getByRole("log", { name: "Log lines" });
  await expect(viewerLine(page, 400)).toBeInViewport();
  await expect(region.getByRole("button", { name: /Jump to end/ })).toHaveCount(0);
  await screenshot(page, "follow-long-log-live");

  await follow.click();
  await expect(follow).toHaveAttribute("aria-pressed", "false");
  await expect(viewerLine(page, 408)).toContainText("follow 408", { timeout: 10_000 });
  await expect(viewerLine(page, 408)).toBeInViewport();
  await expect(region.getByRole("button", { name: /new line/ })).toHaveCount(0);
});
