// The viewer's readers on objects a REAL Trove guest agent would have written (the layout of
// lib/server/testing/guest-agent-layout.ts, recorded from Trove 18): only X-Object-Meta-Lines and
// X-Delete-At on them, nothing of ours, Trove's timestamps in their names. Written into the real
// Swift with a real Keystone token of the demo project (scripts/services/*.sh; npm test starts them),
// and read back exactly as the openstack backend reads them: with that user's token.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LogSearchEvent } from "@/lib/schemas/log-view";
import { requireKeystone } from "@/scripts/services/keystone-env";
import { catalogUrl } from "@/lib/server/auth/keystone/keystone-catalog";
import { KeystoneClient } from "@/lib/server/auth/keystone/keystone-client";
import type { KeystoneToken } from "@/lib/server/auth/keystone/keystone-token";
import { userSwiftStore } from "@/lib/server/backend/user-swift-store";
import { requireSwift } from "@/lib/server/object-store/testing/swift-test-env";
import { GuestAgentPublisher } from "@/lib/server/testing/guest-agent-layout";
import {
  recordedGuestListing,
  recordedGuestMetafile,
  recordedGuestObjectHeaders,
} from "@/lib/server/trove/testing/recorded-trove";
import { downloadLog } from "./download";
import type { PublishedLog } from "./published-log";
import { readLines } from "./read-lines";
import { searchLog } from "./search";
import { ScanPool } from "./search-pool";
import { tailLog } from "./tail";

let demo: KeystoneToken;
let accountUrl: string;
const pool = new ScanPool({ size: 1, budgetMs: 10_000 });

beforeAll(async () => {
  await requireSwift();
  const keystone = await requireKeystone();
  const client = new KeystoneClient({ url: keystone.url, timeoutMs: 10_000 });
  demo = await client.passwordAuth({
    user: "demo",
    password: keystone.passwords.demo,
    userDomain: "Default",
    scope: { name: "demo", domain: "Default" },
  });
  accountUrl = catalogUrl(demo.catalog, { type: "object-store", projectId: demo.project!.id })!;
});
afterAll(() => pool.close());

const text = async (chunks: AsyncGenerator<Uint8Array>) => {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts);
};
const lastLines = (bytes: Buffer, count: number) =>
  `${bytes.toString("utf8").split("\n").slice(0, -1).slice(-count).join("\n")}\n`;
const mariadbLine = (n: number, sql: string) =>
  `2026-12-01T20:${String(Math.floor(n / 60) % 60).padStart(2, "0")}:${String(n % 60).padStart(2, "0")}.123456Z\t${7 + (n % 5)} Query\t${sql}`;
const lines = (from: number, count: number, sql: (n: number) => string) =>
  Array.from({ length: count }, (_, i) => `${mariadbLine(from + i, sql(from + i))}\n`).join("");

describe("a real guest agent's published objects", () => {
  const instanceId = randomUUID();
  let guest: GuestAgentPublisher;
  let expected: Buffer;
  let log: PublishedLog;

  beforeAll(async () => {
    // The guest's clock steps 5 µs from just before a whole second: one object is named
    // "…T20:40:25" (Python drops the zero microseconds), between "…24.999995" and "…25.000005".
    let micros = BigInt(Date.UTC(2026, 11, 1, 20, 40, 24)) * 1000n + 999_985n;
    guest = new GuestAgentPublisher(
      {
        accountUrl,
        token: demo.value,
        instanceId,
        datastore: "mariadb",
        log: "general",
        logType: "USER",
        logFile: "/var/lib/mysql/data/mariadb-general.log",
        limit: 4096,
        expiry: 3600,
      },
      () => (micros += 5n),
    );
    // Three publishes, as a user would make them: the file grows in between. The second brings a
    // 6,000-character line (an object larger than guest_log_limit), the third non-ASCII text.
    let file = lines(1, 1500, (n) => (n === 777 ? "SELECT 'needle one'" : `SELECT ${n}`));
    const uploads = [await guest.publish(file)];
    file += lines(1501, 1000, (n) => (n === 2000 ? `SELECT '${"x".repeat(6000)}'` : `SELECT ${n}`));
    uploads.push(await guest.publish(file));
    file += lines(2501, 500, (n) => (n === 2999 ? "SELECT 'needle two: café 日本語'" : `SELECT 'ü ${n}'`));
    uploads.push(await guest.publish(file));
    expected = Buffer.concat(uploads);
    const { store, account } = userSwiftStore(accountUrl, demo.value, 10_000);
    // What the openstack backend builds from Trove's log-show: Trove's `published` (characters).
    log = { store, account, container: guest.container, prefix: guest.prefix, size: guest.published };
  }, 120_000);

  afterAll(async () => {
    for (const name of [...(guest?.objects ?? []), guest?.metafile]) {
      await fetch(`${accountUrl}/${guest.container}/${name}`, {
        method: "DELETE",
        headers: { "X-Auth-Token": demo.value },
      });
    }
  });

  it("are laid out as the recording shows: Trove's names and headers, nothing of ours", async () => {
    const recorded = recordedGuestListing().map((entry) => entry.name);
    expect(
      recorded.some((name) => /\/mariadb-guest\/log-\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/.test(name)),
    ).toBe(true);
    expect(guest.objects).toContain(`${instanceId}/mariadb-general/log-2026-12-01T20:40:25`);
    expect(guest.objects.length).toBeGreaterThan(20);
    // The headers Swift answers for them are those of the recorded guest object: X-Object-Meta-Lines
    // and no other metadata, X-Delete-At (from X-Delete-After), Swift's default content type.
    const recordedHeaders = recordedGuestObjectHeaders();
    const recordedMeta = Object.keys(recordedHeaders)
      .filter((header) => header.startsWith("x-object-meta-"))
      .map((header) => header.slice("x-object-meta-".length));
    const head = await log.store.headObject(log.account, log.container, guest.objects[0]!);
    expect(Object.keys(head.metadata)).toEqual(recordedMeta);
    expect(head.metadata.lines).toMatch(/^\d+$/);
    expect(recordedHeaders["x-delete-at"]).toMatch(/^\d+$/);
    expect(head.deleteAt).toBeGreaterThan(Date.now() / 1000 + 3000);
    expect(head.contentType).toBe(recordedHeaders["content-type"]);
    // The metafile beside the prefix has the recorded one's keys (and is not part of the log).
    const metafile = await log.store.getObject(log.account, log.container, guest.metafile);
    const parts: Buffer[] = [];
    for await (const part of metafile.body) parts.push(Buffer.from(part as Uint8Array));
    const fields = JSON.parse(Buffer.concat(parts).toString()) as Record<string, unknown>;
    expect(Object.keys(fields)).toEqual(Object.keys(recordedGuestMetafile()));
    expect(fields.log_size).toBe(guest.published);
    // troveclient reads them in upload (last_modified) order: that is their name order here too.
    const { entries } = await log.store.listObjects(log.account, log.container, { prefix: log.prefix });
    const names = entries.map((entry) => (entry.kind === "object" ? entry.name : ""));
    const byUpload = entries
      .flatMap((entry) => (entry.kind === "object" ? [entry] : []))
      .sort((a, b) => a.lastModified.localeCompare(b.lastModified))
      .map((entry) => entry.name);
    expect(names).toEqual(guest.objects);
    expect(byUpload).toEqual(guest.objects);
  });

  it("download is byte-exact, metafile left out", async () => {
    const { size, body } = await downloadLog(log);
    expect(size).toBe(expected.length);
    const bytes = await text(body);
    expect(bytes.equals(expected)).toBe(true);
    expect(bytes.toString()).not.toContain("log_header_digest");
  });

  it("tail reads the last lines, the whole log, and what follows the first n", async () => {
    expect((await text(await tailLog(log, 50))).toString()).toBe(lastLines(expected, 50));
    expect((await text(await tailLog(log, 2600))).toString()).toBe(lastLines(expected, 2600));
    expect((await text(await tailLog(log, 0))).equals(expected)).toBe(true);
    const all = expected.toString().split("\n").slice(0, -1);
    expect((await text(await tailLog(log, -2990))).toString()).toBe(`${all.slice(2990).join("\n")}\n`);
  });

  it("the viewer's line windows use the guest's line counts, across objects and publishes", async () => {
    const all = expected.toString().split("\n").slice(0, -1);
    const end = await readLines(log, { tail: 100, count: 100 });
    expect(end).toMatchObject({ total_lines: all.length, size: expected.length, last_line_complete: true });
    expect(end.lines).toEqual(all.slice(-100));
    const middle = await readLines(log, { fromLine: 1480, count: 40 });
    expect(middle.first_line).toBe(1480);
    expect(middle.lines).toEqual(all.slice(1479, 1519));
    const long = await readLines(log, { fromLine: 2000, count: 1 });
    expect(long.lines[0]).toBe(all[1999]);
  });

  it("search finds lines by their numbers in the guest's objects", async () => {
    const events: LogSearchEvent[] = [];
    const request = { query: "needle", regex: false, caseSensitive: false, limit: 100 };
    for await (const event of searchLog(log, request, { pool, signal: new AbortController().signal })) {
      events.push(event);
    }
    const matches = events.flatMap((event) => (event.type === "match" ? [[event.line, event.text]] : []));
    expect(matches).toEqual([
      [777, mariadbLine(777, "SELECT 'needle one'")],
      [2999, mariadbLine(2999, "SELECT 'needle two: café 日本語'")],
    ]);
    expect(events.at(-1)).toMatchObject({ type: "done", total: 2, scanned: expected.length });
  });
});
