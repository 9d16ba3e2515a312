import { expect, test } from "@playwright/test";
import { INSTANCES } from "../fixtures/run";
import { loginAs, run } from "../fixtures/api";
import { rawExchange, rawRequest, type RawAnswer } from "../fixtures/raw-http";

const base = run.configured.url;
const host = new URL(base).host;
const login = JSON.stringify({ username: "demo", password: run.passwords.demo });

/** Every refusal is the API's JSON error shape, never Next's plain-text or HTML pages. */
function expectJsonError(answer: RawAnswer, status: number, code: string) {
  expect(answer.status, answer.body).toBe(status);
  expect(answer.headers["content-type"]).toMatch(/^application\/json/);
  expect(JSON.parse(answer.body)).toEqual({ error: { code, message: expect.any(String) } });
}

test.describe("malformed requests get JSON errors", () => {
  for (const target of [
    "/api/instances/%zz",
    "/api/instances/%c0%ae",
    `/api/instances/${INSTANCES.mysql}/log/%E0%A4%A/tail`,
    "/project/instances/%zz",
  ]) {
    test(`a malformed percent-escape: ${target}`, async () => {
      expectJsonError(await rawRequest(base, { target }), 400, "bad_request");
    });
  }

  test("TRACE is not allowed; methods HTTP doesn't know are malformed", async () => {
    const trace = await rawRequest(base, { method: "TRACE", target: "/api/auth/config" });
    expectJsonError(trace, 405, "method_not_allowed");
    expect(trace.headers.allow).toContain("GET");
    expectJsonError(
      await rawRequest(base, { method: "TRACK", target: "/api/auth/config" }),
      400,
      "bad_request",
    );
  });

  test("a request answered before its broken body is answered once, with nothing after it", async () => {
    const exchanges = [
      // Headers fine, then a Transfer-Encoding the parser rejects only once it reads the body.
      `GET /api/instances/%zz HTTP/1.1\r\nHost: ${host}\r\nTransfer-Encoding: ::::\r\n\r\nxyz`,
      // A body without a length after `Connection: close`: what follows is not a next request.
      `PATCH /api/instances/%zz/log HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n{"name":"x"}`,
    ];
    for (const bytes of exchanges) {
      const answer = await rawExchange(base, bytes);
      expect(answer.match(/HTTP\/1\.1 /g), answer).toHaveLength(1);
      expect(answer).toMatch(/^HTTP\/1\.1 400 [^]*"code":"bad_request"/);
    }
  });

  test("the request target * (and an absolute URL) is refused", async () => {
    expectJsonError(await rawRequest(base, { method: "OPTIONS", target: "*" }), 400, "bad_request");
    expectJsonError(await rawRequest(base, { target: "*" }), 400, "bad_request");
    expectJsonError(
      await rawRequest(base, { target: "http://evil.example/api/instances" }),
      400,
      "bad_request",
    );
  });
});

test.describe("request bodies are limited before they are read", () => {
  const MB = 1024 * 1024;
  const routes = ["/api/auth/login", `/api/instances/${INSTANCES.mysql}/log`, "/api/auth/project"];

  for (const target of routes) {
    test(`a declared 300 MB body to ${target} is refused at once, nothing of it read`, async () => {
      const answer = await rawRequest(base, {
        method: "POST",
        target,
        headers: { "Content-Type": "application/json", "Content-Length": String(300 * MB) },
        streamBytes: 300 * MB,
        answerWaitMs: 1000,
      });
      expectJsonError(answer, 413, "payload_too_large");
      expect(answer.ms).toBeLessThan(1000);
      expect(answer.sent).toBe(0);
    });
  }

  test("a 300 MB chunked body (no declared length) is cut off just after the limit", async () => {
    const member = await loginAs("demo");
    const { cookies } = await member.storageState();
    const cookie = cookies.map((entry) => `${entry.name}=${entry.value}`).join("; ");
    for (const target of routes) {
      const answer = await rawRequest(base, {
        method: "POST",
        target,
        headers: { "Content-Type": "application/json", Cookie: cookie },
        streamBytes: 300 * MB,
      });
      expectJsonError(answer, 413, "payload_too_large");
      expect(answer.ms).toBeLessThan(2000);
      expect(answer.sent).toBeLessThan(32 * MB); // what the socket buffers took, not the upload
    }
    await member.dispose();
  });

  test("a client uploading as fast as it can reads the 413, not a connection reset", async () => {
    // Closing at once would make the kernel reset the connection under the client's next bytes and
    // throw away the answer it had not read yet; the server drops what still comes for a moment.
    for (const declared of [true, false]) {
      for (let attempt = 0; attempt < 10; attempt += 1) {
        const answer = await rawRequest(base, {
          method: "POST",
          target: "/api/auth/login",
          headers: {
            "Content-Type": "application/json",
            Connection: "close",
            ...(declared && { "Content-Length": String(300 * MB) }),
          },
          streamBytes: 300 * MB,
        });
        expectJsonError(answer, 413, "payload_too_large");
      }
    }
  });

  test("an Expect: 100-continue upload that is too large is refused before it is sent", async () => {
    const answer = await rawRequest(base, {
      method: "POST",
      target: "/api/auth/login",
      headers: { "Content-Length": String(10 * MB), Expect: "100-continue" },
      streamBytes: 10 * MB,
      answerWaitMs: 1000,
    });
    expectJsonError(answer, 413, "payload_too_large");
    expect(answer.sent).toBe(0);
  });

  test("a body within the limit still works", async () => {
    const answer = await rawRequest(base, {
      method: "POST",
      target: "/api/auth/login",
      headers: { "Content-Type": "application/json" },
      body: login,
    });
    expect(answer.status, answer.body).toBe(200);
  });
});

test.describe("forwarding headers are a client's word unless a proxy is trusted", () => {
  const post = (headers: Record<string, string>) =>
    rawRequest(base, {
      method: "POST",
      target: "/api/auth/login",
      headers: { "Content-Type": "application/json", ...headers },
      body: login,
    });

  test("the CSRF check compares the scheme too", async () => {
    expect((await post({ Origin: `http://${host}` })).status).toBe(200);
    expectJsonError(await post({ Origin: `https://${host}` }), 403, "forbidden");
  });

  test("a forged X-Forwarded-Host does not make another site same-origin", async () => {
    expectJsonError(
      await post({ Origin: "http://evil.example", "X-Forwarded-Host": "evil.example" }),
      403,
      "forbidden",
    );
  });

  test("a forged X-Forwarded-Proto neither passes an https Origin nor marks the cookie Secure", async () => {
    expectJsonError(
      await post({ Origin: `https://${host}`, "X-Forwarded-Proto": "https" }),
      403,
      "forbidden",
    );
    const answer = await post({ "X-Forwarded-Proto": "https" });
    expect(answer.status).toBe(200);
    expect(String(answer.headers["set-cookie"])).not.toMatch(/;\s*Secure/i);
  });
});

test.describe("security headers", () => {
  for (const target of ["/login", "/api/auth/config", "/api/instances", "/project/instances"]) {
    test(`on ${target}`, async () => {
      const answer = await rawRequest(base, { target });
      const csp = String(answer.headers["content-security-policy"]);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
      expect(csp).not.toContain("unsafe-eval");
      expect(answer.headers["x-frame-options"]).toBe("DENY");
      expect(answer.headers["x-content-type-options"]).toBe("nosniff");
      expect(answer.headers["referrer-policy"]).toBe("same-origin");
    });
  }

  test("every script of a page carries that answer's nonce", async () => {
    const first = await rawRequest(base, { target: "/login" });
    const second = await rawRequest(base, { target: "/login" });
    const nonce = /'nonce-([^']+)'/.exec(String(first.headers["content-security-policy"]))![1]!;
    expect(String(second.headers["content-security-policy"])).not.toContain(nonce);
    const scripts = first.body.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`);
  });
});
