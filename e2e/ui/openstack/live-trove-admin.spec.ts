// An administrator against the LIVE real Trove 18 of scripts/services/trove.sh: every project's
// instances from Trove's management API, the SYS logs members do not see, the guest's tracebacks in
// Trove's 400s, and what really happens when an admin publishes a tenant's log: the guest agent writes
// it with the admin's token into the ADMIN's Swift account (a Trove bug the dashboard warns about).
import { type Page } from "@playwright/test";
import { expect, test } from "../../fixtures/browser";
import { keystoneFormLogin } from "../../fixtures/keystone";
import {
  clearPublished,
  guestQuery,
  liveAction,
  liveLog,
  liveTroveForSpec,
  uniqueMarker,
} from "../../fixtures/live-trove";
import { logRow, screenshot, toast } from "../../fixtures/ui";

const live = liveTroveForSpec(89);

const login = (page: Page, user: "demo" | "admin") => keystoneFormLogin(page, live().keystone, user);
const switchUser = async (page: Page, user: "demo" | "admin") => {
  await page.context().clearCookies();
  await login(page, user);
};

test("admin: every project's instances from Trove's management API, with the SYS logs", async ({ page }) => {
  const { trove, keystone } = live();
  await login(page, "admin");
  await page.goto("/admin/instances");
  await expect(page.getByRole("link", { name: "demo-db" })).toBeVisible();
  await expect(page.getByRole("link", { name: "ops-db" })).toBeVisible();
  const listed = await page.request.get("/api/admin/instances");
  const { instances } = (await listed.json()) as { instances: Array<{ id: string; project_id: string }> };
  expect(instances).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ id: trove.instance, project_id: keystone.projects.demo }),
      expect.objectContaining({ id: trove.otherInstance, project_id: keystone.projects.ops }),
    ]),
  );
  await page.getByRole("link", { name: "ops-db" }).click();
  await page.getByRole("tab", { name: "Logs" }).click();
  for (const name of ["guest", "error", "general", "slow_query"])
    await expect(logRow(page, name)).toBeVisible();
  await expect(logRow(page, "guest").getByText("SYS", { exact: true })).toBeVisible();
  await screenshot(page, "live-trove-admin-sys-logs");
});

test("a guest traceback in Trove's 400 is one line; admins can open the whole text, members cannot", async ({
  page,
}) => {
  const id = live().trove.instance;
  await login(page, "demo");
  // Trove refuses members the SYS logs it does not expose: a 400 whose message is a remote traceback.
  await page.goto(`/project/instances/${id}/logs/guest`);
  const failure = page.getByRole("alert").filter({ hasText: "Could not load the log" });
  await expect(failure).toContainText("You must be admin");
  await expect(failure).not.toContainText("Traceback");
  await expect(failure.getByText("Details")).toHaveCount(0);
  const asMember = await page.request.get(`/api/instances/${id}/log/guest/lines?tail=10`);
  const body = (await asMember.json()) as { error: { code: string; message: string } };
  expect([asMember.status(), body.error.message]).toEqual([
    400,
    expect.stringContaining("You must be admin"),
  ]);
  expect(body.error.message).not.toMatch(/Traceback|\n/);
  expect(body.error).not.toHaveProperty("details");

  await switchUser(page, "admin");
  await page.goto(`/admin/instances/${id}/logs/nosuchlog`);
  // The guest's reason alone, without Trove's "An error occurred communicating with the guest:".
  await expect(failure.getByText("Log 'nosuchlog' is not defined.", { exact: true })).toBeVisible();
  await expect(failure.locator("pre")).toBeHidden();
  await failure.getByText("Details").click();
  await expect(failure.locator("pre")).toContainText("Traceback (most recent call last):");
  await expect(failure.locator("pre")).toContainText("Log 'nosuchlog' is not defined.");
  await screenshot(page, "live-trove-guest-error-details");
});

test("an admin publishing a tenant's log is warned first; the tenant is told the copy is in the admin's account", async ({
  page,
}) => {
  const { trove } = live();
  const id = trove.instance;
  const marker = uniqueMarker("admin");
  const member = `/api/instances/${id}`;
  const admin = `/api/admin/instances/${id}`;

  // The members publish without a question; then discard: their account holds nothing.
  await login(page, "demo");
  if ((await liveLog(page.request, member, "general")).status === "Disabled") {
    await liveAction(page.request, member, { name: "general", enable: 1 });
  }
  await guestQuery(trove, `SELECT '${marker}'`);
  await page.goto(`/project/instances/${id}?tab=logs`);
  await logRow(page, "general").getByRole("button", { name: "Publish general" }).click();
  await expect(toast(page, "Published log general")).toBeVisible();
  await expect(page.getByRole("alertdialog")).toHaveCount(0);
  await liveAction(page.request, member, { name: "general", discard: 1 });

  await switchUser(page, "admin");
  await clearPublished(page.request, admin, "general"); // what earlier runs left in the admin account
  await page.goto(`/admin/instances/${id}?tab=logs`);
  const row = logRow(page, "general");
  await row.getByRole("button", { name: "Publish general" }).click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toContainText("Publish into your own account?");
  await expect(dialog).toContainText(
    "OpenStack Trove writes what you publish into your own project's Swift account, not into the account of the project that owns this instance.",
  );
  await expect(dialog).toContainText("the project's members cannot");
  await screenshot(page, "live-trove-admin-publish-warning");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toHaveCount(0);
  expect((await liveLog(page.request, admin, "general")).published, "nothing published on Cancel").toBe(0);
  await row.getByRole("button", { name: "Publish general" }).click();
  await dialog.getByRole("button", { name: "Publish into my account" }).click();
  await expect(toast(page, "Published log general")).toBeVisible();
  // The real Trove wrote it into the admin's account: the admin's viewer reads it there.
  await row.getByRole("link", { name: "View general" }).click();
  await expect(page.getByRole("log", { name: "Log lines" }).getByText(`SELECT '${marker}'`)).toBeVisible();

  // The tenant: Trove counts the log as published, the demo account holds none of it.
  await switchUser(page, "demo");
  await page.goto(`/project/instances/${id}/logs/general`);
  const lines = page.getByRole("log", { name: "Log lines" });
  await expect(lines.getByText("No copy of this log here")).toBeVisible();
  await expect(lines).toContainText(
    "your project's Swift account holds no copy of them. OpenStack Trove writes a published log into the Swift account of whoever publishes it, so a copy an administrator published is in the administrator's own account.",
  );
  await screenshot(page, "live-trove-copy-elsewhere");
  await lines.getByRole("button", { name: "Publish a full copy here" }).click();
  await expect(lines.getByText(`SELECT '${marker}'`)).toBeVisible();
  await expect(lines.getByText("No copy of this log here")).toHaveCount(0);

  await liveAction(page.request, member, { name: "general", discard: 1 });
  await liveAction(page.request, member, { name: "general", disable: 1 });
});
