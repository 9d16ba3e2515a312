import type { IncomingHttpHeaders } from "node:http";
import { describe, expect, it } from "vitest";
import { applyForwarding, CLIENT_ADDRESS_HEADER } from "./forwarded";

const forged = (): IncomingHttpHeaders => ({
  host: "127.0.0.1:3000",
  "x-forwarded-for": "1.2.3.4, 10.0.0.9",
  "x-forwarded-host": "evil.example, dash.example",
  "x-forwarded-proto": "https",
  forwarded: "for=1.2.3.4",
  [CLIENT_ADDRESS_HEADER]: "6.6.6.6",
});

describe("applyForwarding", () => {
  it("without a trusted proxy, drops every forwarding claim and names the socket's address", () => {
    const headers = forged();
    applyForwarding(headers, "192.0.2.7", false);
    expect(headers["x-forwarded-for"]).toBeUndefined();
    expect(headers["x-forwarded-host"]).toBeUndefined();
    expect(headers["x-forwarded-proto"]).toBeUndefined();
    expect(headers.forwarded).toBeUndefined();
    expect(headers[CLIENT_ADDRESS_HEADER]).toBe("192.0.2.7");
    expect(headers.host).toBe("127.0.0.1:3000");
  });

  it("behind a trusted proxy, keeps its headers and takes the client from the hop the proxy added", () => {
    const headers = forged();
    applyForwarding(headers, "127.0.0.1", true);
    expect(headers[CLIENT_ADDRESS_HEADER]).toBe("10.0.0.9");
    expect(headers["x-forwarded-host"]).toBe("evil.example");
    expect(headers["x-forwarded-proto"]).toBe("https");
  });

  it("behind a trusted proxy that sent no X-Forwarded-For, the client is the socket's address", () => {
    const headers: IncomingHttpHeaders = { host: "dash.example" };
    applyForwarding(headers, "127.0.0.1", true);
    expect(headers[CLIENT_ADDRESS_HEADER]).toBe("127.0.0.1");
  });
});
