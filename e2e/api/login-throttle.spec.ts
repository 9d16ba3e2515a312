// Sign-in throttling and the hashing bound against the configured (local identity) server. Every
// request here comes from one client address (the tests' own), so each test ends with a successful
// sign-in, which forgets the failures it caused.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { loginAs, run, writeLogFile } from "../fixtures/api";
import { countOf, expectRetryAfter, loginAfterBackoff, loginFlood } from "../fixtures/sign-in";
import { INSTANCES } from "../fixtures/run";

test.describe.configure({ mode: "serial" });

const logUrl = `/api/instances/${INSTANCES.mysql}/log`;
const tailUrl = `${logUrl}/slow_query/tail?lines=50`;
/** Generous: on a shared 2-core machine a tail alone takes tens of ms; before the fix, seconds. */
const TAIL_BOUND_MS = 2_000;

async function publishSlowLog(member: APIRequestContext) {
  expect((await member.post(logUrl, { data: { name: "slow_query", discard: 1 } })).status()).toBe(200);
  const lines = Array.from(
    { length: 20_000 },
    (_, i) => `# Query_time: 1.${i % 1000}  Lock_time: 0.0 Rows_sent: ${i}\nSELECT ${i} FROM orders;\n`,
  );
  writeLogFile(run.logFile(INSTANCES.mysql, "slow_query"), lines.join(""));
  expect((await member.post(logUrl, { data: { name: "slow_query", enable: 1 } })).status()).toBe(200);
  const published = await member.post(logUrl, { data: { name: "slow_query", publish: 1 } });
  expect(published.status(), await published.text()).toBe(200);
}

async function timedTail(member: APIRequestContext): Promise<number> {
  const started = performance.now();
  const response = await member.get(tailUrl);
  expect(response.status()).toBe(200);
  expect((await response.text()).split("\n")).toHaveLength(51); // 50 lines and the final newline
  return performance.now() - started;
}

/** Tails one after another until `flood` settles; the tails' milliseconds. */
async function tailsDuring(member: APIRequestContext, flood: Promise<unknown>): Promise<number[]> {
  let settled = false;
  void flood.finally(() => (settled = true));
  const times: number[] = [];
  while (!settled || times.length < 5) times.push(await timedTail(member));
  return times;
}

const summary = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!.toFixed(0);
  return `n=${sorted.length} p50=${at(0.5)} ms p95=${at(0.95)} ms max=${sorted.at(-1)!.toFixed(0)} ms`;
};

function report(what: string, figures: string) {
  test.info().annotations.push({ type: what, description: figures });
  console.log(`[login-throttle] ${what}: ${figures}`);
}

test.describe("sign-in throttling (local identity)", () => {
  let member: APIRequestContext;
  let alone: number[];

  test.beforeAll(async () => {
    member = await loginAs("demo"); // also forgets earlier failures of this name and address
    await publishSlowLog(member);
    alone = [];
    for (let i = 0; i < 10; i += 1) alone.push(await timedTail(member));
    report("tail alone", summary(alone));
  });

  test.afterAll(async () => {
    await member.post(logUrl, { data: { name: "slow_query", discard: 1 } });
    await member.post(logUrl, { data: { name: "slow_query", disable: 1 } });
  });

  test("32 concurrent wrong passwords for one account: 429s with Retry-After, tails stay fast, the owner gets in after the backoff", async ({
    request,
  }) => {
    const flood = loginFlood(request, 32, () => "demo");
    const during = await tailsDuring(member, flood);
    const answers = await flood;
    report("tail during 32 wrong logins for demo", summary(during));
    // The free attempts (5) reach the password check; the rest are refused before it.
    expect(countOf(answers, 401)).toBe(5);
    expect(countOf(answers, 429)).toBe(27);
    expectRetryAfter(answers);
    expect(answers.find((answer) => answer.status === 429)!.message).toMatch(
      /^Too many (failed )?sign-in attempts for this account( at once)?; try again in \d+ s\.$/,
    );
    expect(Math.max(...during)).toBeLessThan(TAIL_BOUND_MS);

    // The right password is not even checked while the account waits…
    const early = await request.post("/api/auth/login", {
      data: { username: "demo", password: run.passwords.demo },
    });
    expect(early.status()).toBe(429);
    expect(Number(early.headers()["retry-after"])).toBeGreaterThanOrEqual(1);
    // …and works once the wait is over.
    const { waitedSeconds } = await loginAfterBackoff(test.info().project.use.baseURL!, {
      username: "demo",
      password: run.passwords.demo,
    });
    expect(waitedSeconds).toBeLessThanOrEqual(2);
  });

  test("32 concurrent wrong passwords for 32 names: hashing stays bounded, tails stay fast, refusals are quick", async ({
    request,
  }) => {
    const started = performance.now();
    const flood = loginFlood(request, 32, (i) => `guess-${i}`);
    const during = await tailsDuring(member, flood);
    const answers = await flood;
    const floodMs = performance.now() - started;
    report("tail during 32 wrong logins for 32 names", summary(during));
    report(
      "answers",
      `401×${countOf(answers, 401)} 429×${countOf(answers, 429)} 503×${countOf(answers, 503)} in ${floodMs.toFixed(0)} ms`,
    );
    // One address: at most its free attempts (20) are checked, and never more than fit the hash queue.
    expect(countOf(answers, 401)).toBeLessThanOrEqual(20);
    expect(countOf(answers, 401) + countOf(answers, 429) + countOf(answers, 503)).toBe(32);
    expect(countOf(answers, 429) + countOf(answers, 503)).toBeGreaterThanOrEqual(12);
    expectRetryAfter(answers);
    expect(Math.max(...during)).toBeLessThan(TAIL_BOUND_MS);

    await loginAfterBackoff(test.info().project.use.baseURL!, {
      username: "demo",
      password: run.passwords.demo,
    });
  });

  test("successful sign-ins are never throttled, however many", async () => {
    for (let i = 0; i < 30; i += 1) await loginAs(i % 2 ? "admin" : "demo");
  });
});
