import { expect, test } from "../fixtures/browser";
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

test("after login, ?next= goes only to a path of this site", async ({ page }) => {
  const origin = new URL(run.demo.url).origin;
  // As they appear in a crafted link; browsers drop the tab/newline and read \ as /, giving //evil.example.
  for (const next of [
    "/%09/evil.example",
    "/%0a/evil.example",
    "//evil.example",
    "/%5Cevil.example",
    "https://evil.example/",
  ]) {
    await page.context().clearCookies();
    await page.goto(`/login?next=${next}`);
    await page.getByLabel("Username").fill("demo");
    await page.getByLabel("Password").fill(run.passwords.demo);
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page.getByTestId("current-user")).toContainText("demo");
    expect(new URL(page.url()).origin).toBe(origin);
    await expect(page).toHaveURL(/\/project\/instances$/);
  }
  // A same-site path is kept.
  await page.context().clearCookies();
  await page.goto("/login?next=/admin/instances");
  await page.getByLabel("Username").fill("admin");
  await page.getByLabel("Password").fill(run.passwords.admin);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/admin\/instances$/);
});
