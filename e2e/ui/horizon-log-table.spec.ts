import { expect, test } from "../fixtures/browser";
import { box, ORDERS_DB, shot } from "../fixtures/horizon";
import { logRow, signIn, toast } from "../fixtures/ui";
import type { Page } from "@playwright/test";

/** The demo admin signed in to the demo project (its Project view), where orders-db lives. */
async function adminInDemoProject(page: Page) {
  await signIn(page, "admin");
  const switched = await page.request.post("/api/auth/project", { data: { project: "demo" } });
  expect(switched.status(), await switched.text()).toBe(200);
}

// Issue 11, "Horizon habits": the Logs tab's columns hold still and its rows line up.

test("an admin in the Project view sees which logs are hidden from tenants", async ({ page }, testInfo) => {
  await adminInDemoProject(page);
  await page.goto(`/project/instances/${ORDERS_DB}?tab=logs`);
  await expect(logRow(page, "guest")).toContainText("hidden from tenants", { timeout: 30_000 });
  await expect(logRow(page, "general")).not.toContainText("hidden from tenants");
  await shot(page, testInfo, "project-view-admin-hidden-marker");
});

test("columns keep their widths as a log changes state; SYS and USER rows line their actions up", async ({
  page,
}, testInfo) => {
  await adminInDemoProject(page);
  // The demo's general log has no file until it is switched on and its writer has written (as a real
  // server only creates it when logging starts): switch it on and wait for lines before publishing.
  const logApi = `/api/instances/${ORDERS_DB}/log`;
  expect((await page.request.post(logApi, { data: { name: "general", enable: true } })).status()).toBe(200);
  await expect
    .poll(
      async () => {
        const { logs } = await (await page.request.get(`${logApi}?details=1`)).json();
        return logs.find((log: { name: string }) => log.name === "general").pending;
      },
      { timeout: 30_000 },
    )
    .toBeGreaterThan(0);
  await page.goto(`/project/instances/${ORDERS_DB}?tab=logs`);
  const general = logRow(page, "general");
  const guest = logRow(page, "guest");
  await expect(general.getByRole("button", { name: /^(Enable & publish|Publish) general$/ })).toBeVisible({
    timeout: 30_000,
  });

  // Both published: the SYS row (no Enable/Disable) and the USER row show View and Discard in one column.
  for (const name of ["guest", "general"]) {
    await logRow(page, name)
      .getByRole("button", { name: new RegExp(`^(Enable & publish|Publish) ${name}$`) })
      .click();
    await expect(toast(page, `Published log ${name}`)).toBeVisible({ timeout: 30_000 });
  }
  await expect(general.getByRole("link", { name: "View general" })).toBeVisible();
  await expect(guest.getByRole("link", { name: "View guest" })).toBeVisible();
  for (const [action, role] of [
    ["Publish", "button"],
    ["View", "link"],
    ["Download", "link"],
    ["Discard", "button"],
  ] as const) {
    const inGuest = await box(page, guest.getByRole(role, { name: `${action} guest` }));
    const inGeneral = await box(page, general.getByRole(role, { name: new RegExp(`${action} general$`) }));
    expect(inGuest, `${action} lines up`).toEqual(inGeneral);
  }
  await shot(page, testInfo, "log-table-aligned");

  // Disabling changes the status, the toggle and the publish label; no column moves.
  const headers = page.getByRole("columnheader");
  const before = await Promise.all((await headers.all()).map((header) => box(page, header)));
  await general.getByRole("button", { name: "Disable general" }).click();
  await expect(general.getByRole("button", { name: "Enable & publish general" })).toBeVisible({
    timeout: 15_000,
  });
  const after = await Promise.all((await headers.all()).map((header) => box(page, header)));
  expect(after).toEqual(before);
  await shot(page, testInfo, "log-table-disabled");

  await general.getByRole("button", { name: "Enable general" }).click();
  await expect(general.getByRole("button", { name: "Publish general" })).toBeVisible({ timeout: 30_000 });
  expect(await Promise.all((await headers.all()).map((header) => box(page, header)))).toEqual(before);
});
