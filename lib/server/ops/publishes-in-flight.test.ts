import { describe, expect, it } from "vitest";
import { metrics } from "./metrics";
import { publishesIdle, trackPublish } from "./publishes-in-flight";

const running = async () => (await metrics().publishesRunning.get()).values[0]?.value ?? 0;

describe("publishes in flight", () => {
  it("a stop waits until every publish, a failing one too, has ended", async () => {
    expect(await running()).toBe(0);
    let finish!: () => void;
    let fail!: (error: Error) => void;
    const first = trackPublish(() => new Promise<void>((resolve) => (finish = resolve)));
    const second = trackPublish(() => new Promise<void>((_, reject) => (fail = reject)));
    expect(await running()).toBe(2);
    let idle = false;
    const stopped = publishesIdle().then(() => (idle = true));
    finish();
    await first;
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(idle).toBe(false); // one is still running
    fail(new Error("store full"));
    await expect(second).rejects.toThrow("store full");
    await stopped;
    expect(await running()).toBe(0);
    await publishesIdle(); // none running: at once
  });
});
