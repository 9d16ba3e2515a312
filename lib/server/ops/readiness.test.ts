import { describe, expect, it } from "vitest";
import { createServer, type AddressInfo, type Socket } from "node:net";
import { createLocalObjectStore } from "@/lib/server/object-store/local-store";
import type { ObjectStore } from "@/lib/server/object-store/object-store";
import { createTokenAuth } from "@/lib/server/object-store/swift-auth";
import { createSwiftObjectStore } from "@/lib/server/object-store/swift-store";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Runtime } from "@/lib/server/runtime";
import { createReadiness } from "./readiness";

/** A runtime with the real local store (or `swift`) and a session store whose ping the test controls. */
function runtimeWith(ping: () => Promise<void>, swift?: ObjectStore & { close(): unknown }) {
  const dir = mkdtempSync(join(tmpdir(), "trove-logs-readiness-"));
  const store = swift ?? createLocalObjectStore({ dir });
  const runtime = {
    env: { TROVE_LOGS_BACKEND: "embedded" },
    config: { containerName: "database_logs" },
    sessions: { ping },
    store,
  } as unknown as Runtime;
  return { runtime, close: async () => (await store.close(), rmSync(dir, { recursive: true, force: true })) };
}

describe("readiness", () => {
  it("is ready when the session store and the object store answer, each with its latency", async () => {
    const { runtime, close } = runtimeWith(async () => undefined);
    const readiness = createReadiness(() => Promise.resolve(runtime));
    const answer = await readiness.read();
    expect(answer.status).toBe("ready");
    expect(answer.checks).toEqual({
      sessions: { ok: true, latency_ms: expect.any(Number) },
      object_store: { ok: true, latency_ms: expect.any(Number) },
    });
    await close();
  });

  it("is not ready when one dependency fails, and asks it once however many ask at once", async () => {
    let pings = 0;
    const { runtime, close } = runtimeWith(async () => {
      pings += 1;
      throw new Error("database is locked at /var/lib/secret/sessions.sqlite");
    });
    const readiness = createReadiness(() => Promise.resolve(runtime));
    const answers = await Promise.all(Array.from({ length: 50 }, () => readiness.read()));
    expect(pings).toBe(1);
    for (const answer of answers) {
      expect(answer.status).toBe("not_ready");
      expect(answer.checks.sessions?.ok).toBe(false);
      expect(answer.checks.object_store?.ok).toBe(true);
      expect(JSON.stringify(answer)).not.toContain("/var/lib"); // the reason stays in the server
    }
    await close();
  });

  it("says stopping once a stop began, without checking anything", async () => {
    let pings = 0;
    const { runtime, close } = runtimeWith(async () => void (pings += 1));
    const readiness = createReadiness(() => Promise.resolve(runtime));
    readiness.stopping();
    expect(await readiness.read()).toEqual({ status: "stopping", checks: {} });
    expect(pings).toBe(0);
    await close();
  });

  it("is not ready before the runtime exists", async () => {
    expect((await createReadiness(() => undefined).read()).status).toBe("not_ready");
  });

  it("a Swift that accepts connections and never answers: not ready after the 2 s limit, not a hang", async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const swift = createSwiftObjectStore({
      storageUrl: `http://127.0.0.1:${(silent.address() as AddressInfo).port}/v1`,
      auth: createTokenAuth(async () => "token"),
      timeoutMs: 30_000,
    });
    const { runtime, close } = runtimeWith(async () => undefined, swift);
    const started = Date.now();
    const answer = await createReadiness(() => Promise.resolve(runtime)).read();
    expect(answer.status).toBe("not_ready");
    expect(answer.checks.object_store?.ok).toBe(false);
    expect(answer.checks.object_store?.latency_ms).toBeGreaterThanOrEqual(1900);
    expect(Date.now() - started).toBeLessThan(5_000);
    for (const socket of sockets) socket.destroy();
    silent.close();
    await close();
  });
});
