import "server-only";

import { afterAll, describe, expect, it } from "vitest";

import { describeObjectStoreContract } from "./contract/object-store-contract";
import { md5, readAll, statusOf, uniqueName } from "./contract/harness";
import { isObjectStoreError } from "./object-store";
import { createTempAuth, createTokenAuth, type SwiftAuth } from "./swift-auth";
import { createSwiftObjectStore } from "./swift-store";
import { expireNow, openTestStore, requireSwift, swiftTestSettings } from "./testing/swift-test-env";

// Real Swift: a missing Swift fails every test here with the way to start it (see scripts/services/swift.sh).
const shared = openTestStore();
afterAll(() => shared.close());

describeObjectStoreContract("swift", {
  async create() {
    await requireSwift();
    return { store: shared, account: swiftTestSettings.account, cleanup: async () => {} };
  },
  expire: expireNow,
});

describe("swift store against real Swift", () => {
  const { authUrl, storageUrl, account } = swiftTestSettings;

  /** Counts what the store asks of its auth; the first token handed out is stale. */
  function staleFirst(real: SwiftAuth) {
    const calls = { token: 0, invalidate: [] as Array<string | undefined> };
    const auth: SwiftAuth = {
      async token() {
        calls.token += 1;
        return calls.token === 1 ? "AUTH_tk00000000000000000000000000000000" : real.token();
      },
      invalidate(token) {
        calls.invalidate.push(token);
        real.invalidate(token);
      },
    };
    return { auth, calls };
  }

  it("renews a token Swift no longer accepts and repeats the request, streamed bodies included", async () => {
    await requireSwift();
    const container = uniqueName("reauth");
    await shared.putContainer(account, container);
    const real = createTempAuth({ authUrl, user: swiftTestSettings.user, key: swiftTestSettings.key });
    const { auth, calls } = staleFirst(real);
    const store = createSwiftObjectStore({ storageUrl, auth });
    try {
      async function* body() {
        yield Buffer.from("streamed ");
        yield Buffer.from("after a 401");
      }
      const put = await store.putObject(account, container, "s", body());
      expect(put.etag).toBe(md5("streamed after a 401"));
      expect(calls).toEqual({ token: 2, invalidate: ["AUTH_tk00000000000000000000000000000000"] });
      const read = await store.getObject(account, container, "s");
      expect((await readAll(read.body)).toString()).toBe("streamed after a 401");

      real.invalidate();
      expect((await store.headObject(account, container, "s")).bytes).toBe(20);
    } finally {
      await store.deleteObject(account, container, "s").catch(() => {});
      await shared.deleteContainer(account, container);
      store.close();
    }
  });

  it("answers 401 when a renewed token is refused too, and says which credentials failed", async () => {
    await requireSwift();
    const fixed = createSwiftObjectStore({ storageUrl, auth: createTokenAuth(async () => "AUTH_tkbogus") });
    const error = await fixed.headContainer(account, "anything").catch((e: unknown) => e);
    expect(isObjectStoreError(error) && [error.status, error.message]).toEqual([
      401,
      "Swift refused the request (401 Unauthorized)",
    ]);
    const wrongKey = createSwiftObjectStore({
      storageUrl,
      auth: createTempAuth({ authUrl, user: "test:tester", key: "wrong" }),
    });
    await expect(wrongKey.headContainer(account, "anything")).rejects.toMatchObject({
      status: 401,
      message: "Swift's tempauth refused the credentials (401)",
      // Which ones, and where, is for the server log (the message may reach a tenant).
      detail: `test:tester at ${authUrl}`,
    });
    fixed.close();
    wrongKey.close();
  });

  it("an ordinary user may not touch another account (403)", async () => {
    await requireSwift();
    const tester = createSwiftObjectStore({
      storageUrl,
      auth: createTempAuth({ authUrl, user: "test:tester", key: "testing" }),
    });
    try {
      expect(await statusOf(tester.putContainer(account, uniqueName("forbidden")))).toBe(403);
      const own = uniqueName("own");
      await tester.putContainer("test", own);
      await tester.deleteContainer("test", own);
    } finally {
      tester.close();
    }
  });

  it("sends metadata with non-ASCII values and keeps an underscore distinct from a hyphen", async () => {
    await requireSwift();
    const container = uniqueName("meta");
    await shared.putContainer(account, container, { metadata: { Owner: "Zoë ✓", snake_case: "1" } });
    try {
      await shared.putObject(account, container, "m", "x", {
        metadata: { "a-b": "hyphen", a_b: "underscore" },
      });
      expect((await shared.headObject(account, container, "m")).metadata).toEqual({
        "a-b": "hyphen",
        a_b: "underscore",
      });
      expect((await shared.headContainer(account, container)).metadata).toEqual({
        owner: "Zoë ✓",
        snake_case: "1",
      });
      await shared.deleteObject(account, container, "m");
    } finally {
      await shared.deleteContainer(account, container);
    }
  });
});
