// Where the openstack backend reads a log that a REAL Trove published: its guest agent writes with
// the publisher's token into the publisher's own Swift account. The objects are written as that guest
// writes them (lib/server/testing/guest-agent-layout.ts) into the real Swift with real Keystone tokens;
// Trove itself is a stand-in here that answers log-show, instance show and the management listing
// in the shapes recorded from Trove 18 (the real Trove does not run in unit tests).
import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requireKeystone } from "@/scripts/services/keystone-env";
import type { KeystoneCatalog } from "@/lib/server/auth/keystone/keystone-catalog";
import { catalogUrl } from "@/lib/server/auth/keystone/keystone-catalog";
import { KeystoneClient } from "@/lib/server/auth/keystone/keystone-client";
import type { KeystoneToken } from "@/lib/server/auth/keystone/keystone-token";
import { downloadLog } from "@/lib/server/log-reader/download";
import { readLines } from "@/lib/server/log-reader/read-lines";
import { requireSwift } from "@/lib/server/object-store/testing/swift-test-env";
import { GuestAgentPublisher } from "@/lib/server/testing/guest-agent-layout";
import type { Caller } from "./log-backend";
import { createOpenstackBackend } from "./openstack-backend";

let admin: KeystoneToken;
let demo: KeystoneToken;
let trove: Server;
const published = new Map<string, number>(); // instance → characters the stand-in's guest counts
const owners = new Map<string, string>(); // instance → project
const actions: Array<{ instance: string; body: Record<string, unknown> }> = []; // log POSTs, in order
const written: Array<{ publisher: GuestAgentPublisher; token: string; accountUrl: string }> = [];

/** log-show, instance show and /mgmt/instances as Trove 18 answers them (09-, 03-, 02-shaped). */
function standInTrove(request: import("node:http").IncomingMessage, body: string) {
  const path = request.url ?? "";
  if (path.endsWith("/mgmt/instances")) {
    const instances = [...owners].map(([id, tenant]) => ({
      id,
      name: `db-${id.slice(0, 4)}`,
      status: "ACTIVE",
      tenant_id: tenant,
      datastore: { type: "mariadb", version: "10.11" },
    }));
    return { instances };
  }
  const id = /\/instances\/([\w-]+)(?:\/log)?$/.exec(path)?.[1] ?? "";
  if (path.endsWith("/log")) {
    const name = (JSON.parse(body) as { name: string }).name;
    actions.push({ instance: id, body: JSON.parse(body) as Record<string, unknown> });
    const size = published.get(id) ?? 0;
    return {
      log: {
        name,
        type: "USER",
        status: size ? "Published" : "Enabled",
        published: size,
        pending: 0,
        container: size ? "database_logs" : "None",
        prefix: size ? `${id}/mariadb-${name}/` : "None",
        metafile: `${id}/mariadb-${name}_metafile`,
      },
    };
  }
  return {
    instance: {
      id,
      name: `db-${id.slice(0, 4)}`,
      status: "ACTIVE",
      datastore: { type: "mariadb", version: "10.11" },
    },
  };
}

beforeAll(async () => {
  await requireSwift();
  const keystone = await requireKeystone();
  const client = new KeystoneClient({ url: keystone.url, timeoutMs: 10_000 });
  const login = (user: "admin" | "demo") =>
    client.passwordAuth({
      user,
      password: keystone.passwords[user],
      userDomain: "Default",
      scope: { name: user, domain: "Default" },
    });
  [admin, demo] = await Promise.all([login("admin"), login("demo")]);
  trove = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      response.writeHead(200, { "Content-Type": "application/json" });
      response.end(JSON.stringify(standInTrove(request, body)));
    });
  });
  await new Promise<void>((done) => trove.listen(0, "127.0.0.1", done));
});
afterAll(async () => {
  trove?.close();
  for (const { publisher, token, accountUrl } of written) {
    for (const name of [...publisher.objects, publisher.metafile]) {
      await fetch(`${accountUrl}/${publisher.container}/${name}`, {
        method: "DELETE",
        headers: { "X-Auth-Token": token },
      });
    }
  }
});

/** The caller as the dashboard knows it: the real token and catalog, Trove's endpoint the stand-in's. */
function callerOf(token: KeystoneToken): Caller {
  const port = (trove.address() as AddressInfo).port;
  const catalog: KeystoneCatalog = token.catalog.map((service) =>
    service.type !== "database"
      ? service
      : {
          ...service,
          endpoints: service.endpoints.map((endpoint) => ({
            ...endpoint,
            url: `http://127.0.0.1:${port}/v1.0/%(project_id)s`,
          })),
        },
  );
  return {
    userId: token.user.id,
    projectId: token.project!.id,
    isAdmin: token.roles.includes("admin"),
    token: token.value,
    catalog,
  };
}

/** What Trove's guest does on a publish by `token`'s user: objects into that user's own account. */
async function guestPublishes(token: KeystoneToken, instanceId: string, content: string) {
  const accountUrl = catalogUrl(token.catalog, { type: "object-store", projectId: token.project!.id })!;
  const publisher = new GuestAgentPublisher({
    accountUrl,
    token: token.value,
    instanceId,
    datastore: "mariadb",
    log: "general",
    logType: "USER",
    logFile: "/var/lib/mysql/data/mariadb-general.log",
    limit: 2048,
    expiry: 3600,
  });
  written.push({ publisher, token: token.value, accountUrl });
  const bytes = await publisher.publish(content);
  published.set(instanceId, publisher.published);
  return bytes;
}

const backend = () =>
  createOpenstackBackend({ timeoutMs: 5_000, swiftTimeoutMs: 5_000, exposedLogs: {} as never });
const content = Array.from({ length: 400 }, (_, i) => `2026-12-01T20:40:25Z ${i} Query SELECT ${i}\n`).join(
  "",
);
const read = async (chunks: AsyncGenerator<Uint8Array>) => {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts);
};

describe("openstack backend: the copy a real Trove published, and whose account holds it", () => {
  it("an admin's publish of a tenant's log: the admin reads it from their own account; the tenant is told why it is not in theirs", async () => {
    const instance = randomUUID();
    owners.set(instance, demo.project!.id);
    const bytes = await guestPublishes(admin, instance, content);

    const asAdmin = await backend().openPublishedLog(callerOf(admin), instance, "general");
    expect(asAdmin.account).toBe(`AUTH_${admin.project!.id}`);
    expect((await read((await downloadLog(asAdmin)).body)).equals(bytes)).toBe(true);

    const asTenant = backend().openPublishedLog(callerOf(demo), instance, "general");
    await expect(asTenant).rejects.toMatchObject({
      status: 404,
      code: "not_found",
      message:
        `Trove counts ${Buffer.byteLength(content).toLocaleString("en-US")} bytes of the general log as ` +
        "published, but your project's Swift account holds no copy of them. OpenStack Trove writes a " +
        "published log into the Swift account of whoever publishes it, so a copy an administrator " +
        "published is in the administrator's own account. Publish a full copy to read it here.",
    });
  });

  it("a tenant's own publish: the tenant reads it; an admin, whose token may not read that account, is told where it is", async () => {
    const instance = randomUUID();
    owners.set(instance, demo.project!.id);
    const bytes = await guestPublishes(demo, instance, content);

    const asTenant = await backend().openPublishedLog(callerOf(demo), instance, "general");
    expect(asTenant.account).toBe(`AUTH_${demo.project!.id}`);
    expect((await read((await downloadLog(asTenant)).body)).equals(bytes)).toBe(true);

    // Swift refuses the admin's token (scoped to the admin project, no ResellerAdmin) the demo account.
    const asAdmin = backend().openPublishedLog(callerOf(admin), instance, "general");
    await expect(asAdmin).rejects.toMatchObject({
      status: 404,
      message: expect.stringMatching(/in another project's account\. .*switch to the instance's project/),
    });
  });

  it("a copy discarded and published again at the same size is read anew, not from the old copy's index", async () => {
    const instance = randomUUID();
    owners.set(instance, demo.project!.id);
    await guestPublishes(demo, instance, content);
    const first = await backend().openPublishedLog(callerOf(demo), instance, "general");
    expect((await readLines(first, { tail: 5, count: 5 })).lines.at(-1)).toBe(
      content.trimEnd().split("\n").at(-1),
    );
    // Discarded (every object deleted) and published again from the start: same size, new objects.
    for (const { publisher, token, accountUrl } of written.filter((entry) =>
      entry.publisher.prefix.startsWith(instance),
    )) {
      for (const name of publisher.objects) {
        await fetch(`${accountUrl}/${publisher.container}/${name}`, {
          method: "DELETE",
          headers: { "X-Auth-Token": token },
        });
      }
    }
    const again = content.replace("Query SELECT 399", "Query SELECT 999");
    await guestPublishes(demo, instance, again);
    const second = await backend().openPublishedLog(callerOf(demo), instance, "general");
    expect(second.size).toBe(first.size);
    expect((await readLines(second, { tail: 5, count: 5 })).lines.at(-1)).toBe(
      again.trimEnd().split("\n").at(-1),
    );
  });

  it("a full copy is Trove's publish + discard, after a plain publish where Trove's discard would trip on a missing metafile", async () => {
    const sent = async (caller: Caller, instance: string) => {
      const from = actions.length;
      await backend().logAction(caller, instance, { name: "general", publish: true, discard: true });
      return actions.slice(from).map((action) => action.body);
    };
    const show = { name: "general" };
    const full = { name: "general", publish: 1, discard: 1 };
    // Published by the admin: the tenant's account has no metafile yet.
    const elsewhere = randomUUID();
    await guestPublishes(admin, elsewhere, content);
    expect(await sent(callerOf(demo), elsewhere)).toEqual([show, { name: "general", publish: 1 }, full]);
    // The admin's own copy has its metafile: straight to publish + discard.
    expect(await sent(callerOf(admin), elsewhere)).toEqual([show, full]);
    // Nothing counted as published: nothing to discard.
    expect(await sent(callerOf(demo), randomUUID())).toEqual([show, { name: "general", publish: 1 }]);
  });

  it("says whose account a publish goes to: the admin's own for another project's instance", async () => {
    const instance = {
      id: "i",
      name: "n",
      project_id: demo.project!.id,
      datastore: { type: "mariadb", version: "" },
      status: "ACTIVE",
    };
    expect(backend().copyAccount(callerOf(admin), instance)).toBe("yours");
    expect(backend().copyAccount(callerOf(demo), instance)).toBe("owner");
  });
});
