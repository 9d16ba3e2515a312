import { describe, expect, it } from "vitest";
import { currentRequest, noteCaller, requestIdFrom, runWithRequest } from "./request-context";

describe("request ids", () => {
  it("keeps a proxy's plain id", () => {
    expect(requestIdFrom("7f3a9c1e-0b2d-4e5f-8a6b-1c2d3e4f5a6b")).toBe(
      "7f3a9c1e-0b2d-4e5f-8a6b-1c2d3e4f5a6b",
    );
    expect(requestIdFrom("7F000001:C9A2_0A000001:0050_6543A1B2_0001:1234")).toBe(
      "7F000001:C9A2_0A000001:0050_6543A1B2_0001:1234",
    );
  });

  it("replaces ids that could forge or break a log line", () => {
    for (const bad of ['a"b', "a b", "a\nb", "x".repeat(129), "", "-leading", "ü", undefined]) {
      const id = requestIdFrom(bad);
      expect(id).not.toBe(bad);
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(requestIdFrom(["a", "b"])).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("request context", () => {
  it("carries the caller noted deep inside the request to whoever logs it", async () => {
    const facts = { requestId: "r1" };
    await runWithRequest(facts, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      noteCaller({ userId: "u1", projectId: "p1" });
    });
    expect(facts).toEqual({ requestId: "r1", userId: "u1", projectId: "p1" });
    expect(currentRequest()).toBeUndefined();
  });
});
