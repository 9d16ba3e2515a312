import { expect, test } from "../../fixtures/browser";
import { rmSync } from "node:fs";
import { marker, requireServer, runSql, type TestServer } from "../../../scripts/services/datastore-env";
import { DATASTORE_INSTANCES, prepareDatastoreRun } from "../../fixtures/datastore-run";
import { expectError, loginAs } from "../../fixtures/api";
import { logRow, run, screenshot, signIn, toast } from "../../fixtures/ui";

const id = DATASTORE_INSTANCES.mariadb;
const datastores = prepareDatastoreRun(run.dir, run.demo.port);
let mariadb: TestServer;

const generalLog = async () =>
  ((await runSql(mariadb, ["SELECT @@global.general_log AS on_"]))[0]![0] as { on_: number }).on_;

test.beforeAll(async () => {
  mariadb = await requireServer("mariadb"); // fails, saying how to start it, when MariaDB is not there
  await runSql(mariadb, ["SET GLOBAL general_log = OFF"]);
});

test.afterAll(async () => {
  if (!mariadb) return;
  await runSql(mariadb, ["SET GLOBAL general_log = OFF"]).catch(() => undefined);
  rmSync(datastores.logDir, { recursive: true, force: true });
});

test("MariaDB for real: enable the general log, run a query, publish, read it in the viewer", async ({
  page,
}) => {
  const query = `SELECT '${marker("e2e-query")}' AS seen_in_the_viewer`;
  await signIn(page, "demo");
  await page.goto(`/project/instances/${id}?tab=logs`);
  await expect(page.getByRole("heading", { name: "e2e-mariadb-real" })).toBeVisible();
  const row = logRow(page, "general");
  await expect(row.getByText("Disabled", { exact: true })).toBeVisible();

  // Enable: MariaDB itself switches general_log on, into the instance's log directory.
  await row.getByRole("button", { name: "Enable general" }).click();
  await expect(toast(page, "Enabled log general")).toBeVisible();
  await expect(row.getByRole("button", { name: "Disable general" })).toBeVisible();
  expect(await generalLog()).toBe(1);

  // A query from outside the dashboard, as an application would run it.
  await runSql(mariadb, [query]);

  await row.getByRole("button", { name: "Publish general" }).click();
  await expect(toast(page, "Published log general")).toBeVisible();
  await expect(row.getByText("Published", { exact: true })).toBeVisible();
  await screenshot(page, "mariadb-logs-tab");

  await row.getByRole("link", { name: "View general" }).click();
  await expect(page.getByRole("heading", { name: "general log" })).toBeVisible();
  await expect(page.getByRole("log", { name: "Log lines" }).getByText(query)).toBeVisible();
  await screenshot(page, "mariadb-viewer");

  // Disable from the Logs tab: MariaDB stops writing.
  await page.goto(`/project/instances/${id}?tab=logs`);
  await logRow(page, "general").getByRole("button", { name: "Disable general" }).click();
  await expect(toast(page, "Disabled log general")).toBeVisible();
  expect(await generalLog()).toBe(0);
});

test("a server that is not there: the instance says why, its USER logs are Unavailable", async ({ page }) => {
  await signIn(page, "demo");
  await page.goto(`/project/instances/${DATASTORE_INSTANCES.down}?tab=logs`);
  await expect(page.getByRole("heading", { name: "e2e-mariadb-down" })).toBeVisible();
  // The reason, without the server's address (the server log has it, under the reference shown).
  const shutdown = page.getByRole("alert").filter({ hasText: "Shutdown." });
  await expect(shutdown).toContainText(
    /Cannot reach the MariaDB server to [a-z' ]+: ECONNREFUSED\. \(reference [0-9a-f]{10}\)/,
  );
  await expect(shutdown).not.toContainText("127.0.0.1");
  const row = logRow(page, "general");
  await expect(row.getByText("Unavailable", { exact: true })).toBeVisible();
  await expect(row.getByTestId("datastore-error")).toContainText("Cannot reach");
  await row.getByRole("button", { name: "Disable general" }).click();
  await expect(toast(page, /Could not disable/)).toBeVisible();
  await screenshot(page, "mariadb-down");

  // The API says the same: 503 with the reason, the instance SHUTDOWN with its fault.
  const api = await loginAs("demo", datastores.url);
  const action = await api.post(`/api/instances/${DATASTORE_INSTANCES.down}/log`, {
    data: { name: "general", enable: 1 },
  });
  await expectError(action, 503, /^Cannot reach the MariaDB server to [a-z' ]+: ECONNREFUSED\.$/);
  const { instance } = await (await api.get(`/api/instances/${DATASTORE_INSTANCES.down}`)).json();
  expect(instance).toMatchObject({
    status: "SHUTDOWN",
    fault: { message: expect.stringContaining("Cannot reach") },
  });
  await api.dispose();
});
