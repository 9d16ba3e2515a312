import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import {
  DatastoreError,
  type DatastoreControl,
  type DatastoreSnapshot,
  type LogState,
} from "./datastore/datastore-control";
import { InstanceDatastore } from "./instance-datastore";
import { LOG_DEFINITIONS } from "./log-definitions";
import { OperationsLog } from "./operations-log";

const definitions = LOG_DEFINITIONS.postgresql;
const general = definitions.find((log) => log.name === "general")!;

/** A control whose reads the test resolves by hand, in any order. */
function fakeControl() {
  const pending: Array<{ resolve(snapshot: DatastoreSnapshot): void; reject(error: Error): void }> = [];
  let state: LogState = { enabled: false, restartPending: false };
  const control: DatastoreControl = {
    isServer: true,
    description: "PostgreSQL at test",
    read: () =>
      new Promise<DatastoreSnapshot>((resolve, reject) => {
        pending.push({ resolve, reject });
      }),
    known: () => state,
    setEnabled: async () => state,
    restart: async () => true,
    close: async () => undefined,
  };
  return {
    control,
    pending,
    set: (next: LogState) => (state = next),
    answer: (index: number, snapshot: DatastoreSnapshot | Error) => {
      const read = pending[index]!;
      if (snapshot instanceof Error) read.reject(snapshot);
      else read.resolve(snapshot);
    },
  };
}

const ok: DatastoreSnapshot = { logs: { general: { enabled: false, restartPending: false } }, files: {} };
const down = () => new DatastoreError("unreachable", "Cannot reach the PostgreSQL server at test: refused.");

describe("instance datastore", () => {
  it("maps health and pending restarts to Trove's instance statuses", async () => {
    const fake = fakeControl();
    let now = 1_000;
    const datastore = new InstanceDatastore(fake.control, definitions, () => now);
    expect(datastore.status).toBe("ACTIVE");
    fake.set({ enabled: true, restartPending: true });
    expect(datastore.status).toBe("RESTART_REQUIRED");

    const failing = datastore.snapshot();
    fake.answer(0, down());
    expect(await failing).toBeUndefined();
    expect(datastore.status).toBe("SHUTDOWN");
    expect(datastore.instanceFault?.message).toMatch(/Cannot reach/);
    expect(datastore.logFault(general)?.problem).toBe("unreachable");
    // Right after a failure, views do not ask again (no pile-up of connection attempts)…
    expect(await datastore.snapshot()).toBeUndefined();
    expect(fake.pending).toHaveLength(1);
    // …until a moment has passed.
    now += 5_000;
    const again = datastore.snapshot();
    fake.answer(1, ok);
    expect(await again).toEqual(ok);
    expect(datastore.status).toBe("RESTART_REQUIRED");

    datastore.failed(new DatastoreError("privileges", "may not"), "general");
    expect(datastore.status).toBe("ERROR");
    expect(datastore.logFault(general)?.message).toBe("may not");
    datastore.succeeded("general");
    expect(datastore.status).toBe("RESTART_REQUIRED");
    expect(datastore.logFault(general)).toBeUndefined();
    datastore.failed(new DatastoreError("not_configured", "no restart_command"));
    expect(datastore.status).toBe("RESTART_REQUIRED");
  });

  it("views share one read; an action's own read is newer, and the newest outcome counts", async () => {
    const fake = fakeControl();
    const datastore = new InstanceDatastore(fake.control, definitions, () => 0);
    const first = datastore.snapshot();
    const second = datastore.snapshot();
    expect(fake.pending).toHaveLength(1);
    const forced = datastore.require();
    expect(fake.pending).toHaveLength(2);
    fake.answer(1, ok); // the action's read (after a restart) succeeds first
    await forced;
    fake.answer(0, down()); // the older one (during the restart) fails later: it does not count
    expect(await first).toBeUndefined();
    expect(await second).toBeUndefined();
    expect(datastore.status).toBe("ACTIVE");
    const failing = datastore.require();
    fake.answer(2, down());
    await expect(failing).rejects.toMatchObject({ problem: "unreachable" });
  });
});

describe("faults shown on the instance", () => {
  it("name no address: the details are logged once under a reference the fault quotes, however often it recurs", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const fake = fakeControl();
      let now = 0;
      const datastore = new InstanceDatastore(fake.control, definitions, () => now);
      const refused = () =>
        new DatastoreError(
          "unreachable",
          "Cannot reach the PostgreSQL server to read its logging settings: ECONNREFUSED.",
          "PostgreSQL at 10.0.0.5:5432 as trove: connect ECONNREFUSED 10.0.0.5:5432",
        );
      for (let read = 0; read < 3; read++) {
        const failing = datastore.snapshot();
        fake.answer(read, refused());
        await failing;
        now += 5_000;
      }
      const fault = datastore.instanceFault!;
      expect(fault.message).toMatch(
        /^Cannot reach the PostgreSQL server to read its logging settings: ECONNREFUSED\. \(reference [0-9a-f]{10}\)$/,
      );
      expect(logged).toHaveBeenCalledTimes(1);
      expect(logged.mock.calls[0]!.join(" ")).toContain(`${fault.reference}`);
      expect(logged.mock.calls[0]!.join(" ")).toContain("10.0.0.5:5432");

      // A driver's words naming a host are cut down too (and logged whole).
      datastore.failed(
        new DatastoreError("failed", "could not open '/var/lib/postgresql/x' on db1.internal:5432"),
        "general",
      );
      expect(datastore.logFault(general)!.message).toMatch(
        /^could not open '\[path\]' on \[internal address\] \(reference [0-9a-f]{10}\)$/,
      );
    } finally {
      logged.mockRestore();
    }
  });
});

describe("operations log", () => {
  it("appends one guest-agent style line per operation, in order", async () => {
    const dir = mkdtempSync(join(tmpdir(), "trove-logs-ops-"));
    try {
      const log = new OperationsLog(join(dir, "sub", "guest.log"), () =>
        Date.UTC(2026, 10, 25, 14, 3, 12, 45),
      );
      void log.info("Enabled log 'general'");
      await log.error("Could not publish\nlog 'general': gone");
      expect(readFileSync(join(dir, "sub", "guest.log"), "utf8")).toBe(
        `2026-11-25 14:03:12.045 ${process.pid} INFO trove_logs.guest_log [-] Enabled log 'general'\n` +
          `2026-11-25 14:03:12.045 ${process.pid} ERROR trove_logs.guest_log [-] Could not publish log 'general': gone\n`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
