// python-troveclient (Debian's `openstack database log …`) against our Trove log API, through the
// real Keystone and the real Swift: the CLI finds us in the catalog (service type `database`), acts
// on logs with Trove's API, and reads what we published straight from Swift (log tail / log save).
import { expect, test } from "@playwright/test";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { writeLogFile } from "../fixtures/api";
import { keystoneServer, requireKeystone, type KeystoneTestEnv } from "../fixtures/keystone";
import { KEYSTONE_INSTANCES } from "../fixtures/keystone-run";

const run = promisify(execFile);
const instance = KEYSTONE_INSTANCES.demoMysql;
const source = keystoneServer.logFile(instance, "general");

let keystone: KeystoneTestEnv;
let scratch: string;
test.beforeAll(async () => {
  keystone = await requireKeystone();
  scratch = mkdtempSync(join(tmpdir(), "trove-logs-cli-"));
});
test.afterAll(() => rmSync(scratch, { recursive: true, force: true }));
test.describe.configure({ mode: "serial", timeout: 120_000 });

/** `openstack database log …` as a user of the real Keystone; answers stdout (fails with stderr). */
async function cli(user: "demo" | "admin", ...args: string[]): Promise<string> {
  const project = user === "admin" ? "admin" : "demo";
  // Only what the CLI needs (no NODE_ENV etc. from the test runner).
  const env = {
    PATH: "/usr/bin:/bin",
    HOME: scratch,
    OS_AUTH_URL: keystone.url,
    OS_IDENTITY_API_VERSION: "3",
    OS_USERNAME: user,
    OS_PASSWORD: keystone.passwords[user],
    OS_PROJECT_NAME: project,
    OS_USER_DOMAIN_NAME: "Default",
    OS_PROJECT_DOMAIN_NAME: "Default",
    OS_INTERFACE: "public",
  } as unknown as NodeJS.ProcessEnv;
  try {
    const { stdout } = await run("/usr/bin/openstack", ["database", "log", ...args], {
      env,
      timeout: 60_000,
    });
    return stdout;
  } catch (error) {
    const failure = error as { stderr?: string; message: string };
    throw new Error(`openstack database log ${args.join(" ")} failed: ${failure.stderr || failure.message}`);
  }
}

// Several objects (guest_log_limit 1,000,000), CRLF lines, multi-byte UTF-8, no final newline.
const content =
  Array.from(
    { length: 24_000 },
    (_, i) =>
      `2026-11-25T10:00:00.${String(i).padStart(6, "0")}Z\t${i} Query\tSELECT 'café ${i}' FROM orders /* 日本語 */\r\n`,
  ).join("") + "last line without newline";

test("the CLI lists, enables, publishes, shows, tails, saves and discards through our Trove API", async () => {
  await cli("demo", "set", instance, "general", "--discard").catch(() => undefined);
  writeLogFile(source, content);

  const list = await cli("demo", "list", instance);
  expect(list).toMatch(/general/);
  expect(list).not.toMatch(/\bguest\b/); // not exposed to members

  await cli("demo", "set", instance, "general", "--enable");
  expect(await cli("demo", "show", instance, "general")).toMatch(/status\s*\|\s*Ready/);

  await cli("demo", "set", instance, "general", "--publish");
  const shown = await cli("demo", "show", instance, "general");
  expect(shown).toMatch(/status\s*\|\s*Published/);
  expect(shown).toMatch(new RegExp(`published\\s*\\|\\s*${Buffer.byteLength(content)}\\b`));
  expect(shown).toMatch(/container\s*\|\s*database_logs/);

  const tail = await cli("demo", "tail", instance, "general", "--lines", "3");
  expect(tail).toContain("SELECT 'café 23998' FROM orders");
  expect(tail).toContain("SELECT 'café 23999' FROM orders");
  expect(tail).toContain("last line without newline");
  expect(tail).not.toContain("SELECT 'café 23997'");

  const saved = join(scratch, "general.log");
  await cli("demo", "save", instance, "general", "--file", saved);
  expect(readFileSync(saved).equals(Buffer.from(content))).toBe(true);

  await cli("demo", "set", instance, "general", "--discard");
  expect(await cli("demo", "show", instance, "general")).toMatch(/published\s*\|\s*0\b/);
  // troveclient's own wording for a log with nothing in Swift (it exits 0 after printing it).
  expect(await cli("demo", "tail", instance, "general")).toMatch(/No published 'general' log was found/);
});

test("an admin token sees and publishes the SYS logs members cannot see", async () => {
  writeLogFile(
    join(
      keystoneServer.dataDir,
      "logs",
      instance,
      "mysql-guest.log",
    ) /* not in the config: Trove's default place */,
    "2026-11-25 10:00:00.000 1 INFO trove.guestagent.manager [-] started\n",
  );
  const list = await cli("admin", "list", instance);
  expect(list).toMatch(/\bguest\b/);
  expect(list).toMatch(/\berror\b/);
  // Trove's URL tenant is the token's project: the admin's, not the instance owner's.
  await cli("admin", "set", instance, "guest", "--publish");
  expect(await cli("admin", "show", instance, "guest")).toMatch(/status\s*\|\s*Published/);
  await expect(cli("demo", "show", instance, "guest")).rejects.toThrow(/admin/);
});
