import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { iteratorToStream } from "./respond";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let errors: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
});
afterEach(() => vi.restoreAllMocks());

describe("streamed answers", () => {
  it("a client that leaves mid-download (while a chunk is being read) closes the source and logs nothing", async () => {
    let closed = false;
    async function* slowLog() {
      try {
        for (let chunk = 0; ; chunk++) {
          await sleep(20);
          yield new Uint8Array([chunk]);
        }
      } finally {
        closed = true;
      }
    }
    const reader = iteratorToStream(slowLog()).getReader();
    expect((await reader.read()).value).toEqual(new Uint8Array([0]));
    await sleep(5); // the next chunk is on its way when the client goes
    await reader.cancel();
    await sleep(50);
    expect(closed).toBe(true);
    expect(errors).not.toHaveBeenCalled();
  });

  it("a source that fails while the client reads is logged, with its detail, and ends the answer", async () => {
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield new Uint8Array([1]);
      throw Object.assign(new Error("Swift closed the connection after 40 of 100 bytes"), {
        detail: "GET http://10.0.0.5:8080/v1/AUTH_p/c/o",
      });
    }
    const reader = iteratorToStream(failing()).getReader();
    await reader.read();
    await expect(reader.read()).rejects.toThrow(/closed the connection/);
    expect(errors).toHaveBeenCalledTimes(1);
    expect(errors.mock.calls[0]!.join(" ")).toContain("GET http://10.0.0.5:8080/v1/AUTH_p/c/o");
  });
});
