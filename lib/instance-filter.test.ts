import { describe, expect, it } from "vitest";
import { displayingCount, filterInstances } from "./instance-filter";

const INSTANCES = [
  {
    id: "3f8e2a61-aaaa",
    name: "orders-db",
    datastore: { type: "mysql", version: "8.0.36" },
    status: "ACTIVE",
  },
  {
    id: "9b1c-bbbb",
    name: "analytics-pg",
    datastore: { type: "postgresql", version: "15.6" },
    status: "RESTART_REQUIRED",
  },
  {
    id: "77d0-cccc",
    name: "billing-mariadb",
    datastore: { type: "mariadb", version: "10.11" },
    status: "ERROR",
  },
];
const names = (query: string) => filterInstances(INSTANCES, query).map((instance) => instance.name);

describe("filterInstances", () => {
  it("keeps everything for an empty query", () => {
    expect(names("  ")).toEqual(["orders-db", "analytics-pg", "billing-mariadb"]);
  });

  it("matches name, id, datastore and status, in any case", () => {
    expect(names("ORDERS")).toEqual(["orders-db"]);
    expect(names("bbbb")).toEqual(["analytics-pg"]);
    expect(names("PostgreSQL 15")).toEqual(["analytics-pg"]);
    expect(names("mariadb")).toEqual(["billing-mariadb"]);
    expect(names("restart required")).toEqual(["analytics-pg"]);
    expect(names("restart_required")).toEqual(["analytics-pg"]);
    expect(names("error")).toEqual(["billing-mariadb"]);
  });

  it("needs every word to match", () => {
    expect(names("mysql active")).toEqual(["orders-db"]);
    expect(names("mysql error")).toEqual([]);
  });
});

describe("displayingCount", () => {
  it("counts as Horizon's footer does", () => {
    expect(displayingCount(0)).toBe("Displaying 0 items");
    expect(displayingCount(1)).toBe("Displaying 1 item");
    expect(displayingCount(3)).toBe("Displaying 3 items");
  });
});
