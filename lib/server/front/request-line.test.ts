import { describe, expect, it } from "vitest";
import { checkDeclaredLength, checkRequestLine, MAX_REQUEST_BODY_BYTES } from "./request-line";

describe("checkRequestLine", () => {
  it("passes ordinary requests, encoded characters included", () => {
    expect(checkRequestLine("GET", "/api/instances")).toBeUndefined();
    expect(checkRequestLine("POST", "/api/instances/abc/log?x=%zz")).toBeUndefined(); // queries are the app's
    expect(checkRequestLine("GET", "/project/instances/%C3%A9t%C3%A9")).toBeUndefined();
    expect(checkRequestLine("OPTIONS", "/api/auth/config")).toBeUndefined();
    expect(checkRequestLine("HEAD", "/icon.svg")).toBeUndefined();
  });

  it.each([
    ["POST", "/icon.svg"],
    ["PUT", "/project/instances"],
    ["POST", "/login"],
    ["DELETE", "/"],
    ["OPTIONS", "/_next/static/chunks/x.js"],
    ["POST", "/api/../project/instances"],
    ["POST", "/api/%2e%2e/login"],
    ["POST", "//x/api/auth/login"],
  ])("answers %s to the page or file %s with 405: they are only read", (method, target) => {
    const refusal = checkRequestLine(method, target);
    expect(refusal).toMatchObject({
      status: 405,
      code: "method_not_allowed",
      headers: { Allow: "GET, HEAD" },
    });
  });

  it.each([
    ["POST", "/api/auth/login"],
    ["DELETE", "/api"],
    ["POST", "/v1.0/p/instances/x/log"],
  ])("lets %s %s through to the API", (method, target) =>
    expect(checkRequestLine(method, target)).toBeUndefined(),
  );

  it.each(["TRACE", "TRACK", "CONNECT", "PROPFIND"])("refuses %s with 405 and an Allow header", (method) => {
    const refusal = checkRequestLine(method, "/api/instances");
    expect(refusal).toMatchObject({ status: 405, code: "method_not_allowed" });
    expect(refusal?.headers?.Allow).toContain("GET");
    expect(refusal?.headers?.Allow).not.toContain("TRACE");
  });

  it.each(["*", "http://evil.example/api/instances", "api/instances", ""])(
    "refuses the request target %j with 400",
    (target) =>
      expect(checkRequestLine("OPTIONS", target)).toMatchObject({ status: 400, code: "bad_request" }),
  );

  it.each([
    "/api/instances/%zz",
    "/api/instances/%c0%ae",
    "/api/%",
    "/api/instances/%E0%A4%A",
    "/%ff",
    "/api/%zz/\\..\\..",
  ])("refuses the malformed percent-escape in %s with 400", (target) => {
    const refusal = checkRequestLine("GET", target);
    expect(refusal).toMatchObject({ status: 400, code: "bad_request" });
    expect(refusal?.message).toMatch(/percent-escape/);
  });

  it.each(["/api/instances/%00", "/api/%0a/evil", "/api/%7f", "/x%09y"])(
    "refuses control characters in %s",
    (target) => expect(checkRequestLine("GET", target)).toMatchObject({ status: 400 }),
  );
});

describe("checkDeclaredLength", () => {
  it("passes no body and bodies within the limit", () => {
    expect(checkDeclaredLength(undefined)).toBeUndefined();
    expect(checkDeclaredLength("0")).toBeUndefined();
    expect(checkDeclaredLength(String(MAX_REQUEST_BODY_BYTES))).toBeUndefined();
  });

  it.each([String(MAX_REQUEST_BODY_BYTES + 1), "314572800", "99999999999999999999999", "NaN"])(
    "refuses a declared length of %s with 413",
    (length) => expect(checkDeclaredLength(length)).toMatchObject({ status: 413, code: "payload_too_large" }),
  );
});
