import "server-only";

import { describe, expect } from "vitest";

import type { ByteRange } from "../object-store";
import { contractIt, readAll, statusOf, type ObjectStoreHarness } from "./harness";

const CONTENT = "0123456789abcdefgh"; // 18 bytes

export function describeRanges(harness: ObjectStoreHarness): void {
  describe("byte ranges", () => {
    const cases: Array<[string, ByteRange, number, number]> = [
      ["start and end (inclusive)", { start: 6, end: 10 }, 6, 10],
      ["a single byte", { start: 0, end: 0 }, 0, 0],
      ["start to the end", { start: 10 }, 10, 17],
      ["an end past the size, clamped", { start: 15, end: 1000 }, 15, 17],
      ["a suffix", { suffix: 6 }, 12, 17],
      ["a suffix longer than the object", { suffix: 100 }, 0, 17],
      ["the last byte", { start: 17 }, 17, 17],
    ];
    for (const [title, range, start, end] of cases) {
      contractIt(harness, `returns ${title}`, async (t) => {
        await t.store.putObject(t.account, t.container, "r", CONTENT);
        const read = await t.store.getObject(t.account, t.container, "r", { range });
        expect([read.start, read.end, read.info.bytes]).toEqual([start, end, 18]);
        expect((await readAll(read.body)).toString()).toBe(CONTENT.slice(start, end + 1));
      });
    }

    contractIt(harness, "answers 416 for unsatisfiable ranges", async (t) => {
      await t.store.putObject(t.account, t.container, "r", CONTENT);
      for (const range of [{ start: 18 }, { start: 100, end: 200 }, { suffix: 0 }]) {
        expect(await statusOf(t.store.getObject(t.account, t.container, "r", { range }))).toBe(416);
      }
      expect(
        await statusOf(t.store.getObject(t.account, t.container, "missing", { range: { start: 0 } })),
      ).toBe(404);
    });
  });
}
