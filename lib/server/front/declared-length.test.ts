import { createServer, get, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { DECLARED_LENGTH_HEADER, keepDeclaredLength } from "./declared-length";

let close: (() => void) | undefined;
afterEach(() => close?.());

/** Serves one response written by `answer` (behind keepDeclaredLength), as Next would write it. */
async function headersOf(answer: (response: ServerResponse) => void): Promise<IncomingHttpHeaders> {
  const server = createServer((_request, response) => {
    keepDeclaredLength(response);
    answer(response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  close = () => server.close();
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) =>
    get({ host: "127.0.0.1", port, path: "/" }, (response) => {
      response.resume();
      response.on("end", () => resolve(response.headers));
    }).on("error", reject),
  );
}

describe("keepDeclaredLength", () => {
  it("turns the declared length into Content-Length and drops the internal header", async () => {
    const headers = await headersOf((response) => {
      response.appendHeader(DECLARED_LENGTH_HEADER, "5");
      response.write("he");
      response.end("llo");
    });
    expect(headers["content-length"]).toBe("5");
    expect(headers["transfer-encoding"]).toBeUndefined();
    expect(headers[DECLARED_LENGTH_HEADER]).toBeUndefined();
  });

  it("ignores a declared length that is not a byte count", async () => {
    const headers = await headersOf((response) => {
      response.appendHeader(DECLARED_LENGTH_HEADER, "5; drop table");
      response.write("he");
      response.end("llo");
    });
    expect(headers["content-length"]).toBeUndefined();
    expect(headers["transfer-encoding"]).toBe("chunked");
    expect(headers[DECLARED_LENGTH_HEADER]).toBeUndefined();
  });
});
