import { expect, test } from "../../fixtures/browser";
import { INSTANCES } from "../../fixtures/run";
import { publishLog, resetLog, screenshot, signIn, viewerLine } from "../../fixtures/ui";

// Issue 11, filter mode and severities: only matching entries (whole, real line numbers, context,
// gaps), counts, severities, the filter in the URL, back to the full log at a line, e / E.
const id = INSTANCES.mysql;
const at = (second: number) =>
  `2026-11-25T10:${String(Math.floor(second / 60) % 60).padStart(2, "0")}:${String(second % 60).padStart(2, "0")}.000000Z`;
const lines: string[] = [];
for (let i = 1; lines.length < 3000; i += 1) {
  const n = lines.length + 1;
  if (n === 1000 || n === 2000 || n === 2990) {
    lines.push(`${at(i)} 7 [ERROR] [MY-012574] [InnoDB] Unable to lock ./ibdata1 error: ${n}`);
    lines.push("InnoDB: Check that you do not already have another mysqld process");
  } else if (n === 500)
    lines.push(`${at(i)} 0 [Warning] [MY-010068] [Server] CA certificate is self signed.`);
  else if (n === 1200 || n === 1203)
    lines.push(`${at(i)} 9 [Note] [MY-000000] [InnoDB] Deadlock found, rolled back ${n}`);
  else lines.push(`${at(i)} 0 [Note] [MY-000000] [Server] note ${n}`);
}
const content = `${lines.join("\n")}\n`;
const errorLines = [1000, 2000, 2990];

test("filter mode: matching entries whole with context and gaps; levels; back to the full log; e / E", async ({
  page,
}) => {
  await resetLog(id, "error", content);
  await publishLog(id, "error");
  await signIn(page, "admin");
  await page.goto(`/admin/instances/${id}/logs/error`);
  // Severity marks in the full view: the last error, near the end, is on screen with its mark.
  await expect(viewerLine(page, 2990)).toBeInViewport();
  await expect(viewerLine(page, 2990).locator('[data-severity="error"]')).toHaveText("ERR");
  await expect(viewerLine(page, 2991).locator("[data-severity]")).toHaveCount(0);

  await page.getByRole("button", { name: "Filter lines…" }).click();
  const bar = page.getByRole("form", { name: "Filter lines" });
  await bar.getByRole("textbox", { name: "Show only lines containing" }).fill("deadlock");
  await bar.getByRole("combobox", { name: "Context lines" }).selectOption("1");
  await bar.getByRole("button", { name: "Apply filter" }).click();
  await expect(bar.getByRole("status")).toHaveText("2 entries, 6 lines of 3,000");
  const region = page.getByRole("log", { name: "Log lines" });
  await expect(region.locator("[data-line]")).toHaveCount(6);
  expect(
    await region
      .locator("[data-line]")
      .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-line"))),
  ).toEqual(["1199", "1200", "1201", "1202", "1203", "1204"]);
  await expect(viewerLine(page, 1200)).toHaveAttribute("data-match", "true");
  await expect(viewerLine(page, 1199)).toHaveAttribute("data-match", "false");
  await expect(region.locator("[data-gap]").first()).toContainText("1,198 lines not shown");
  expect(new URL(page.url()).searchParams.get("filter")).toBe("deadlock");
  expect(new URL(page.url()).searchParams.get("context")).toBe("1");
  await screenshot(page, "viewer-filter-text-context");

  // The link reopens the same filter.
  await page.reload();
  await expect(page.getByRole("form", { name: "Filter lines" }).getByRole("status")).toHaveText(
    "2 entries, 6 lines of 3,000",
  );

  // Severities only: each error entry whole (its continuation line too).
  const reopened = page.getByRole("form", { name: "Filter lines" });
  await reopened.getByRole("textbox", { name: "Show only lines containing" }).fill("");
  await reopened.getByRole("combobox", { name: "Context lines" }).selectOption("0");
  await reopened.getByRole("checkbox", { name: "error" }).check();
  await reopened.getByRole("button", { name: "Apply filter" }).click();
  await expect(reopened.getByRole("status")).toHaveText("3 entries, 6 lines of 3,000");
  await expect(viewerLine(page, 2001)).toHaveText(/2001\s*InnoDB: Check that you/);
  await expect(viewerLine(page, 2000).locator('[data-severity="error"]')).toBeVisible();
  expect(new URL(page.url()).searchParams.get("level")).toBe("error");
  await screenshot(page, "viewer-filter-levels");

  // A click on a line number: the full log at that line, highlighted.
  await viewerLine(page, 2000).getByRole("link").click();
  await expect(page.getByRole("form", { name: "Filter lines" })).toHaveCount(0);
  await expect(viewerLine(page, 2000)).toBeInViewport();
  await expect(viewerLine(page, 2000)).toHaveAttribute("aria-current", "true");
  await expect(viewerLine(page, 1999)).toBeInViewport(); // the full log again, not the filter
  expect(new URL(page.url()).searchParams.get("filter")).toBeNull();
  await screenshot(page, "viewer-filter-back-to-full");

  // e / E: the next and previous error entry of the whole log.
  await page.keyboard.press("Home");
  await expect(viewerLine(page, 1)).toBeInViewport();
  await page.keyboard.press("e");
  await expect(viewerLine(page, errorLines[0]!)).toHaveAttribute("aria-current", "true");
  await page.keyboard.press("e");
  await expect(viewerLine(page, errorLines[1]!)).toHaveAttribute("aria-current", "true");
  await page.keyboard.press("e");
  await expect(viewerLine(page, errorLines[2]!)).toHaveAttribute("aria-current", "true");
  await page.keyboard.press("Shift+E");
  await expect(viewerLine(page, errorLines[1]!)).toHaveAttribute("aria-current", "true");
  await expect(viewerLine(page, errorLines[1]!)).toBeInViewport();
  await screenshot(page, "viewer-error-steps");
});

test("filter mode: literal or regex, a refused regex explained, opens at the match nearest to the top line", async ({
  page,
}) => {
  await resetLog(id, "error", content);
  await publishLog(id, "error");
  await signIn(page, "admin");
  await page.goto(`/admin/instances/${id}/logs/error?line=2000`);
  await expect(viewerLine(page, 2000)).toBeInViewport();

  await page.getByRole("button", { name: "Filter lines…" }).click();
  const bar = page.getByRole("form", { name: "Filter lines" });
  const text = bar.getByRole("textbox", { name: "Show only lines containing" });
  // Literal by default: the pattern's characters are searched as they are.
  await text.fill("note \\d*5$");
  await bar.getByRole("button", { name: "Apply filter" }).click();
  await expect(page.getByText("No lines match this filter.")).toBeVisible();

  // Regex: every "note …5" line (one in ten), and the view opens near line 2000, not at line 5.
  await bar.getByRole("checkbox", { name: "Regex" }).check();
  await bar.getByRole("button", { name: "Apply filter" }).click();
  await expect(bar.getByRole("status")).toHaveText("300 entries, 300 lines of 3,000");
  const region = page.getByRole("log", { name: "Log lines" });
  await expect(viewerLine(page, 1995)).toBeInViewport();
  await expect(region.locator('[data-line="5"]')).toHaveCount(0);
  const url = new URL(page.url());
  expect(url.searchParams.get("filter")).toBe("note \\d*5$");
  expect(url.searchParams.get("filter_regex")).toBe("1");
  await screenshot(page, "viewer-filter-regex-near-top");

  // A pattern RE2 refuses: the reason, in the bar.
  await text.fill("note (\\d+");
  await bar.getByRole("button", { name: "Apply filter" }).click();
  await expect(bar.getByRole("alert")).toContainText("regular expression");

  // The link reopens the regex filter, still near the same place.
  await text.fill("note \\d*5$");
  await bar.getByRole("button", { name: "Apply filter" }).click();
  await expect(viewerLine(page, 1995)).toBeInViewport();
  await page.reload();
  const reopened = page.getByRole("form", { name: "Filter lines" });
  await expect(reopened.getByRole("checkbox", { name: "Regex" })).toBeChecked();
  await expect(reopened.getByRole("status")).toHaveText("300 entries, 300 lines of 3,000");
  await expect(viewerLine(page, 1995)).toBeInViewport();
});
