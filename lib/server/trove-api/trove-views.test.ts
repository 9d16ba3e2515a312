import { describe, expect, it } from "vitest";
import type { Instance } from "@/lib/schemas/instance";
import { instancePage } from "./instance-page";
import {
  instanceDetailView,
  instanceView,
  mgmtInstanceDetailView,
  mgmtInstanceView,
  NO_FLAVOR,
  type ViewContext,
} from "./trove-views";

const instance = (overrides: Partial<Instance> = {}): Instance => ({
  id: "8f0c4b6e-3c5a-4e52-9d2b-6a7f1e0c9b31",
  name: "demo-db",
  project_id: "owner-project",
  datastore: { type: "mariadb", version: "10.11" },
  status: "ACTIVE",
  ...overrides,
});
const facts = {
  flavorId: "m1.small",
  volumeSize: 5,
  created: "2026-12-01T20:40:06.123Z",
  updated: "2026-12-01T21:00:00.999Z",
  checked: "2026-12-01T21:05:07.000Z",
};
const member: ViewContext = {
  baseUrl: "http://127.0.0.1:3312",
  projectId: "owner-project",
  isAdmin: false,
  region: "RegionOne",
};
const admin: ViewContext = { ...member, projectId: "admin-project", isAdmin: true };

describe("Trove's instance views", () => {
  it("a list row: Trove's keys in Trove's order, links with the caller's project", () => {
    const row = instanceView(instance(), facts, member);
    expect(Object.keys(row)).toEqual([
      "id",
      "name",
      "status",
      "operating_status",
      "links",
      "flavor",
      "datastore",
      "region",
      "access",
      "volume",
    ]);
    expect(row).toMatchObject({
      operating_status: "HEALTHY",
      flavor: {
        id: "m1.small",
        links: [
          { href: "http://127.0.0.1:3312/v1.0/owner-project/flavors/m1.small", rel: "self" },
          { href: "http://127.0.0.1:3312/flavors/m1.small", rel: "bookmark" },
        ],
      },
      datastore: { type: "mariadb", version: "10.11" },
      region: "RegionOne",
      access: {},
      volume: { size: 5 },
    });
    expect(instanceView(instance(), facts, admin).links[0]!.href).toBe(
      "http://127.0.0.1:3312/v1.0/admin-project/instances/8f0c4b6e-3c5a-4e52-9d2b-6a7f1e0c9b31",
    );
  });

  it("without configured flavor or volume: flavor 'none' and no volume, as Trove without volume support", () => {
    const row = instanceView(instance(), undefined, member);
    expect(row.flavor.id).toBe(NO_FLAVOR);
    expect(row).not.toHaveProperty("volume");
    expect(row).not.toHaveProperty("tenant_id");
  });

  it("the detail: Trove's times (UTC, seconds), the version number, the fault; admins see more", () => {
    const detail = instanceDetailView(
      instance({
        status: "ERROR",
        fault: { message: "refused (reference abc)", created: "2026-12-01T21:01:02.5Z" },
      }),
      facts,
      member,
    );
    expect(detail).toMatchObject({
      status: "ERROR",
      operating_status: "ERROR",
      datastore: { type: "mariadb", version: "10.11", version_number: "10.11" },
      created: "2026-12-01T20:40:06",
      updated: "2026-12-01T21:00:00",
      service_status_updated: "2026-12-01T21:05:07",
      fault: { message: "refused (reference abc)", created: "2026-12-01T21:01:02", details: "" },
    });
    expect(detail).not.toHaveProperty("server_id");
    expect(instanceDetailView(instance(), facts, admin)).toMatchObject({
      tenant_id: "owner-project",
      server_id: null,
      volume_id: null,
      encrypted_rpc_messaging: false,
    });
  });

  it("the management row: Trove's management fields; a pending restart is Trove's task", () => {
    expect(mgmtInstanceView(instance({ status: "RESTART_REQUIRED" }), facts, admin)).toMatchObject({
      tenant_id: "owner-project",
      server: null,
      service_status: "RESTART_REQUIRED",
      deleted: false,
      deleted_at: null,
      task_description: "Instance requires a restart.",
    });
    expect(mgmtInstanceView(instance(), facts, admin).task_description).toBe("No tasks for the instance.");
  });

  it("the management detail: no Cinder volume (null) and the guest's status in words", () => {
    expect(mgmtInstanceDetailView(instance(), facts, admin)).toMatchObject({
      tenant_id: "owner-project",
      volume: null,
      guest_status: { state_description: "healthy" },
    });
    const restarting = mgmtInstanceDetailView(instance({ status: "RESTART_REQUIRED" }), undefined, admin);
    expect(restarting).toMatchObject({
      volume: null,
      guest_status: { state_description: "restart required" },
    });
  });
});

describe("Trove's paging of instance lists", () => {
  const many = ["c", "a", "e", "b", "d"].map((id) => instance({ id }));
  const page = (query: string) =>
    instancePage(new Request(`http://internal:1/v1.0/p/instances${query}`), "http://127.0.0.1:3312", many);

  it("by id after the marker, at most limit, with a next link on the caller's origin", () => {
    const first = page("?limit=2");
    expect(first.instances.map((item) => item.id)).toEqual(["a", "b"]);
    expect(first.next).toBe("http://127.0.0.1:3312/v1.0/p/instances?limit=2&marker=b");
    const last = page("?limit=2&marker=d");
    expect(last.instances.map((item) => item.id)).toEqual(["e"]);
    expect(last.next).toBeUndefined();
    expect(page("").instances).toHaveLength(5);
    expect(page("?limit=0").instances).toHaveLength(5);
  });

  it("refuses a limit that is not a whole number (Trove fails on it with a 500)", () => {
    expect(() => page("?limit=many")).toThrow(/limit must be a whole number/);
    expect(() => page("?limit=1.5")).toThrow(/limit must be a whole number/);
  });
});
