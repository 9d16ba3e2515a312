import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { userSwiftStore } from "@/lib/server/backend/user-swift-store";
import { describeError } from "@/lib/server/http/errors";
import { createTokenAuth } from "./swift-auth";
import { createSwiftObjectStore } from "./swift-store";

// Swift's refusals, from a local stand-in that answers as Swift's proxy and its middlewares do:
// each one reads as what it means, and no answer carries Swift's address.
let server: Server;
let origin: string;
const pages: Record<string, [number, string]> = {
  full: [
    507,
    "<html><h1>Insufficient Storage</h1><p>There was not enough space to save the resource.</p></html>",
  ],
  quota: [413, "Upload exceeds quota."],
  large: [
    413,
    "<html><h1>Request Entity Too Large</h1><p>The body of your request was too large.</p></html>",
  ],
  unauthorized: [
    401,
    "<html><h1>Unauthorized</h1><p>This server could not verify that you are authorized.</p></html>",
  ],
  forbidden: [403, "<html><h1>Forbidden</h1><p>Access was denied to this resource.</p></html>"],
};

beforeAll(async () => {
  server = createServer((request, response) => {
    request.resume();
    const container = new URL(request.url ?? "/", "http://swift").pathname.split("/")[3] ?? "";
    const [status, page] = pages[container] ?? [404, ""];
    response.writeHead(status, { "content-type": "text/html", "content-length": Buffer.byteLength(page) });
    response.end(page);
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const serviceStore = () =>
  createSwiftObjectStore({
    storageUrl: `${origin}/v1`,
    auth: createTokenAuth(async () => "tk"),
    timeoutMs: 2_000,
  });

describe("Swift's refusals", () => {
  it("507 Insufficient Storage and a used-up quota are 'out of space' (507); a too large object is not", async () => {
    const store = serviceStore();
    try {
      for (const container of ["full", "quota"]) {
        const error = await store
          .putObject("p", container, "o", "bytes")
          .catch((failure: unknown) => failure);
        expect(error).toMatchObject({
          status: 507,
          message: expect.stringMatching(/^The object store is out of space/),
        });
        expect(describeError(error)).toMatchObject({ status: 507, code: "insufficient_storage" });
      }
      expect(
        await store
          .putObject("p", "quota", "o", "x")
          .catch((failure: { message: string }) => failure.message),
      ).toBe("The object store is out of space: the project's Swift quota is used up");
      await expect(store.putObject("p", "large", "o", "bytes")).rejects.toMatchObject({ status: 413 });
    } finally {
      store.close();
    }
  });

  it("with the service's credentials, 401 and 403 are the deployment's problem (503), said without Swift's address", async () => {
    const store = serviceStore();
    try {
      for (const [container, reason] of [
        ["unauthorized", /did not accept Trove Logs' own credentials/],
        ["forbidden", /refused Trove Logs access to this project's storage/],
      ] as const) {
        const answer = describeError(
          await store.listObjects("p", container).catch((failure: unknown) => failure),
        );
        expect(answer).toMatchObject({ status: 503, message: expect.stringMatching(reason) });
        expect(answer.message).not.toContain("127.0.0.1");
      }
    } finally {
      store.close();
    }
  });

  it("with the caller's own token (openstack backend), 401 means log in again and 403 no access", async () => {
    const reader = (container: string) =>
      userSwiftStore(`${origin}/v1/AUTH_p`, `token-${container}`, 2_000).store.listObjects(
        "AUTH_p",
        container,
      );
    const unauthorized = describeError(await reader("unauthorized").catch((failure: unknown) => failure));
    expect(unauthorized).toMatchObject({
      status: 401,
      code: "unauthorized",
      message: "Swift did not accept your session's token: log in again.",
    });
    const forbidden = describeError(await reader("forbidden").catch((failure: unknown) => failure));
    expect(forbidden).toMatchObject({
      status: 403,
      code: "forbidden",
      message: expect.stringMatching(/does not let your project read/),
    });
    expect(describeError(await reader("gone").catch((failure: unknown) => failure))).toMatchObject({
      status: 404,
      message: expect.stringMatching(/gone from the object store/),
    });
  });
});
