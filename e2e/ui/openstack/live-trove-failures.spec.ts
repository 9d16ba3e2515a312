// What the LIVE real Trove 18 of scripts/services/trove.sh answers when things go wrong, as the
// dashboard's API and UI pass it on: Trove's 400/404 for bad names, a token revoked in Keystone, and
// parts of Trove stopped for real (trove-api; RabbitMQ, which makes trove-api hang, not fail).
// Everything stopped is started again (`trove.sh start`) in a finally block.
import { randomUUID } from "node:crypto";
import { type Locator, type Page } from "@playwright/test";
import { expect, test } from "../../fixtures/browser";
import { keystoneFormLogin, latestToken, revokeInKeystone } from "../../fixtures/keystone";
import { restoringTrove, liveTroveForSpec, troveControl } from "../../fixtures/live-trove";
import { logRow, screenshot } from "../../fixtures/ui";

/** Short: with RabbitMQ down trove-api holds each log request while oslo.messaging retries. */
const TROVE_TIMEOUT_S = 6;
/** trove.sh start brings back a stopped part in 10-40 s; the guest agents then reconnect to RabbitMQ. */
const RECOVERY_MS = 90_000;
// Long validation cache: a revoked token is refused by Trove before this dashboard's own check notices.
const live = liveTroveForSpec(90, { troveTimeoutSeconds: TROVE_TIMEOUT_S, validationCacheSeconds: 600 });

const apiError = async (page: Page, path: string) => {
  const response = await page.request.get(path);
  const { error } = (await response.json()) as { error: { code: string; message: string } };
  return { status: response.status(), ...error };
};

/** The member's Logs tab of demo-db, loaded. */
async function logsTab(page: Page) {
  await keystoneFormLogin(page, live().keystone, "demo");
  await page.goto(`/project/instances/${live().trove.instance}?tab=logs`);
  await expect(logRow(page, "general")).toBeVisible({ timeout: 15_000 });
  return page.getByRole("status").filter({ hasText: "Could not refresh the logs" });
}

/** Back to normal: the table refreshes again, and a reload lists the logs afresh. */
async function recovered(page: Page, stale: Locator) {
  await expect(stale).toHaveCount(0, { timeout: RECOVERY_MS });
  await page.reload();
  await expect(logRow(page, "general")).toBeVisible();
  await expect(stale).toHaveCount(0);
}

test("Trove's refusals through the dashboard's API: unknown log 400 in one line, unknown or another project's instance 404, admin API 403", async ({
  page,
}) => {
  const { trove } = live();
  await keystoneFormLogin(page, live().keystone, "demo");
  const unknownLog = await apiError(page, `/api/instances/${trove.instance}/log/nosuchlog/lines?tail=5`);
  expect(unknownLog).toEqual({
    status: 400,
    code: "bad_request",
    message: "Log 'nosuchlog' is not defined.",
  });
  const unknown = await apiError(page, `/api/instances/${randomUUID()}/log`);
  expect([unknown.status, unknown.code]).toEqual([404, "not_found"]);
  const theirs = await apiError(page, `/api/instances/${trove.otherInstance}/log`);
  expect([theirs.status, theirs.code]).toEqual([404, "not_found"]);
  const adminApi = await apiError(page, `/api/admin/instances/${trove.instance}/log`);
  expect([adminApi.status, adminApi.code]).toEqual([403, "forbidden"]);
  // The UI says the same for an instance of another project; its log viewer too, rather than
  // "Nothing published yet" with a Publish button.
  await page.goto(`/project/instances/${trove.otherInstance}`);
  await expect(page.getByText(theirs.message)).toBeVisible();
  await page.goto(`/project/instances/${trove.otherInstance}/logs/general`);
  const failure = page.getByRole("alert").filter({ hasText: "Could not load the log" });
  await expect(failure).toContainText(theirs.message);
  await expect(page.getByText("Nothing published yet")).toHaveCount(0);
});

test("a token revoked in Keystone: Trove refuses it (401), the session ends, back to the login page", async ({
  page,
}) => {
  // Signed in without opening a page: Trove has not seen this token yet (keystonemiddleware keeps
  // accepting a token it once accepted for its token_cache_time, 300 s, even after a revocation).
  const signedIn = await page.request.post("/api/auth/login", {
    data: { username: "demo", password: live().keystone.passwords.demo, project: "demo" },
  });
  expect(signedIn.status(), await signedIn.text()).toBe(200);
  const cookies = await page.context().cookies();
  await revokeInKeystone(live().keystone, latestToken("demo", live().dataDir));
  await page.goto(`/project/instances/${live().trove.instance}?tab=logs`);
  await expect(page).toHaveURL(/\/login\?.*reason=expired/, { timeout: 20_000 });
  await expect(page.getByText("Your session has expired")).toBeVisible();
  // The session is over on the server too: a copy of the old cookie is refused.
  const replayed = await page.request.get("/api/auth/session", {
    headers: { Cookie: cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join("; ") },
  });
  expect(replayed.status()).toBe(401);
});

test("trove-api stopped mid-flow: a 503 that says so, and all is well once it is started again", async ({
  page,
}) => {
  const stale = await logsTab(page);
  await restoringTrove(live().trove, async () => {
    await troveControl(live().trove, "stop-part", "api");
    await expect(stale).toContainText("Trove (the database service) is unreachable: ECONNREFUSED.");
    await expect(logRow(page, "general")).toBeVisible(); // the last known state stays
    const down = await apiError(page, `/api/instances/${live().trove.instance}/log`);
    expect(down).toMatchObject({
      status: 503,
      code: "service_unavailable",
      message: "Trove (the database service) is unreachable: ECONNREFUSED.",
    });
  });
  await recovered(page, stale);
});

test("RabbitMQ stopped: trove-api hangs, the dashboard answers 503 within its timeout, and recovers", async ({
  page,
}) => {
  const stale = await logsTab(page);
  const silent = `Trove (the database service) did not answer within ${TROVE_TIMEOUT_S} s. Try again later.`;
  await restoringTrove(live().trove, async () => {
    await troveControl(live().trove, "stop-part", "rabbitmq");
    await expect(stale).toContainText(silent, { timeout: 30_000 });
    await screenshot(page, "live-trove-rabbitmq-down");
    const started = Date.now();
    const hung = await apiError(page, `/api/instances/${live().trove.instance}/log`);
    expect(hung).toMatchObject({ status: 503, code: "service_unavailable", message: silent });
    expect(Date.now() - started).toBeLessThan((TROVE_TIMEOUT_S + 3) * 1000);
  });
  await recovered(page, stale);
});
