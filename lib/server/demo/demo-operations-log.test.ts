import "server-only";
import { readFileSync, existsSync } from "node:fs";
import { afterEach, beforeEach, expect, it } from "vitest";
import { loadServiceConfig } from "@/lib/server/config/service-config";
import { GuestLogEngine } from "@/lib/server/engine/guest-log-engine";
import { withPutOutage } from "@/lib/server/testing/faulty-store";
import { ADMIN, makeWorkspace, MEMBER } from "@/lib/server/testing/engine-fixture";
import { startWritersForDemo } from "./start-demo";

// The demo's guest log is the instance's operations log, as with a configured instance backed by a
// real server: what Trove Logs did and what failed, in order, and nothing the demo makes up.

let workspace: ReturnType<typeof makeWorkspace>;
beforeEach(() => {
  workspace = makeWorkspace();
});
afterEach(async () => workspace.cleanup());

const OSLO_LINE =
  /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} \d+ (INFO|WARNING|ERROR) trove_logs\.guest_log \[-\] /;

it("records the demo's actions and failures in the guest log, and nothing else", async () => {
  const config = loadServiceConfig({ dataDir: workspace.dir });
  const orders = config.instances.find((instance) => instance.name === "orders-db")!;
  // The first publish meets a store outage; the second goes through.
  const engine = new GuestLogEngine({
    store: withPutOutage(workspace.store, 0),
    instances: config.instances,
    settingsFile: `${workspace.dir}/state/log-settings.json`,
    containerName: config.containerName,
    limit: config.limit,
    expiry: config.expiry,
    exposedLogs: config.exposedLogs,
  });
  const writers = await startWritersForDemo(config.instances, (id, log) => engine.isLogging(id, log), {
    intervalMs: 20,
  });
  try {
    const act = (action: Record<string, boolean>) =>
      engine.logAction(MEMBER, orders.id, { name: "general", ...action });
    await act({ enable: true });
    await new Promise((resolve) => setTimeout(resolve, 100)); // the writer adds general log lines
    await expect(act({ publish: true })).rejects.toThrow(/unreachable/);
    // The writer keeps writing (every 20 ms): lines written during the publish leave it Partial.
    const published = await act({ publish: true });
    expect(["Published", "Partial"]).toContain(published.status);
    expect(published.published).toBeGreaterThan(0);
    await act({ discard: true });
  } finally {
    await writers.stop();
  }
  await engine.listLogs(MEMBER, orders.id); // waits for guest lines still being written

  const lines = readFileSync(orders.logFiles.guest!, "utf8").split("\n").slice(0, -1);
  for (const line of lines) expect(line).toMatch(OSLO_LINE);
  expect(lines.map((line) => line.replace(OSLO_LINE, "$1 "))).toEqual([
    "INFO Trove Logs serves the logs of instance orders-db: the log writer",
    `INFO Enabled log 'general': the log writer writes it to ${orders.logFiles.general}`,
    expect.stringMatching(
      /^INFO Publishing log 'general' from .*mysql-general\.log \(0 bytes published before\)$/,
    ),
    expect.stringMatching(/^ERROR Could not publish log 'general': .*unreachable/),
    expect.stringMatching(
      /^INFO Publishing log 'general' from .*mysql-general\.log \(0 bytes published before\)$/,
    ),
    "INFO Discarded the published copy of log 'general'",
  ]);
  // The other instances' guest logs hold their own start line only: no invented agent activity.
  for (const other of config.instances.filter((instance) => instance !== orders)) {
    await engine.listLogs(ADMIN, other.id);
    const guest = other.logFiles.guest!;
    expect(existsSync(guest) ? readFileSync(guest, "utf8") : "").toMatch(
      new RegExp(`^[^\\n]*Trove Logs serves the logs of instance ${other.name}: the log writer\\n$`),
    );
  }
  await engine.close();
});
