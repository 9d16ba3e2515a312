import { expect, test } from "@playwright/test";
import { currentRun } from "../fixtures/run";

const run = currentRun();

test("login page → log in → the shell shows the user and the project", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByLabel("Username")).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/login.png", fullPage: true });

  await page.getByLabel("Password").fill("wrong");
  await page.getByLabel("Username").fill("demo");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByText(/Invalid username or password/)).toBeVisible();

  await page.getByLabel("Password").fill(run.passwords.demo);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByTestId("current-user")).toContainText("demo");
  await expect(page.getByTestId("current-project")).toContainText("demo");
  await page.screenshot({ path: "test-results/screenshots/shell.png", fullPage: true });

  await expect(page).toHaveURL(/\/project\/instances$/);

  // "Log out" lives in the user menu (top right).
  await page.getByTestId("current-user").click();
  await page.getByRole("menuitem", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/login/);
});
