// Generated hostile requests (fast-check, fixed seed) over every route of the configured server: paths,
// ids, log names, query values, bodies, headers, cookies and methods. No answer may be a 5xx, show a
// stack trace or an internal path, or take longer than 10 s. The full run is scripts/fuzz.ts.
import { expect, test } from "@playwright/test";
import { run } from "../fixtures/api";
import { formatHeadline } from "../fixtures/fuzz/report";
import { ROUTES } from "../fixtures/fuzz/routes";
import { runFuzz } from "../fixtures/fuzz/run-fuzz";

/** Printed with the summary: the same seed and count send the same requests again. */
const SEED = 20_261_125;
const COUNT = 1_800;

test("1,800 generated hostile requests: no 5xx, no stack trace or internal path, none slower than 10 s", async () => {
  test.setTimeout(180_000);
  const report = await runFuzz({
    url: run.configured.url,
    seed: SEED,
    count: COUNT,
    member: { username: "demo", password: run.passwords.demo },
    admin: { username: "admin", password: run.passwords.admin, project: "demo" },
    internalPaths: [run.dir, process.cwd()],
    // The other specs share this server: nothing is published, switched or restarted, no password is checked.
    safe: true,
  });
  console.log(formatHeadline(report));
  expect(report.aborted, report.summary).toBeUndefined();
  expect(report.sent).toBe(COUNT);
  // The run reached every route, and signed-in requests got through (the sessions worked).
  expect(new Set(report.outcomes.map((outcome) => outcome.request.route.name))).toEqual(
    new Set(ROUTES.map((route) => route.name)),
  );
  const signedIn = report.outcomes.filter(
    (outcome) => outcome.request.route.name === "auth session" && outcome.answer.status === 200,
  );
  expect(signedIn.length).toBeGreaterThan(0);
  expect(report.failures.length, report.summary).toBe(0);
});
