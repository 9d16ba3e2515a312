// Background publish progress and failures seen from every replica, against the real memcached.
import { afterAll, describe, expect, it } from "vitest";
import type { GuestLog } from "@/lib/schemas/log";
import { testNamespace, testSharedCache } from "@/lib/server/shared/memcached-test-env";
import { PublishJobs } from "./publish-jobs";

const namespace = testNamespace();
const [cacheA, cacheB] = [testSharedCache(namespace), testSharedCache(namespace)];
afterAll(() => [cacheA, cacheB].forEach((cache) => cache.close()));
const describeFailure = (error: unknown) => ({ message: (error as Error).message, reference: "ref-1" });
const replicaA = new PublishJobs(describeFailure, cacheA);
const replicaB = new PublishJobs(describeFailure, cacheB);

const key = PublishJobs.key("instance-1", "general");
const log = { name: "general" } as GuestLog;

describe("PublishJobs shared by replicas", () => {
  it("a publish running on one replica shows its progress on the other, and is gone when done", async () => {
    let step: (progress: { done: number; total: number }) => void = () => undefined;
    let finish: () => void = () => undefined;
    const job = replicaA.start(key, 1000, (onProgress) => {
      step = onProgress;
      return new Promise<GuestLog>((resolve) => (finish = () => resolve(log)));
    });
    step({ done: 400, total: 1000 });
    await expect.poll(async () => (await replicaB.view(key)).job).toMatchObject({ done: 400, total: 1000 });
    finish();
    await job.finished;
    await expect.poll(async () => (await replicaB.view(key)).job).toBeUndefined();
  });

  it("a failure on one replica shows on the other until a success anywhere clears it", async () => {
    const job = replicaA.start(key, 10, () => Promise.reject(new Error("The object store is full.")));
    await expect(job.finished).rejects.toThrow();
    await expect
      .poll(async () => (await replicaB.view(key)).failure)
      .toMatchObject({
        message: "The object store is full.",
        reference: "ref-1",
      });
    replicaB.succeeded(key);
    await expect.poll(async () => (await replicaA.view(key)).failure).toBeUndefined();
  });
});
