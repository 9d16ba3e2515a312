// The fuzz harness itself (e2e/fixtures/fuzz): it must read answers right, notice what it is meant to
// notice, and send the same requests for the same seed; otherwise a green fuzz run proves nothing.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { judge } from "../e2e/fixtures/fuzz/checks";
import { sendRaw } from "../e2e/fixtures/fuzz/raw-http";
import { generate } from "../e2e/fixtures/fuzz/requests";
import { ROUTES } from "../e2e/fixtures/fuzz/routes";
import { toWire, type Sessions } from "../e2e/fixtures/fuzz/wire";

const targets = {
  instanceIds: ["inst-a", "inst-b"],
  logNames: ["general", "guest"],
  projectIds: ["demo", "ops"],
};
let server: http.Server;
let port = 0;
const rules = () => ({
  timeoutMs: 1_000,
  internalPaths: ["/srv/secret-data"],
  serverPort: port,
  troveNotImplemented: false,
});

beforeAll(async () => {
  server = http.createServer((request, response) => {
    if (request.url === "/silent") return; // never answers
    if (request.url === "/chunked") {
      response.writeHead(200, { "Content-Type": "text/plain" });
      response.write("first ");
      response.end("second");
      return;
    }
    const body = JSON.stringify({
      error: { message: "failed at /srv/secret-data/x\n    at handler (route.ts:12:3)" },
    });
    response.writeHead(request.url === "/broken" ? 500 : 400, { "Content-Type": "application/json" });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const raw = (path: string) =>
  Buffer.from(`GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`, "latin1");

describe("the fuzz harness", () => {
  it("reads chunked answers whole and gives up on a silent server at the time limit", async () => {
    const chunked = await sendRaw("127.0.0.1", port, raw("/chunked"), { timeoutMs: 2_000 });
    expect(chunked).toMatchObject({ status: 200, timedOut: false });
    expect(chunked.body.toString()).toBe("first second");
    const silent = await sendRaw("127.0.0.1", port, raw("/silent"), { timeoutMs: 300 });
    expect(silent).toMatchObject({ status: 0, timedOut: true });
  });

  it("flags a 5xx, a stack trace and an internal path; a malformed escape must get a JSON 400", async () => {
    const request = { ...generate(targets, 1, 1)[0]!, method: "GET", route: ROUTES[0]! };
    for (const [path, kinds] of [
      ["/broken", ["5xx", "stack trace", "internal path"]],
      ["/a%zz", ["stack trace", "internal path"]],
    ] as const) {
      const wire = { bytes: raw(path), head: "", body: "", target: path };
      const answer = await sendRaw("127.0.0.1", port, wire.bytes, { timeoutMs: 2_000 });
      const found = new Set(judge(request, wire, answer, rules()).map((verdict) => verdict.kind));
      expect([...found].sort()).toEqual([...kinds].sort());
    }
  });

  it("sends the same requests for the same seed, over every route, and a safe run re-aims changes", async () => {
    const first = generate(targets, 42, 2_000);
    const again = generate(targets, 42, 2_000);
    expect(again.map((request) => request.target)).toEqual(first.map((request) => request.target));
    expect(new Set(first.map((request) => request.route.name)).size).toBe(ROUTES.length);
    const sessions: Sessions = {
      host: "127.0.0.1:1",
      origin: "http://127.0.0.1:1",
      cookies: { member: "m", admin: "a" },
      loggedOut: "l",
      spare: async () => "s",
      spent: () => undefined,
      instanceIds: targets.instanceIds,
      safe: true,
    };
    const publish = first.find((request) => request.route.name === "api logs")!;
    const wire = await toWire(
      {
        ...publish,
        method: "POST",
        target: "/api/instances/inst-a/log",
        body: '{"name":"general","publish":1}',
      },
      sessions,
    );
    expect(wire.target).toBe("/api/instances/defused-inst-a/log");
  });
});
