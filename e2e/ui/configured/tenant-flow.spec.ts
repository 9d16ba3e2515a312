import { expect, test } from "../../fixtures/browser";
import { readFileSync } from "node:fs";
import { appendLogFile, loginAs, writeLogFile } from "../../fixtures/api";
import { INSTANCES } from "../../fixtures/run";
import {
  downloadBytes,
  generalLine,
  logRow,
  publishedBytes,
  resetLog,
  run,
  screenshot,
  submitLogin,
  toast,
  viewerLine,
} from "../../fixtures/ui";

const id = INSTANCES.mysql;
const generalFile = run.logFile(id, "general");
const NEEDLES = [40, 150];

/** 400 plain lines (two of them with the search's needle), a CRLF line and a UTF-8 line. */
const published = Buffer.from(
  Array.from({ length: 400 }, (_, i) =>
    generalLine(
      i + 1,
      NEEDLES.includes(i + 1) ? `SELECT 'needle' FROM dual` : `SELECT * FROM orders WHERE id = ${i + 1}`,
    ),
  ).join("\n") +
    "\n" +
    `${generalLine(401, "SELECT 'crlf line'")}\r\n` +
    `${generalLine(402, "SELECT 'café 日本語'")}\n`,
  "utf8",
);
/** What the database writes while the viewer follows: the last line has no newline. */
const appended = Buffer.from(
  `${generalLine(403, "SELECT 'followed 1'")}\n${generalLine(404, "SELECT 'followed 2'")}`,
  "utf8",
);

test("tenant: enable, publish, view, search, follow, download and discard the general log", async ({
  page,
}) => {
  await resetLog(id, "general", null, { disable: true });

  // Log in → the project's instances → the mysql instance → its Logs tab.
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
  await submitLogin(page, "demo");
  await expect(page).toHaveURL(/\/project\/instances$/);
  await expect(page.getByRole("link", { name: "e2e-postgres" })).toBeVisible();
  await expect(page.getByRole("link", { name: "e2e-other" })).toHaveCount(0); // another project's
  await screenshot(page, "instances");
  await page.getByRole("link", { name: "e2e-mysql" }).click();
  await expect(page.getByRole("heading", { name: "e2e-mysql" })).toBeVisible();
  await page.getByRole("tab", { name: "Logs" }).click();
  await expect(page).toHaveURL(new RegExp(`/project/instances/${id}\\?tab=logs$`));

  // Enable general.
  const row = logRow(page, "general");
  await expect(row.getByText("Disabled", { exact: true })).toBeVisible();
  await expect(row.getByRole("link", { name: "View general" })).toHaveCount(0);
  await row.getByRole("button", { name: "Enable general" }).click();
  await expect(toast(page, "Enabled log general")).toBeVisible();
  await expect(row.getByText("Enabled", { exact: true })).toBeVisible();
  await expect(row.getByRole("button", { name: "Disable general" })).toBeVisible();
  await expect(row.getByRole("button", { name: "Enable general" })).toHaveCount(0);

  // The database writes; publish sends every byte.
  writeLogFile(generalFile, published);
  await row.getByRole("button", { name: "Publish general" }).click();
  await expect(toast(page, "Published log general")).toBeVisible();
  await expect(publishedBytes(row)).toHaveAttribute("value", String(published.length));
  await expect(row.getByText("Published", { exact: true })).toBeVisible();
  await screenshot(page, "logs-tab");

  // View: the viewer opens at the end of the log, with the lines and their numbers.
  await row.getByRole("link", { name: "View general" }).click();
  await expect(page).toHaveURL(new RegExp(`/project/instances/${id}/logs/general$`));
  await expect(page.getByRole("heading", { name: "general log" })).toBeVisible();
  await expect(viewerLine(page, 402)).toContainText("SELECT 'café 日本語'");
  await expect(viewerLine(page, 402).getByRole("link")).toHaveText("402");
  await expect(viewerLine(page, 401)).toContainText(generalLine(401, "SELECT 'crlf line'"));
  await expect(viewerLine(page, 400)).toContainText("SELECT * FROM orders WHERE id = 400");
  await expect(viewerLine(page, 1)).toHaveCount(0); // opened at the end, not the start
  await expect(page.getByText(/402 lines/)).toBeVisible();
  await screenshot(page, "viewer");

  // Search (`/` focuses the box): the count, the first match scrolled to and highlighted, q in the URL.
  const search = page.getByRole("search");
  const matchCount = search.getByRole("status");
  await page.keyboard.press("/");
  await expect(search.getByRole("searchbox", { name: "Search" })).toBeFocused();
  await page.keyboard.type("needle");
  await page.keyboard.press("Enter");
  await expect(matchCount).toHaveText("1 of 2");
  await expect(viewerLine(page, 40)).toBeInViewport();
  await expect(viewerLine(page, 40)).toHaveAttribute("aria-current", "true");
  await expect(viewerLine(page, 40)).toContainText("SELECT 'needle' FROM dual");
  await expect(page).toHaveURL(/[?&]q=needle(&|$)/);
  await screenshot(page, "search");

  await search.getByRole("button", { name: "Next match" }).click();
  await expect(matchCount).toHaveText("2 of 2");
  await expect(viewerLine(page, 150)).toBeInViewport();
  await expect(viewerLine(page, 150)).toHaveAttribute("aria-current", "true");
  await expect(page).toHaveURL(/[?&]line=150(&|$)/);
  await page.keyboard.press("n"); // wraps to the first match
  await expect(matchCount).toHaveText("1 of 2");
  await expect(viewerLine(page, 40)).toBeInViewport();
  await page.keyboard.press("Shift+N");
  await expect(matchCount).toHaveText("2 of 2");
  await expect(viewerLine(page, 150)).toBeInViewport();

  // Follow: jumps to the end, then lines written after it was switched on appear by themselves (live,
  // read from the file); stopping publishes them and they join the published lines.
  const follow = page.getByRole("toolbar", { name: "Log viewer" }).getByRole("button", { name: "Follow" });
  await follow.click();
  await expect(follow).toHaveAttribute("aria-pressed", "true");
  await expect(viewerLine(page, 402)).toBeInViewport();
  appendLogFile(generalFile, appended);
  const live = page.getByRole("region", { name: "Live lines, not yet published" });
  // The last line has no newline yet: live shows complete lines; stopping publishes it all, byte-exact.
  await expect(live).toContainText("SELECT 'followed 1'", { timeout: 15_000 });
  await expect(live).not.toContainText("SELECT 'followed 2'");
  await follow.click();
  await expect(follow).toHaveAttribute("aria-pressed", "false");
  await expect(viewerLine(page, 404)).toContainText("SELECT 'followed 2'", { timeout: 15_000 });
  await expect(viewerLine(page, 404)).toBeInViewport();
  await expect(viewerLine(page, 403)).toContainText("SELECT 'followed 1'");
  await expect(page.getByText(/404 lines/)).toBeVisible();

  // Download: exactly the file's bytes (CRLF, UTF-8, no newline at the end), named instance-log-time.
  const source = readFileSync(generalFile);
  expect(source.equals(Buffer.concat([published, appended]))).toBe(true);
  const fromViewer = await downloadBytes(
    page,
    page.getByRole("toolbar", { name: "Log viewer" }).getByRole("link", { name: "Download" }),
  );
  expect(fromViewer.name).toMatch(/^e2e-mysql-general-\d{8}T\d{6}Z\.log$/);
  expect(fromViewer.bytes.equals(source), "the viewer's download is the source file").toBe(true);

  // Back to the Logs tab (breadcrumb); its Download is the same file.
  await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "Logs" }).click();
  await expect(publishedBytes(row)).toHaveAttribute("value", String(source.length));
  const fromRow = await downloadBytes(page, row.getByRole("link", { name: "Download general" }));
  expect(fromRow.name).toMatch(/^e2e-mysql-general-\d{8}T\d{6}Z\.log$/);
  expect(fromRow.bytes.equals(source), "the row's download is the source file").toBe(true);

  // Discard asks first: cancelling leaves the published copy alone.
  const dialog = page.getByRole("alertdialog", { name: "Discard the published general log?" });
  await row.getByRole("button", { name: "Discard general" }).click();
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("database_logs/");
  await screenshot(page, "discard-dialog");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  const demo = await loginAs("demo");
  const list = async () =>
    ((await (await demo.get(`/api/instances/${id}/log`)).json()) as { logs: { name: string }[] }).logs.find(
      (log) => log.name === "general",
    );
  expect(await list()).toMatchObject({ published: source.length });
  await expect(row.getByRole("link", { name: "View general" })).toBeVisible();

  await row.getByRole("button", { name: "Discard general" }).click();
  await dialog.getByRole("button", { name: "Discard" }).click();
  await expect(toast(page, "Discarded the published general log")).toBeVisible();
  await expect(publishedBytes(row)).toHaveAttribute("value", "0");
  await expect(row.getByRole("link", { name: "View general" })).toHaveCount(0);
  await expect(row.getByRole("link", { name: "Download general" })).toHaveCount(0);
  await expect(row.getByRole("button", { name: "Discard general" })).toHaveCount(0);
  await expect(row.getByTitle("Nothing published yet")).toBeVisible();
  expect(await list()).toMatchObject({ published: 0, container: "None" });
  await demo.dispose();

  // The viewer of the discarded log says so instead of failing.
  await page.goto(`/project/instances/${id}/logs/general`);
  await expect(page.getByText("Nothing published yet")).toBeVisible();
  await expect(page.getByRole("log", { name: "Log lines" }).locator("[data-line]")).toHaveCount(0);
});
