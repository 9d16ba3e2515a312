// The login form and the shell when Keystone signs people in (the real Keystone of keystone.sh).
import { type Page } from "@playwright/test";
import { expect, test } from "../../fixtures/browser";
import {
  keystoneTokenStatus,
  latestToken,
  requireKeystone,
  revokeInKeystone,
  type KeystoneTestEnv,
} from "../../fixtures/keystone";
import { screenshot, toast } from "../../fixtures/ui";

let keystone: KeystoneTestEnv;
test.beforeAll(async () => {
  keystone = await requireKeystone();
});

async function fillLogin(page: Page, user: string, password: string, project = "") {
  await page.getByLabel("Username").fill(user);
  await page.getByLabel("Password").fill(password);
  await page.getByLabel("Project").fill(project);
  await page.getByRole("button", { name: "Log in" }).click();
}

test("Keystone login: domain and project fields, roles, the Admin view and the project switcher", async ({
  page,
}) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByLabel("User domain")).toHaveValue("Default");
  await expect(page.getByText("Signing in with OpenStack Keystone")).toBeVisible();
  await screenshot(page, "keystone-login");

  await fillLogin(page, "admin", "wrong");
  await expect(page.getByText("Invalid username or password.")).toBeVisible();
  await fillLogin(page, "admin", keystone.passwords.admin, "demo");
  await expect(page.getByTestId("current-user")).toContainText("admin (admin)");
  await expect(page.getByTestId("current-project")).toContainText("demo");
  await expect(page.getByRole("link", { name: "ks-demo-mysql" })).toBeVisible();
  await expect(
    page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Instances" }),
  ).toHaveCount(2);

  await page.getByRole("button", { name: /Switch project/ }).click();
  await expect(page.getByRole("menuitemradio")).toHaveText(["admin", "demo", "ops"]);
  await page.getByRole("menuitemradio", { name: "ops" }).click();
  await expect(toast(page, "Switched to project ops")).toBeVisible();
  await expect(page.getByTestId("current-project")).toContainText("ops");
  await expect(page.getByRole("link", { name: "ks-ops-mariadb" })).toBeVisible();
  await expect(page.getByRole("link", { name: "ks-demo-mysql" })).toHaveCount(0);
  await screenshot(page, "keystone-shell-ops");

  const token = latestToken("admin");
  await page.getByTestId("current-user").click();
  await page.getByRole("menuitem", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/login/);
  expect(await keystoneTokenStatus(keystone, token)).not.toBe(200);
});

test("a member sees no Admin view; a revoked token sends them to the login page", async ({ page }) => {
  await page.goto("/login");
  await fillLogin(page, "demo", keystone.passwords.demo);
  await expect(page.getByTestId("current-user")).toHaveText("demo");
  await expect(
    page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Instances" }),
  ).toHaveCount(1);

  await revokeInKeystone(keystone, latestToken("demo"));
  // The next request after the server's short validation cache finds the token gone.
  await page.waitForTimeout(2_500);
  await page.getByRole("link", { name: "ks-demo-mysql" }).click();
  await expect(page).toHaveURL(/\/login\?.*reason=expired/);
  await expect(page.getByText("Your session has expired")).toBeVisible();
  await screenshot(page, "keystone-expired");
});
