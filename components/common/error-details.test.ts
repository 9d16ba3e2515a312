import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ApiError, throwIfFailed } from "@/lib/api/fetcher";
import { ErrorDetails } from "./error-details";

const failure = (status: number, headers: Record<string, string>, reference?: string) =>
  new Response(
    JSON.stringify({ error: { code: "x", message: "It failed.", ...(reference && { reference }) } }),
    {
      status,
      headers,
    },
  );

async function caught(response: Response): Promise<ApiError> {
  return throwIfFailed(response).then(
    () => {
      throw new Error("no error");
    },
    (error: ApiError) => error,
  );
}

describe("the request id under an error", () => {
  it("is read from the answer's X-Request-Id and shown under a server-side failure", async () => {
    const error = await caught(failure(503, { "X-Request-Id": "4f1c-req-9" }, "3f9a0c1e2b"));
    expect(error.requestId).toBe("4f1c-req-9");
    expect(error.message).toBe("It failed. (reference 3f9a0c1e2b)");
    const html = renderToStaticMarkup(createElement(ErrorDetails, { error }));
    expect(html).toContain("Request ID: ");
    expect(html).toContain("4f1c-req-9");
  });

  it("is shown for a proxy's error page too (no JSON body)", async () => {
    const error = await caught(
      new Response("<html>Bad gateway</html>", { status: 502, headers: { "X-Request-Id": "hap-1" } }),
    );
    expect(renderToStaticMarkup(createElement(ErrorDetails, { error }))).toContain("hap-1");
  });

  it("is not shown for the caller's own mistakes (a 404 nobody logged)", async () => {
    const error = await caught(failure(404, { "X-Request-Id": "r-404" }));
    expect(renderToStaticMarkup(createElement(ErrorDetails, { error }))).not.toContain("r-404");
  });
});
