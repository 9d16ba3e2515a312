import { afterAll, describe, expect, it } from "vitest";
import { ScanPool } from "./search-pool";
import { compileSearch } from "./search-query";

const pool = new ScanPool({ size: 2, budgetMs: 10_000 });
afterAll(() => pool.close());

/** A piece in an ArrayBuffer of its own, as the search makes them (small Buffers share a pool). */
function own(text: string) {
  const bytes = Buffer.allocUnsafeSlow(Buffer.byteLength(text));
  bytes.write(text);
  return bytes;
}

const task = (text: string, query = "needle") => ({
  query: compileSearch({ query, regex: true, caseSensitive: false, limit: 10 }),
  bytes: own(text),
  partial: false,
  maxFound: 10,
});

describe("scan pool", () => {
  it("scans in worker threads, moving the piece's bytes there and back without copies", async () => {
    const piece = task("a\nneedle\nb\nNEEDLE\n");
    const outcome = await pool.run(piece);
    expect(outcome.result).toEqual({
      lines: 4,
      matched: 2,
      firstLineMatched: false,
      found: [
        { line: 1, start: 2, end: 8 },
        { line: 3, start: 11, end: 17 },
      ],
    });
    expect(piece.bytes.byteLength).toBe(0); // transferred: detached here
    expect(outcome.bytes.toString()).toBe("a\nneedle\nb\nNEEDLE\n");
    expect(pool.workers).toBeLessThanOrEqual(2);
  });

  it("answers pieces of several searches in any number, at most `size` workers", async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) => pool.run(task(`${"x\n".repeat(i)}needle ${i}\n`))),
    );
    expect(outcomes.map((outcome) => outcome.result.found[0]?.line)).toEqual(
      Array.from({ length: 20 }, (_, i) => i),
    );
    expect(pool.workers).toBe(2);
  });

  it("drops a queued piece whose search is abandoned", async () => {
    const single = new ScanPool({ size: 1, budgetMs: 10_000 });
    try {
      const first = single.run(task("needle\n".repeat(100_000)));
      const abandon = new AbortController();
      const second = single.run(task("needle\n"), abandon.signal);
      abandon.abort(new Error("client gone"));
      await expect(second).rejects.toThrow(/client gone/);
      expect((await first).result.matched).toBe(100_000);
    } finally {
      await single.close();
    }
  });

  it("reports a pattern the worker cannot compile as a failed piece, and keeps the worker", async () => {
    const bad = { ...task("x\n"), query: { source: "(", caseSensitive: false } };
    await expect(pool.run(bad)).rejects.toThrow(/missing \)/);
    expect((await pool.run(task("needle\n"))).result.matched).toBe(1);
  });
});
