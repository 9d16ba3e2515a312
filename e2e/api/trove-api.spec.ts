import { expect, test } from "@playwright/test";

// The Trove v1.0 API speaks Trove's fault format; it authenticates with Keystone tokens only.
test.describe("Trove API shape without Keystone", () => {
  test("answers Trove faults: 401 without a token, 501 when Keystone is not configured", async ({
    request,
  }) => {
    const anonymous = await request.get("/v1.0/demo/instances");
    expect(anonymous.status()).toBe(401);
    // keystonemiddleware's answer, as in front of a real Trove.
    expect(await anonymous.json()).toEqual({
      error: {
        code: 401,
        title: "Unauthorized",
        message: "The request you have made requires authentication.",
      },
    });
    const withToken = await request.get("/v1.0/demo/instances", {
      headers: { "X-Auth-Token": "gAAAA-not-checked" },
    });
    expect(withToken.status()).toBe(501);
    expect(await withToken.json()).toEqual({
      notImplemented: { code: 501, message: expect.stringMatching(/Keystone/) },
    });
  });
});
