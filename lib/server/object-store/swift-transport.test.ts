import "server-only";

import { createServer as createHttpServer, type Server as HttpServer } from "node:http";
import { createServer, type AddressInfo, type Server, type Socket } from "node:net";

import { afterEach, describe, expect, it } from "vitest";

import { readAll } from "./contract/harness";
import { createTempAuth, createTokenAuth } from "./swift-auth";
import { createSwiftObjectStore, type SwiftObjectStore } from "./swift-store";

// Swift's failure modes, played by tiny local servers: nothing may hang, every error says what happened.
const servers: Array<Server | HttpServer> = [];
const sockets: Socket[] = [];
const stores: SwiftObjectStore[] = [];

afterEach(async () => {
  stores.splice(0).forEach((store) => store.close());
  sockets.splice(0).forEach((socket) => socket.destroy());
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

async function listen(server: Server | HttpServer): Promise<number> {
  servers.push(server);
  server.on("connection", (socket: Socket) => sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

function storeAt(port: number, timeoutMs = 300): SwiftObjectStore {
  const auth = createTokenAuth(async () => "AUTH_tktest");
  const store = createSwiftObjectStore({ storageUrl: `http://127.0.0.1:${port}/v1`, auth, timeoutMs });
  stores.push(store);
  return store;
}

/** Fails the test instead of hanging it. */
const within = <T>(ms: number, promise: Promise<T>) =>
  Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error("hung")), ms))]);

describe("swift store transport", () => {
  it("gives up with 504 when Swift accepts the connection but never answers", async () => {
    const port = await listen(createServer(() => {})); // accepts, reads nothing, says nothing
    const store = storeAt(port);
    const started = Date.now();
    await expect(within(5_000, store.headObject("p", "c", "o"))).rejects.toMatchObject({
      status: 504,
      // Where it went is for the server log only (detail), not for the person reading the message.
      message: "Swift did not answer within 0.3 s",
      detail: `HEAD http://127.0.0.1:${port}/v1/AUTH_p/c/o`,
    });
    await expect(within(5_000, store.putObject("p", "c", "o", "bytes"))).rejects.toMatchObject({
      status: 504,
    });
    expect(Date.now() - started).toBeLessThan(3_000); // timeouts are not retried
  });

  it("says Swift is unreachable when nothing listens (after quick retries)", async () => {
    const probe = createServer();
    const port = await listen(probe);
    await new Promise((resolve) => probe.close(resolve));
    servers.splice(servers.indexOf(probe), 1);
    const store = storeAt(port);
    await expect(within(5_000, store.listObjects("p", "c"))).rejects.toMatchObject({
      status: 503,
      message: "Swift is unreachable (ECONNREFUSED)",
      detail: expect.stringContaining(`http://127.0.0.1:${port}`),
    });
    const auth = createTempAuth({ authUrl: `http://127.0.0.1:${port}/auth/v1.0`, user: "a:b", key: "k" });
    await expect(within(5_000, auth.token())).rejects.toMatchObject({ status: 503 });
  });

  it("fails a body that stalls mid-way with 504, and a truncated one with 502", async () => {
    const port = await listen(
      createHttpServer((req, res) => {
        res.writeHead(200, { "content-length": "100", etag: "x", "x-timestamp": "1700000000.00000" });
        res.write(Buffer.alloc(40));
        if (req.url?.endsWith("/truncated")) setTimeout(() => res.socket?.destroy(), 50);
      }),
    );
    const store = storeAt(port);
    const stalled = await store.getObject("p", "c", "stalled");
    await expect(within(5_000, readAll(stalled.body))).rejects.toMatchObject({
      status: 504,
      message: expect.stringMatching(/^Swift sent nothing for 0.3 s/),
    });
    const truncated = await store.getObject("p", "c", "truncated");
    await expect(within(5_000, readAll(truncated.body))).rejects.toMatchObject({
      status: 502,
      message: expect.stringMatching(/^Swift closed the connection after 40 of 100 bytes/),
    });
  });

  it("does not count a slow reader's pauses as Swift's silence", async () => {
    const size = 4 * 1024 * 1024;
    const port = await listen(
      createHttpServer((_req, res) => {
        res.writeHead(200, { "content-length": String(size), etag: "x", "x-timestamp": "1700000000.00000" });
        res.end(Buffer.alloc(size, 7));
      }),
    );
    const store = storeAt(port, 200);
    const read = await store.getObject("p", "c", "o");
    let total = 0;
    let paused = false;
    for await (const chunk of read.body) {
      total += (chunk as Buffer).length;
      if (!paused) {
        paused = true;
        await new Promise((resolve) => setTimeout(resolve, 600)); // 3× the timeout, with the socket full
      }
    }
    expect([total, read.info.bytes, read.start, read.end]).toEqual([size, size, 0, size - 1]);
  });

  it("does not queue for a connection forever when every one is held by an unread body", async () => {
    const port = await listen(
      createHttpServer((_req, res) => {
        res.writeHead(200, { "content-length": String(8 << 20), "x-timestamp": "1700000000.00000" });
        res.end(Buffer.alloc(8 << 20));
      }),
    );
    const auth = createTokenAuth(async () => "AUTH_tktest");
    const store = createSwiftObjectStore({
      ...{ storageUrl: `http://127.0.0.1:${port}/v1`, auth },
      ...{ timeoutMs: 300, maxSockets: 1 },
    });
    stores.push(store);
    const held = await store.getObject("p", "c", "big"); // not read: its connection stays busy
    held.body.on("error", () => {});
    try {
      await expect(within(5_000, store.headObject("p", "c", "small"))).rejects.toMatchObject({
        status: 503,
        message: "Every connection to Swift stayed busy for 0.3 s",
        detail: `http://127.0.0.1:${port}`,
      });
    } finally {
      held.body.destroy();
    }
  });

  it("retries a GET after a 503 but not a PUT of a stream", async () => {
    const seen: string[] = [];
    const port = await listen(
      createHttpServer((req, res) => {
        seen.push(req.method ?? "");
        req.resume();
        const first = seen.filter((method) => method === req.method).length === 1;
        if (first || req.method === "PUT") res.writeHead(503).end("busy");
        else res.writeHead(200, { "content-length": "2", "x-timestamp": "1700000000.00000" }).end("ok");
      }),
    );
    const store = storeAt(port, 2_000);
    const read = await store.getObject("p", "c", "o");
    expect((await readAll(read.body)).toString()).toBe("ok");
    async function* body() {
      yield Buffer.from("once");
    }
    await expect(store.putObject("p", "c", "o", body())).rejects.toMatchObject({
      status: 503,
      message: "Swift failed (503 Service Unavailable)",
      detail: "Swift said: busy",
    });
    expect(seen).toEqual(["GET", "GET", "PUT"]);
  });

  it("writes bytes again after a 503, but not a write whose upload order matters", async () => {
    const seen: string[] = [];
    const port = await listen(
      createHttpServer((req, res) => {
        seen.push(req.url ?? "");
        req.resume();
        if (seen.filter((url) => url === req.url).length === 1) return void res.writeHead(503).end("busy");
        res.writeHead(201, { etag: "9a0364b9e99bb480dd25e1f0284c8555", "content-length": "0" }).end();
      }),
    );
    const store = storeAt(port, 2_000);
    const stored = await store.putObject("p", "c", "plain", "content");
    expect(stored.bytes).toBe(7);
    const ordered = store.putObject("p", "c", "ordered", "content", { onOrdered: () => {} });
    await expect(ordered).rejects.toMatchObject({ status: 503 });
    expect(seen).toEqual(["/v1/AUTH_p/c/plain", "/v1/AUTH_p/c/plain", "/v1/AUTH_p/c/ordered"]);
  });
});
