import { describe, expect, it } from "vitest";
import { SearchBusyError, SearchSlots } from "./search-slots";

const never = new AbortController().signal;
const settled = async (promise: Promise<unknown>) =>
  Promise.race([promise.then(() => "ready"), new Promise((done) => setTimeout(() => done("pending"), 20))]);

describe("search slots", () => {
  it("refuses a user's search past the per-user cap until one of theirs ends", () => {
    const slots = new SearchSlots({ perUser: 2, running: 10, queue: 10 });
    const first = slots.reserve("alice");
    slots.reserve("alice");
    expect(() => slots.reserve("alice")).toThrow(SearchBusyError);
    expect(() => slots.reserve("alice")).toThrow(/already have 2 searches running/);
    expect(slots.reserve("bob").ahead).toBe(0); // others are not held back
    first.release();
    first.release(); // a second release changes nothing
    expect(slots.reserve("alice").ahead).toBe(0);
    expect(() => slots.reserve("alice")).toThrow(SearchBusyError);
  });

  it("queues past the process cap in arrival order, and refuses when the queue is full", async () => {
    const slots = new SearchSlots({ perUser: 5, running: 2, queue: 2 });
    const running = [slots.reserve("a"), slots.reserve("b")];
    const third = slots.reserve("c");
    const fourth = slots.reserve("d");
    expect([third.ahead, fourth.ahead]).toEqual([1, 2]);
    const error = (() => {
      try {
        slots.reserve("e");
      } catch (caught) {
        return caught as SearchBusyError;
      }
    })();
    expect(error?.message).toMatch(/busy with other searches \(2 running, 2 waiting\)/);
    expect(error?.retryAfterSeconds).toBeGreaterThan(0);
    expect(await settled(third.ready(never))).toBe("pending");
    running[0]!.release();
    expect(await settled(third.ready(never))).toBe("ready");
    expect(await settled(fourth.ready(never))).toBe("pending");
    expect(slots.load).toEqual({ running: 2, waiting: 1 });
  });

  it("frees the place of a search abandoned while waiting or running", async () => {
    const slots = new SearchSlots({ perUser: 1, running: 1, queue: 5 });
    const running = slots.reserve("a");
    const waiting = slots.reserve("b");
    const abandon = new AbortController();
    const ready = waiting.ready(abandon.signal);
    abandon.abort(new Error("client gone"));
    await expect(ready).rejects.toThrow(/client gone/);
    waiting.release();
    expect(slots.load).toEqual({ running: 1, waiting: 0 });
    expect(slots.reserve("b").ahead).toBe(1); // b's own cap is free again
    running.release();
    expect(slots.load).toEqual({ running: 1, waiting: 0 });
  });
});
