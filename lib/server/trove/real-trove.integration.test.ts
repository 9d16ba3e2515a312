// Against Debian's real Trove 18 that scripts/services/trove.sh starts (npm test does): a demo user's
// Keystone token -> trove-api -> RabbitMQ -> guest agent -> real Swift. No mocks (only Nova, Neutron and
// Docker are the script's labelled stand-ins). Without it every test here fails, saying how to start it.
import { randomUUID } from "node:crypto";
import { createConnection } from "mysql2/promise";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requireKeystone } from "@/scripts/services/keystone-env";
import { requireRealTrove, troveControl, type RealTroveEnv } from "@/scripts/services/trove-env";
import { catalogUrl } from "@/lib/server/auth/keystone/keystone-catalog";
import { KeystoneClient } from "@/lib/server/auth/keystone/keystone-client";
import type { KeystoneToken } from "@/lib/server/auth/keystone/keystone-token";

interface TroveLog {
  name: string;
  type: string;
  status: string;
  published: number;
  pending: number;
  container: string;
  prefix: string;
}
interface SwiftEntry {
  name: string;
  bytes: number;
}

let trove: RealTroveEnv;
let demo: KeystoneToken;
let troveUrl: string;
let swiftUrl: string;
let demoProject: string;

beforeAll(async () => {
  const keystone = await requireKeystone();
  trove = await requireRealTrove();
  const client = new KeystoneClient({ url: keystone.url, timeoutMs: 10_000 });
  demoProject = keystone.projects.demo;
  demo = await client.passwordAuth({
    user: "demo",
    password: keystone.passwords.demo,
    userDomain: "Default",
    scope: { id: demoProject },
  });
  const where = { region: trove.region, projectId: demoProject };
  troveUrl = catalogUrl(demo.catalog, { type: "database", ...where }) ?? "";
  swiftUrl = catalogUrl(demo.catalog, { type: "object-store", ...where }) ?? "";
}, 30_000);

const asDemo = (url: string, body?: object) =>
  fetch(url, {
    method: body ? "POST" : "GET",
    headers: { "X-Auth-Token": demo.value, "Content-Type": "application/json", Accept: "application/json" },
    body: body && JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });

async function logAction(body: object): Promise<TroveLog> {
  const response = await asDemo(`${troveUrl}/instances/${trove.instance}/log`, body);
  const text = await response.text();
  expect(response.status, text).toBe(200);
  return (JSON.parse(text) as { log: TroveLog }).log;
}

async function swiftObjects(prefix: string): Promise<SwiftEntry[]> {
  const response = await asDemo(`${swiftUrl}/database_logs?format=json&prefix=${encodeURIComponent(prefix)}`);
  expect(response.status).toBe(200);
  return (await response.json()) as SwiftEntry[];
}

async function publishedText(entries: SwiftEntry[], prefix: string): Promise<string> {
  const parts = await Promise.all(
    entries
      .filter((entry) => entry.name.startsWith(prefix))
      .map(async (entry) => (await asDemo(`${swiftUrl}/database_logs/${entry.name}`)).text()),
  );
  return parts.join("");
}

describe("Debian's real Trove 18 (scripts/services/trove.sh)", () => {
  it("is RegionTrove's database endpoint in Keystone's catalog, beside the same Swift as RegionOne", () => {
    expect(troveUrl).toBe(`${trove.url}/v1.0/${demoProject}`);
    expect(swiftUrl).toBe(
      catalogUrl(demo.catalog, { type: "object-store", region: "RegionOne", projectId: demoProject }),
    );
  });

  it("lists the demo project's instance with its flavor and datastore, and hides another project's", async () => {
    const response = await asDemo(`${troveUrl}/instances`);
    expect(response.status).toBe(200);
    const { instances } = (await response.json()) as {
      instances: { id: string; name: string; flavor?: { id: string }; datastore: { type: string } }[];
    };
    const mine = instances.find((instance) => instance.id === trove.instance);
    expect(mine).toMatchObject({ name: "demo-db", datastore: { type: trove.datastore } });
    expect(mine?.flavor?.id).toEqual(expect.any(String));
    expect(instances.map((instance) => instance.id)).not.toContain(trove.otherInstance);
    const other = await asDemo(`${troveUrl}/instances/${trove.otherInstance}/log`);
    expect(other.status).toBe(404);
  });

  it("answers a log list through RabbitMQ and the guest agent with Trove's default exposed logs", async () => {
    const response = await asDemo(`${troveUrl}/instances/${trove.instance}/log`);
    expect(response.status).toBe(200);
    const { logs } = (await response.json()) as { logs: TroveLog[] };
    expect(logs.map((log) => [log.name, log.type])).toEqual([
      ["general", "USER"],
      ["slow_query", "USER"],
    ]);
  });

  it("logs a statement run on the guest's database and publishes it into the demo account", async () => {
    const marker = `trove-logs-marker-${randomUUID()}`;
    const prefix = `${trove.instance}/${trove.datastore}-general/`;
    await logAction({ name: "general", enable: 1 });
    try {
      const connection = await createConnection({ ...trove.guestSql, database: "trove_logs_test" });
      await connection.query(`SELECT '${marker}'`);
      await connection.end();
      const log = await logAction({ name: "general", publish: 1 });
      expect(log).toMatchObject({ status: "Published", container: "database_logs", prefix });
      expect(await publishedText(await swiftObjects(prefix), prefix)).toContain(marker);
    } finally {
      await logAction({ name: "general", discard: 1 });
      await logAction({ name: "general", disable: 1 });
    }
    expect(await swiftObjects(prefix)).toEqual([]);
  });

  describe("with guest and error exposed (trove.sh expose guest,error)", () => {
    beforeAll(() => troveControl(trove, "expose", "guest,error"), 180_000);
    afterAll(() => troveControl(trove, "expose", "default"), 180_000);

    it("publishes the guest agent's own log into the demo account's database_logs container", async () => {
      const list = await asDemo(`${troveUrl}/instances/${trove.instance}/log`);
      const { logs } = (await list.json()) as { logs: TroveLog[] };
      expect(logs.map((log) => log.name)).toEqual(["error", "guest"]);
      const prefix = `${trove.instance}/${trove.datastore}-guest/`;
      const log = await logAction({ name: "guest", publish: 1 });
      expect(log).toMatchObject({ type: "SYS", container: "database_logs", prefix });
      expect(log.published).toBeGreaterThan(0);
      // Published, or Partial when the agent logged more meanwhile; Rotated once the file passes
      // guest_log_limit (1,000,000 characters): Trove adds a newline where its read splits a line, so
      // `published` runs past the file's size (README, "publish-counts-bytes").
      expect(["Published", "Partial", "Rotated"]).toContain(log.status);
      if (log.status === "Rotated") expect(log.published).toBeGreaterThan(log.pending);
      const objects = await swiftObjects(prefix);
      expect(objects.length).toBeGreaterThan(0);
      // The agent logs each action before doing it: the published log holds this very publish.
      expect(await publishedText(objects, prefix)).toContain("Processing guest log 'guest'");
      const metafile = await asDemo(
        `${swiftUrl}/database_logs/${trove.instance}/${trove.datastore}-guest_metafile`,
      );
      expect(await metafile.json()).toMatchObject({ log_name: "guest", log_type: "SYS" });
    });
  });
});
