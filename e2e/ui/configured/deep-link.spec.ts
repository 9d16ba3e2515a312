import { expect, test } from "../../fixtures/browser";
import { INSTANCES } from "../../fixtures/run";
import { generalLine, publishLog, resetLog, submitLogin, viewerLine } from "../../fixtures/ui";

const id = INSTANCES.mysql;
const TARGET = 150;
const content = Array.from(
  { length: 600 },
  (_, i) => `${generalLine(i + 1, i + 1 === TARGET ? "SELECT 'linked line'" : `SELECT ${i + 1}`)}\n`,
).join("");

test("a viewer link with ?line=N survives the login and a reload; ?q= opens at its match", async ({
  page,
}) => {
  await resetLog(id, "general", content);
  expect(await publishLog(id, "general")).toMatchObject({ published: Buffer.byteLength(content) });

  // Logged out: the link leads to the login page, which remembers where to go.
  const link = `/project/instances/${id}/logs/general?line=${TARGET}`;
  await page.goto(link);
  await expect(page).toHaveURL(/\/login\?next=/);
  expect(new URL(page.url()).searchParams.get("next")).toBe(link);
  await submitLogin(page, "demo");

  // After the login: that viewer, at line N, highlighted (not at the end where it opens by default).
  await expect(page).toHaveURL(link);
  const expectAtTarget = async () => {
    await expect(viewerLine(page, TARGET)).toBeInViewport();
    await expect(viewerLine(page, TARGET)).toHaveAttribute("aria-current", "true");
    await expect(viewerLine(page, TARGET)).toContainText("SELECT 'linked line'");
    await expect(viewerLine(page, 600)).toHaveCount(0);
  };
  await expectAtTarget();

  await page.reload();
  await expect(page).toHaveURL(link);
  await expectAtTarget();

  // Clicking a line number moves the link (replaceState) to that line; a reload opens there.
  await viewerLine(page, TARGET + 3)
    .getByRole("link", { name: String(TARGET + 3) })
    .click();
  await expect(page).toHaveURL(`/project/instances/${id}/logs/general?line=${TARGET + 3}`);
  await expect(viewerLine(page, TARGET + 3)).toHaveAttribute("aria-current", "true");
  await page.reload();
  await expect(viewerLine(page, TARGET + 3)).toHaveAttribute("aria-current", "true");
  await expect(viewerLine(page, TARGET + 3)).toBeInViewport();

  // The address a search leaves (line and q) reopens the search at that match; `n` steps from there.
  await page.goto(
    `/project/instances/${id}/logs/general?line=${TARGET}&q=${encodeURIComponent("'linked line'")}`,
  );
  const search = page.getByRole("search");
  await expect(search.getByRole("searchbox")).toHaveValue("'linked line'");
  await expect(search.getByRole("status")).toHaveText("1 of 1");
  await expect(viewerLine(page, TARGET)).toBeInViewport();
  await expect(viewerLine(page, TARGET)).toHaveAttribute("aria-current", "true");

  // A link with only ?q= opens at the first match instead of the end of the log.
  await page.goto(`/project/instances/${id}/logs/general?q=${encodeURIComponent("'linked line'")}`);
  await expect(page.getByRole("search").getByRole("status")).toHaveText("1 of 1");
  await expect(viewerLine(page, TARGET)).toBeInViewport();
  await expect(viewerLine(page, 600)).toHaveCount(0);
});
