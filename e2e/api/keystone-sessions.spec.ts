// Sign-in throttling and session end with the real Keystone (scripts/services/keystone.sh; `npm test`
// starts it). Without Keystone these tests fail and say how to start it.
import { expect, test } from "@playwright/test";
import { requireKeystone, type KeystoneTestEnv } from "../fixtures/keystone";
import {
  countOf,
  expectRetryAfter,
  loginAfterBackoff,
  loginFlood,
  sessionEndTests,
} from "../fixtures/sign-in";

let keystone: KeystoneTestEnv;
test.beforeAll(async () => {
  keystone = await requireKeystone();
});

const baseURL = () => test.info().project.use.baseURL!;

test.describe("Keystone sign-in throttling", () => {
  test("32 concurrent wrong passwords: only the free attempts reach Keystone, the rest 429; the owner gets in after the backoff", async ({
    request,
  }) => {
    const credentials = { username: "ops-user", password: keystone.passwords.ops };
    await loginAfterBackoff(baseURL(), credentials); // forgets earlier failures of this name and address
    const answers = await loginFlood(request, 32, () => "ops-user");
    expect(countOf(answers, 401)).toBe(5);
    expect(countOf(answers, 429)).toBe(27);
    expectRetryAfter(answers);
    expect(answers.find((answer) => answer.status === 429)!.message).toMatch(/for this account/);

    const early = await request.post("/api/auth/login", { data: credentials });
    expect(early.status()).toBe(429); // not even sent to Keystone
    const { waitedSeconds } = await loginAfterBackoff(baseURL(), credentials);
    expect(waitedSeconds).toBeLessThanOrEqual(2);
  });
});

sessionEndTests("Keystone session end", () => ({
  member: { username: "demo", password: keystone.passwords.demo },
  admin: { username: "admin", password: keystone.passwords.admin },
  otherProject: { id: keystone.projects.ops, name: "ops" },
}));
