// Three replicas behind haproxy (round-robin, no stickiness) with real Keystone, Swift and memcached:
// a member's whole flow with every request on another replica, two replicas publishing one log at
// once, and a replica killed and restarted mid-flow. Started and stopped here (e2e/fixtures/replicas.ts).
import { appendFileSync, readFileSync } from "node:fs";
import {
  expect,
  request as playwrightRequest,
  test,
  type APIRequestContext,
  type APIResponse,
} from "@playwright/test";
import { requireKeystone, type KeystoneTestEnv } from "../fixtures/keystone";
import { startReplicas, type ReplicaSet } from "../fixtures/replicas";

test.describe.configure({ mode: "serial" });
test.setTimeout(300_000);

let keystone: KeystoneTestEnv;
let set: ReplicaSet;
let member: APIRequestContext;
const served: string[] = [];

const lines = (from: number, count: number) =>
  Array.from(
    { length: count },
    (_, i) => `2026-12-02T10:00:00Z ${from + i} Query SELECT 'réplica ${from + i}';\n`,
  ).join("");

/** Every answer through haproxy names its replica; none may be the one before. */
function landed(response: APIResponse): APIResponse {
  const by = response.headers()["x-served-by"];
  expect(by, "X-Served-By").toMatch(/^replica-\d$/);
  expect(by, `request ${served.length + 1} on the same replica as the one before`).not.toBe(served.at(-1));
  served.push(by!);
  return response;
}

async function ok(response: Promise<APIResponse>, status = 200): Promise<APIResponse> {
  const answer = landed(await response);
  expect(answer.status(), await answer.text()).toBe(status);
  return answer;
}

const logPath = () => `/api/instances/${set.instanceId}/log`;

test.beforeAll(async () => {
  test.setTimeout(420_000);
  keystone = await requireKeystone();
  set = await startReplicas(keystone, Number(process.env.TROVE_LOGS_E2E_PORT ?? 3310));
  appendFileSync(set.logFile, lines(0, 20_000));
  member = await playwrightRequest.newContext({ baseURL: set.url });
});

test.afterAll(async () => {
  await member?.dispose();
  await set?.stop();
});

test("a member's whole flow, every request on another replica, one replica killed and restarted", async () => {
  await ok(member.post("/api/auth/login", { data: { username: "demo", password: keystone.passwords.demo } }));
  await ok(member.get("/api/auth/session"));
  await ok(member.post(logPath(), { data: { name: "general", enable: 1 } }));
  const published = await ok(member.post(logPath(), { data: { name: "general", publish: 1 } }));
  expect((await published.json()).log).toMatchObject({ status: "Published", pending: 0 });
  const view = await ok(member.get(logPath()));
  expect((await view.json()).logs).toContainEqual(
    expect.objectContaining({ name: "general", status: "Published" }),
  );
  const tail = await ok(member.get(`${logPath()}/general/tail?lines=2`));
  expect(await tail.text()).toBe(lines(19_998, 2));
  const search = await ok(
    member.get(`${logPath()}/general/search?q=${encodeURIComponent("réplica 12345'")}`),
  );
  expect(await search.text()).toContain("SELECT 'réplica 12345'");
  const download = await ok(member.get(`${logPath()}/general/download`));
  expect(Buffer.compare(await download.body(), readFileSync(set.logFile))).toBe(0);

  // A replica dies: the user keeps the session (memcached) and sees no error (haproxy redispatches).
  await set.kill(1);
  for (let i = 0; i < 4; i++) {
    const answer = await member.get("/api/auth/session");
    expect(answer.status(), await answer.text()).toBe(200);
    expect(answer.headers()["x-served-by"]).not.toBe("replica-2");
  }
  appendFileSync(set.logFile, lines(20_000, 500));
  await set.restart(1);
  await expect
    .poll(async () => (await member.get("/api/auth/session")).headers()["x-served-by"], { timeout: 10_000 })
    .toBe("replica-2");
  served.length = 0;
  await ok(member.post(logPath(), { data: { name: "general", publish: 1 } }));
  const again = await ok(member.get(`${logPath()}/general/download`));
  expect(Buffer.compare(await again.body(), readFileSync(set.logFile))).toBe(0);

  // Logout on one replica ends the session on all of them at once.
  await ok(member.post("/api/auth/logout"));
  for (let i = 0; i < 3; i++) await ok(member.get("/api/auth/session"), 401);
  expect(new Set(served).size).toBe(3);
});

test("two replicas publishing the same log at once: byte-exact, nothing duplicated", async () => {
  const context = await playwrightRequest.newContext({ baseURL: set.url });
  const login = await context.post("/api/auth/login", {
    data: { username: "demo", password: keystone.passwords.demo },
  });
  expect(login.status()).toBe(200);
  appendFileSync(set.logFile, lines(30_000, 30_000));
  const size = readFileSync(set.logFile).length;
  // Straight to two replicas (the cookie is the host's, whatever the port).
  const publishOn = (replica: { url: string }) =>
    context.post(`${replica.url}${logPath()}`, { data: { name: "general", publish: 1 } });
  const [a, b] = await Promise.all([publishOn(set.replicas[0]!), publishOn(set.replicas[1]!)]);
  expect([a.status(), b.status()]).toEqual([200, 200]);
  const logs = [(await a.json()).log, (await b.json()).log];
  for (const log of logs) expect(log).toMatchObject({ status: "Published", published: size, pending: 0 });
  const download = await context.get(`${logPath()}/general/download`);
  const copy = await download.body();
  expect(copy.length).toBe(size);
  expect(Buffer.compare(copy, readFileSync(set.logFile))).toBe(0);
  await context.dispose();
});
