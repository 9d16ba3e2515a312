// python-troveclient 8.0.0 (Debian's `openstack database …`) against our Trove API, through the real
// Keystone and the real Swift: the CLI finds us in the catalog (service type `database`), lists and
// shows instances, acts on logs with Trove's API, and reads what we published straight from Swift
// (log tail / log save). Every `openstack database log` command runs: list, show, set, tail, save.
import { expect, test } from "@playwright/test";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeLogFile } from "../fixtures/api";
import { keystoneServer, requireKeystone, type KeystoneTestEnv } from "../fixtures/keystone";
import { KEYSTONE_INSTANCES } from "../fixtures/keystone-run";
import { openstackCli, type CliUser } from "../fixtures/openstack-cli";

const instance = KEYSTONE_INSTANCES.demoMysql;
const NAME = "ks-demo-mysql"; // keystone-run.ts: mysql 8.0.36, flavor ks-flavor-small, 2 GB
const source = keystoneServer.logFile(instance, "general");

let keystone: KeystoneTestEnv;
let scratch: string;
test.beforeAll(async () => {
  keystone = await requireKeystone();
  scratch = mkdtempSync(join(tmpdir(), "trove-logs-cli-"));
});
test.afterAll(() => rmSync(scratch, { recursive: true, force: true }));
test.describe.configure({ mode: "serial", timeout: 120_000 });

/** `openstack database …` as a user of the real Keystone, in the user's own project: stdout (fails with stderr). */
const openstack = (user: CliUser, ...args: string[]) =>
  openstackCli(keystone, user, ["database", ...args], { home: scratch });

/** `openstack database log …` */
const cli = (user: CliUser, ...args: string[]) => openstack(user, "log", ...args);

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

/** The table row of `instance list` whose cells are `cells` (a user reads it as one line). */
const row = (...cells: string[]) =>
  new RegExp(
    `\\|\\s*${cells.map((cell) => cell.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("\\s*\\|\\s*")}\\s*\\|`,
  );

test("instance list and show: the columns and fields a user reads, from Trove's instance views", async () => {
  const list = await openstack("demo", "instance", "list");
  expect(list).toMatch(
    row(instance, NAME, "mysql", "8.0.36", "ACTIVE", "HEALTHY", "False", "", "ks-flavor-small", "2", ""),
  );
  expect(list).not.toContain("ks-ops-mariadb");
  expect(JSON.parse(await openstack("demo", "instance", "list", "-f", "json"))).toEqual([
    {
      ID: instance,
      Name: NAME,
      Datastore: "mysql",
      "Datastore Version": "8.0.36",
      Status: "ACTIVE",
      "Operating Status": "HEALTHY",
      Public: false,
      Addresses: "",
      "Flavor ID": "ks-flavor-small",
      Size: 2,
      Role: "",
    },
  ]);

  // By name (the CLI finds it in the list) and by id: the same instance.
  const shown = await openstack("demo", "instance", "show", NAME);
  expect(shown).toMatch(/\|\s*flavor\s*\|\s*ks-flavor-small\s*\|/);
  expect(shown).toMatch(/\|\s*volume\s*\|\s*2\s*\|/);
  const fields = JSON.parse(await openstack("demo", "instance", "show", instance, "-f", "json"));
  expect(fields).toMatchObject({
    id: instance,
    name: NAME,
    status: "ACTIVE",
    operating_status: "HEALTHY",
    datastore: "mysql",
    datastore_version: "8.0.36",
    datastore_version_number: "8.0.36",
    flavor: "ks-flavor-small",
    volume: 2,
    region: "RegionOne",
    public: false,
  });
  const time = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/; // Trove's: UTC, no zone
  for (const key of ["created", "updated", "service_status_updated"]) expect(fields[key]).toMatch(time);
  expect(fields.created <= fields.updated).toBe(true);
  expect(fields).not.toHaveProperty("tenant_id"); // Trove shows it to admins only

  // Another project's member: the instance does not exist for them.
  await expect(openstack("ops-user", "instance", "show", NAME)).rejects.toThrow(
    new RegExp(`No instance with a name or ID of '${NAME}' exists`),
  );
});

test("instance list for admins: every project (Trove's management API), one project, members refused", async () => {
  const all = JSON.parse(
    await openstack("admin", "instance", "list", "--all-projects", "-f", "json"),
  ) as Array<Record<string, unknown>>;
  expect(all.map((item) => [item.Name, item["Tenant ID"], item["Flavor ID"], item.Size]).sort()).toEqual([
    ["ks-demo-mysql", keystone.projects.demo, "ks-flavor-small", 2],
    ["ks-ops-mariadb", keystone.projects.ops, "ks-flavor-tiny", 1],
  ]);
  const ops = JSON.parse(
    await openstack("admin", "instance", "list", "--project-id", keystone.projects.ops, "-f", "json"),
  ) as Array<Record<string, unknown>>;
  expect(ops.map((item) => item.Name)).toEqual(["ks-ops-mariadb"]);
  // The admin's own project has no instances.
  expect(await openstack("admin", "instance", "list", "-f", "json")).toMatch(/^\[\]\s*$/);
  await expect(openstack("demo", "instance", "list", "--all-projects")).rejects.toThrow(
    /User does not have admin privileges\. \(HTTP 403\)/,
  );
});

test("log set --disable, --publish --discard, SYS and hidden logs: Trove's answers, first lines only", async () => {
  const line = "2026-11-25T10:00:00.000000Z\t1 Query\tSELECT 1\n";
  writeLogFile(source, line);
  await cli("demo", "set", NAME, "general", "--enable");
  const republished = await cli("demo", "set", NAME, "general", "--publish", "--discard");
  expect(republished).toMatch(/status\s*\|\s*Published/);
  expect(republished).toMatch(new RegExp(`published\\s*\\|\\s*${line.length}\\b`));
  expect(await cli("demo", "tail", NAME, "general")).toContain(line);

  const disabled = await cli("demo", "set", NAME, "general", "--disable");
  expect(disabled).toMatch(/status\s*\|\s*Disabled/);
  expect(await cli("demo", "list", NAME)).toMatch(row("general", "USER", "Disabled", String(line.length)));
  await cli("demo", "set", NAME, "general", "--discard");

  // Trove's guest refuses a SYS log's toggle first (even one hidden from members), then hidden logs.
  await expect(cli("demo", "set", NAME, "guest", "--enable")).rejects.toThrow(
    /failed: An error occurred communicating with the guest: Cannot enable a SYSTEM log \('guest'\)\. \(HTTP 400\)\n$/,
  );
  // An admin finds another project's instance by id (its name is looked up in the admin's own list).
  await expect(cli("admin", "set", instance, "error", "--disable")).rejects.toThrow(
    /Cannot disable a SYSTEM log \('error'\)\. \(HTTP 400\)\n$/,
  );
  await expect(cli("demo", "show", NAME, "error")).rejects.toThrow(
    /You must be admin to show log 'error'\. \(HTTP 400\)\n$/,
  );
  await expect(cli("demo", "show", NAME, "audit")).rejects.toThrow(
    /Log 'audit' is not defined\. \(HTTP 400\)\n$/,
  );
  // tail and save print the error's first line themselves (and exit 0).
  expect(await cli("demo", "tail", NAME, "audit")).toBe(
    "An error occurred communicating with the guest: Log 'audit' is not defined.\n",
  );
  const file = join(scratch, "nothing.log");
  expect(await cli("demo", "save", NAME, "general", "--file", file)).toMatch(
    /No published 'general' log was found/,
  );
});
