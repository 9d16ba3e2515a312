import { expect, test } from "@playwright/test";
import { existsSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { INSTANCES } from "../../fixtures/run";
import { logRow, publishedBytes, resetLog, run, screenshot, signIn, toast } from "../../fixtures/ui";

// A failure of the server shows what happened and the reference of the server log's line with the
// details, in the toast and on the log's row; no path of the server.
const id = INSTANCES.postgres;
const tmp = join(run.configured.dataDir, "store", "tmp");

test.afterEach(async () => {
  if (existsSync(`${tmp}.saved`)) {
    rmSync(tmp, { force: true });
    renameSync(`${tmp}.saved`, tmp);
  }
  await resetLog(id, "general", null, { disable: true });
});

test("a publish the store cannot take shows the reason with its reference, in the toast and on the row", async ({
  page,
}) => {
  await resetLog(id, "general", "2026-11-25 10:00:00 UTC [1] LOG:  statement: SELECT 1\n");
  renameSync(tmp, `${tmp}.saved`); // the store's directory for temporary files replaced by a file
  writeFileSync(tmp, "not a directory\n");
  await signIn(page, "demo");
  await page.goto(`/project/instances/${id}?tab=logs`);
  const row = logRow(page, "general");
  await row.getByRole("button", { name: "Publish general" }).click();

  const failure = toast(page, "Could not publish log general");
  await expect(failure).toContainText(
    /The object store cannot use its disk \(ENOTDIR\) \(reference [0-9a-f]{10}\)/,
  );
  const reference = (await failure.textContent())!.match(/reference ([0-9a-f]{10})/)![1]!;
  await expect(row.getByTestId("publish-error")).toContainText(`(reference ${reference})`);
  await expect(row).not.toContainText(run.dir);
  await screenshot(page, "publish-error-reference");

  // Repaired: the same button publishes, and the note goes.
  rmSync(tmp);
  renameSync(`${tmp}.saved`, tmp);
  await row.getByRole("button", { name: "Publish general" }).click();
  await expect(toast(page, "Published log general")).toBeVisible();
  await expect(publishedBytes(row)).not.toHaveAttribute("value", "0");
  await expect(row.getByTestId("publish-error")).toHaveCount(0);
});
