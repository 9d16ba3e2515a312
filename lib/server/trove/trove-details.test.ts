import { describe, expect, it } from "vitest";
import { troveDetails } from "./trove-details";

// Trove 18's instance show (trimmed), as a real Trove answered it.
const SHOWN = {
  id: "8f0c4b6e-3c5a-4e52-9d2b-6a7f1e0c9b31",
  name: "demo-db",
  status: "ACTIVE",
  flavor: { id: "standin-flavor", links: [] },
  datastore: { type: "mariadb", version: "10.11" },
  volume: { size: 1, used: 25.63 },
  created: "2026-12-01T20:40:06",
  updated: "2026-12-01T20:40:06",
};

describe("troveDetails", () => {
  it("reads created, updated, flavor and volume from Trove's instance show, times as UTC", () => {
    expect(troveDetails(SHOWN)).toEqual({
      created: "2026-12-01T20:40:06Z",
      updated: "2026-12-01T20:40:06Z",
      flavor: { id: "standin-flavor" },
      volume: { size: 1, used: 25.63 },
    });
  });

  it("carries the fault of an instance in ERROR", () => {
    const details = troveDetails({
      ...SHOWN,
      status: "ERROR",
      fault: { message: "Guest timed out", created: "2026-12-01T21:00:00" },
    });
    expect(details.fault).toEqual({ message: "Guest timed out", created: "2026-12-01T21:00:00Z" });
  });

  it("leaves out what a list row lacks", () => {
    expect(troveDetails({ id: "a", name: "a", status: "ACTIVE" })).toEqual({});
  });
});
