import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordedAnswer } from "./testing/recorded-trove";
import { troveClient, type TroveEndpoint } from "./trove-client";

// A stand-in Trove (a real one is not running for unit tests): it answers with the bodies a real
// Trove sends — recorded from Trove 18 where there is a recording (testing/real-trove), else built
// as Trove's code builds them (trove-guest-logs.md §1.4–1.5), and says which.
const GUEST_ERROR =
  "An error occurred communicating with the guest: Log 'audit' is not defined.\nTraceback (most recent call last):\n  File \"/opt/trove/guestagent/manager.py\", line 543";
const MISSING_FILE =
  "An error occurred communicating with the guest: Cannot publish log file '/var/lib/mysql/data/slow.log' as it does not exist.\nTraceback (most recent call last):";
// As the real Trove 18 of scripts/services/trove.sh answered a publish of a general log holding "Łódź".
const NOT_LATIN1 =
  "An error occurred communicating with the guest: 'latin-1' codec can't encode character '\\u0141' in position 653552: Body ('\u0141') is not valid Latin-1. Use body.encode('utf-8') if you want to send it encoded in UTF-8..";
const requests: Array<{ method?: string; url?: string; token?: string; body: string }> = [];
let server: Server;
let endpoint: TroveEndpoint;

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      requests.push({
        method: request.method,
        url: request.url,
        token: request.headers["x-auth-token"] as string,
        body,
      });
      const send = (status: number, data?: unknown) => {
        response.writeHead(status, { "Content-Type": "application/json" });
        response.end(data === undefined ? "" : JSON.stringify(data));
      };
      if (request.url === "/v1.0/p1/instances/i1/log" && request.method === "GET") {
        return send(200, {
          logs: [
            {
              name: "general",
              type: "USER",
              status: "Restart Required",
              published: "128",
              pending: 0,
              container: "None",
              prefix: "None",
              metafile: "i1/mysql-general_metafile",
            },
          ],
        });
      }
      const recorded = /^\/v1\.0\/p1\/recorded\/instances\/([\w.-]+)$/.exec(request.url ?? "");
      if (recorded) {
        const { status, body: text } = recordedAnswer(recorded[1]!);
        response.writeHead(status, { "Content-Type": "application/json" });
        return response.end(text);
      }
      if (request.url === "/v1.0/p1/instances/i1/log") {
        const parsed = JSON.parse(body) as { name: string };
        if (parsed.name === "audit") return send(400, { badRequest: { code: 400, message: GUEST_ERROR } });
        if (parsed.name === "slow_query")
          return send(400, { badRequest: { code: 400, message: MISSING_FILE } });
        if (parsed.name === "polish") return send(400, { badRequest: { code: 400, message: NOT_LATIN1 } });
        if (parsed.name === "expired") return send(401, { error: { code: 401, message: "Unauthorized" } });
        if (parsed.name === "broken") return send(502, "<html>Bad Gateway from proxy 10.0.0.9:8779</html>");
        // Not recorded (RabbitMQ was never stopped while recording): what Trove's GuestError makes of
        // oslo.messaging's MessagingTimeout, and a proxy's 504 page.
        if (parsed.name === "rpc-timeout")
          return send(400, {
            badRequest: {
              code: 400,
              message:
                "An error occurred communicating with the guest: Timed out waiting for a reply to message ID 4f0c8a3e1d2b4c6a9e7f5d3b1a0c2e4f.",
            },
          });
        if (parsed.name === "gateway-timeout") {
          response.writeHead(504, { "Content-Type": "text/html" });
          return response.end("<html><body><h1>504 Gateway Time-out</h1></body></html>");
        }
        return send(200, {
          log: {
            name: parsed.name,
            type: "USER",
            status: "Published",
            published: 10,
            pending: 0,
            container: "database_logs",
            prefix: "i1/mysql-general/",
            metafile: "i1/mysql-general_metafile",
          },
        });
      }
      if (request.url === "/v1.0/p1/instances/i1/action") return send(202);
      if (request.url === "/v1.0/p1/instances/slow") return; // never answers
      return send(404, { itemNotFound: { code: 404, message: "Resource missing cannot be found." } });
    });
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  endpoint = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1.0/p1`,
    token: "tok",
    timeoutMs: 500,
  };
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe("Trove client", () => {
  it("reads Trove's log list, turning string sizes into integers and keeping 'None'", async () => {
    const [log] = await troveClient.listLogs(endpoint, "i1");
    expect(log).toEqual({
      name: "general",
      type: "USER",
      status: "Restart Required",
      published: 128,
      pending: 0,
      container: "None",
      prefix: "None",
      metafile: "i1/mysql-general_metafile",
    });
    expect(requests.at(-1)?.token).toBe("tok");
  });

  it("sends only the flags that are set, as integers", async () => {
    await troveClient.logAction(endpoint, "i1", { name: "general", publish: true, discard: false });
    expect(JSON.parse(requests.at(-1)!.body)).toEqual({ name: "general", publish: 1 });
  });

  it("shows the guest's own reason of a guest error with Trove's status", async () => {
    await expect(troveClient.logAction(endpoint, "i1", { name: "audit" })).rejects.toMatchObject({
      status: 400,
      message: "Log 'audit' is not defined.",
      troveText: GUEST_ERROR,
    });
    await expect(troveClient.getInstance(endpoint, "missing")).rejects.toMatchObject({ status: 404 });
  });

  it("says what a refused publish means without the guest's file path; keeps Trove's whole answer for the log", async () => {
    const missing = await troveClient
      .logAction(endpoint, "i1", { name: "slow_query", publish: true })
      .catch((error: unknown) => error);
    expect(missing).toMatchObject({
      status: 400,
      message: "Nothing has been written to this log yet, so there is nothing to publish.",
      detail: expect.stringContaining("/var/lib/mysql/data/slow.log"),
    });
    const notLatin1 = await troveClient
      .logAction(endpoint, "i1", { name: "polish", publish: true })
      .catch((error: unknown) => error);
    expect(notLatin1).toMatchObject({
      status: 400,
      message: expect.stringMatching(/^Trove's guest agent cannot publish this log: .*outside Latin-1/),
      troveText: NOT_LATIN1,
    });
    await expect(troveClient.logAction(endpoint, "i1", { name: "expired" })).rejects.toMatchObject({
      status: 401,
      message: "Trove did not accept your session's token: log in again.",
    });
    const broken = await troveClient
      .logAction(endpoint, "i1", { name: "broken" })
      .catch((error: unknown) => error);
    expect(broken).toMatchObject({ status: 503, message: "Trove answered HTTP 502." });
    expect((broken as Error).message).not.toContain("10.0.0.9");
  });

  it("accepts the empty 202 of an instance action", async () => {
    await expect(troveClient.restartInstance(endpoint, "i1")).resolves.toBeUndefined();
  });

  it("gives up on a Trove that does not answer, with a reason", async () => {
    await expect(troveClient.getInstance(endpoint, "slow")).rejects.toMatchObject({
      status: 503,
      message: "Trove (the database service) did not answer within 0.5 s. Try again later.",
    });
    // Where Trove is (the catalog's internal URL) goes to the server log, not into the message.
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, "127.0.0.1", done));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/v1.0/p1`;
    await new Promise((done) => closed.close(done));
    await expect(troveClient.listInstances({ ...endpoint, url })).rejects.toMatchObject({
      status: 503,
      message: "Trove (the database service) is unreachable: ECONNREFUSED.",
      detail: expect.stringContaining(`${url}/instances`),
    });
  });
});

describe("real Trove 18's error answers (recorded)", () => {
  const fail = (file: string) =>
    troveClient.getInstance({ ...endpoint, url: `${endpoint.url}/recorded` }, file).catch((e: unknown) => e);
  const NO_TRACEBACK = /Traceback|File "|\n|dist-packages/;

  it.each([
    ["15-err-unknown-log-name.json", 400, "Log 'nosuchlog' is not defined."],
    ["16-err-unknown-log-name-publish.json", 400, "Log 'nosuchlog' is not defined."],
    ["17-err-sys-log-disable-member.json", 400, "Cannot disable a SYSTEM log ('guest')."],
    ["18-err-sys-log-enable-member.json", 400, "Cannot enable a SYSTEM log ('guest')."],
  ])(
    "%s: a guest traceback in a 400 is one readable line; the whole text is kept",
    async (file, status, line) => {
      const error = (await fail(file)) as { status: number; message: string; troveText?: string };
      expect(error).toMatchObject({ status, message: line });
      expect(error.message).not.toMatch(NO_TRACEBACK);
      // The whole remote traceback, for admins (the route answers it as `detail` to them only).
      expect(error.troveText).toContain("Traceback (most recent call last):");
      expect(error.troveText).toContain(`trove.common.exception.`);
    },
  );

  it.each([
    ["19-err-enable-and-disable.json", 400, "Cannot enable and disable log.", false],
    [
      "20-err-missing-name.json",
      503,
      "Trove failed (HTTP 500): Internal Server Error. Please keep this ID to help us figure out what went wrong: (acebaea6-4e03-4f44-a28d-1e8df0b585e5).",
      false,
    ],
    [
      "22-err-unknown-instance-list.json",
      404,
      "Resource 00000000-0000-4000-8000-000000000000 cannot be found.",
      false,
    ],
    ["24-err-no-token.json", 401, "Trove did not accept your session's token: log in again.", false],
    ["25-err-bad-token.json", 401, "Trove did not accept your session's token: log in again.", false],
    [
      "26-err-other-project-in-url.json",
      403,
      "Access was denied to this resource. User with tenant id 59a2c1c86a6c47a7819102c1394c5f38 cannot access this resource.",
      true,
    ],
  ])("%s → %i with a plain message", async (file, status, message, hasMoreText) => {
    const error = (await fail(file)) as { status: number; message: string; troveText?: string };
    expect(error).toMatchObject({ status, message });
    expect(error.message).not.toMatch(/<br|\n/);
    expect(error.troveText !== undefined).toBe(hasMoreText);
  });

  it("Trove waiting out its guest (RabbitMQ or the agent down) is a 503 that says so, not a 400", async () => {
    for (const name of ["rpc-timeout", "gateway-timeout"]) {
      const error = await troveClient.logAction(endpoint, "i1", { name }).catch((e: unknown) => e);
      expect(error).toMatchObject({
        status: 503,
        message: expect.stringMatching(
          /^Trove could not reach the instance's guest agent in time: .*RabbitMQ/,
        ),
      });
    }
  });
});
