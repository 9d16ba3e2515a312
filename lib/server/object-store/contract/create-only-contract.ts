import "server-only";

import { describe, expect } from "vitest";

import { isObjectExists, ObjectExistsError } from "../object-store";
import { contractIt, md5, readAll, sleep, statusOf, type ObjectStoreHarness } from "./harness";
import { patternChunk } from "./pattern";

/** Swift's `If-None-Match: *` put, which a publish lease shared by replicas rests on. */
export function describeCreateOnly(harness: ObjectStoreHarness): void {
  describe("create-only put", () => {
    contractIt(
      harness,
      "creates an absent name; a taken one answers 'exists' and keeps its bytes",
      async (t) => {
        const { store, account, container } = t;
        const created = await store.putObject(account, container, "lease", "first", { ifNoneMatch: "*" });
        expect(created).toMatchObject({ bytes: 5, etag: md5("first") });
        const refused = await store
          .putObject(account, container, "lease", "second", { ifNoneMatch: "*", metadata: { by: "second" } })
          .catch((error: unknown) => error);
        expect(isObjectExists(refused)).toBe(true);
        expect(refused).toMatchObject({ status: 412, message: `Object ${container}/lease already exists` });
        expect(refused).toBeInstanceOf(ObjectExistsError);
        const read = await store.getObject(account, container, "lease");
        expect((await readAll(read.body)).toString()).toBe("first");
        expect(read.info.metadata).toEqual({});
        // A streamed body of a refused put is never needed (Swift refuses before `100 Continue`).
        async function* stream() {
          yield patternChunk(1, 100_000);
        }
        expect(
          await statusOf(store.putObject(account, container, "lease", stream(), { ifNoneMatch: "*" })),
        ).toBe(412);

        await store.deleteObject(account, container, "lease");
        await store.putObject(account, container, "lease", "third", { ifNoneMatch: "*" });
        expect((await readAll((await store.getObject(account, container, "lease")).body)).toString()).toBe(
          "third",
        );
      },
    );

    contractIt(harness, "an expired object no longer holds its name, before any expirer ran", async (t) => {
      const { store, account, container } = t;
      // X-Delete-At is whole seconds (Swift rounds down): 3 s leave at least 2 for the early put.
      await store.putObject(account, container, "lease", "old holder", { ifNoneMatch: "*", deleteAfter: 3 });
      const { deleteAt } = await store.headObject(account, container, "lease");
      expect(
        await statusOf(store.putObject(account, container, "lease", "early", { ifNoneMatch: "*" })),
      ).toBe(412);
      await sleep((deleteAt as number) * 1000 - Date.now() + 100);
      const taken = await store.putObject(account, container, "lease", "new holder", {
        ifNoneMatch: "*",
        deleteAfter: 60,
      });
      expect(taken.etag).toBe(md5("new holder"));
      const info = await store.headObject(account, container, "lease");
      expect(info).toMatchObject({ bytes: 10, etag: md5("new holder") });
      expect(info.deleteAt).toBeGreaterThan(Date.now() / 1000 + 50);
    });

    contractIt(harness, "a missing container answers 404, not 'exists'", async (t) => {
      const missing = t.store.putObject(t.account, t.unusedName(), "lease", "x", { ifNoneMatch: "*" });
      expect(await statusOf(missing)).toBe(404);
    });

    contractIt(
      harness,
      "racing create-only puts: one or more win, the rest answer 'exists', one whole version stays",
      async (t) => {
        const { store, account, container } = t;
        const racers = Array.from({ length: 8 }, (_, i) => `racer ${i}`);
        const outcomes = await Promise.allSettled(
          racers.map((body) =>
            store.putObject(account, container, "contested-lease", body, { ifNoneMatch: "*" }),
          ),
        );
        const won = outcomes.flatMap((outcome, i) => (outcome.status === "fulfilled" ? [racers[i]] : []));
        // Swift may let several overlapping creates through (the local store lets exactly one: see its tests).
        expect(won.length).toBeGreaterThanOrEqual(1);
        for (const outcome of outcomes) {
          if (outcome.status === "rejected") expect(isObjectExists(outcome.reason)).toBe(true);
        }
        const read = await store.getObject(account, container, "contested-lease");
        expect(won).toContain((await readAll(read.body)).toString());
      },
    );
  });
}
