import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { IdentityError } from "@/lib/server/auth/identity-error";
import { EngineError } from "@/lib/server/engine/errors";
import { diskFailure } from "@/lib/server/object-store/local-errors";
import { ObjectStoreError } from "@/lib/server/object-store/object-store";
import { downloadLog } from "@/lib/server/log-reader/download";
import { tailLog } from "@/lib/server/log-reader/tail";
import {
  logFile,
  makeEngine,
  makeWorkspace,
  MEMBER,
  MYSQL,
  objectNames,
  writeLog,
} from "@/lib/server/testing/engine-fixture";
import { toFaultResponse } from "@/lib/server/trove-api/faults";
import { TroveCallError } from "@/lib/server/trove/trove-client";
import { describeError, HttpError, toErrorResponse } from "./errors";

// What a browser or a Trove client reads when something fails, and what the server log keeps.
let logged: string[];
beforeEach(() => {
  logged = [];
  vi.spyOn(console, "error").mockImplementation((...parts: unknown[]) => {
    logged.push(parts.map((part) => (part instanceof Error ? part.stack : String(part))).join(" "));
  });
});
afterEach(() => vi.restoreAllMocks());

const INTERNAL = /https?:|127\.0\.0\.1|10\.0\.0\.\d|:\d{4}\b|\/srv\/|\/var\//;
const loggedUnder = (reference: string | undefined) => logged.filter((line) => line.includes(`${reference}`));

describe("object-store failures (the service's own store)", () => {
  it.each([
    [
      new ObjectStoreError(404, "Container database_logs not found"),
      404,
      "not_found",
      /gone from the object store \(expired or deleted\)/,
    ],
    [new ObjectStoreError(416, "Requested range not satisfiable"), 416, "range_not_satisfiable", /range/],
    [
      new ObjectStoreError(
        401,
        "Swift's tempauth refused the credentials (401)",
        "admin:admin at http://10.0.0.5:8080/auth/v1.0",
      ),
      503,
      "service_unavailable",
      /did not accept Trove Logs' own credentials/,
    ],
    [
      new ObjectStoreError(403, "Swift refused the request (403 Forbidden)", "Swift said: Forbidden"),
      503,
      "service_unavailable",
      /ResellerAdmin/,
    ],
    [
      new ObjectStoreError(507, "The object store is out of space (Swift: 507 Insufficient Storage)"),
      507,
      "insufficient_storage",
      /^The object store is out of space/,
    ],
    [
      new ObjectStoreError(
        503,
        "Swift is unreachable (ECONNREFUSED)",
        "http://10.0.0.5:8080: connect ECONNREFUSED",
      ),
      503,
      "service_unavailable",
      /^The object store could not complete the request: Swift is unreachable \(ECONNREFUSED\)$/,
    ],
  ])("%s → %i %s", (error, status, code, message) => {
    const answer = describeError(error);
    expect(answer).toMatchObject({ status, code, message: expect.stringMatching(message) });
    expect(answer.message).not.toMatch(INTERNAL);
    if (status >= 500) {
      // The details are in the server log, under the reference the answer carries.
      expect(answer.reference).toMatch(/^[0-9a-f]{10}$/);
      expect(loggedUnder(answer.reference).join("\n")).toContain(error.detail ?? error.message);
    } else {
      expect(answer.reference).toBeUndefined();
    }
  });

  it("a full disk (ENOSPC, EDQUOT, SQLite's FULL) is 507; other disk trouble 503; the path stays in the log", () => {
    const enospc = Object.assign(new Error("ENOSPC: no space left on device, open '/srv/data/store/tmp/x'"), {
      code: "ENOSPC",
    });
    const edquot = Object.assign(new Error("EDQUOT: disk quota exceeded, write"), { code: "EDQUOT" });
    const full = Object.assign(new Error("database or disk is full"), { code: "SQLITE_FULL" });
    const readOnly = Object.assign(new Error("EROFS: read-only file system, open '/srv/data/x'"), {
      code: "EROFS",
    });
    for (const error of [enospc, edquot, full]) {
      const answer = describeError(diskFailure(error));
      expect(answer).toMatchObject({ status: 507, code: "insufficient_storage" });
      expect(answer.message).toMatch(
        /^The object store is out of space: the disk (quota )?of its data directory is (full|used up)\. /,
      );
      expect(answer.message).not.toMatch(INTERNAL);
    }
    expect(describeError(diskFailure(readOnly))).toMatchObject({
      status: 503,
      message: "The object store cannot use its disk (EROFS)",
    });
    expect(logged.join("\n")).toContain("/srv/data/store/tmp/x");
    const other = new Error("not a disk error");
    expect(diskFailure(other)).toBe(other);
  });
});

describe("a published copy deleted under the readers", () => {
  it("reads as 404 'gone, publish again', not as a store failure", async () => {
    const workspace = makeWorkspace();
    try {
      const engine = makeEngine(workspace);
      writeLog(logFile(workspace.dir, "mysql", "general"), "SELECT 1;\n".repeat(100));
      await engine.logAction(MEMBER, MYSQL, { name: "general", publish: true });
      const located = await engine.locatePublished(MEMBER, MYSQL, "general");
      // Expired, or deleted by someone with access to the store: objects and container are gone.
      for (const name of await objectNames(workspace.store, "demo", "")) {
        await workspace.store.deleteObject("demo", "database_logs", name);
      }
      await workspace.store.deleteContainer("demo", "database_logs");
      for (const read of [() => tailLog(located, 10), () => downloadLog(located)]) {
        const answer = describeError(await read().catch((error: unknown) => error));
        expect(answer).toEqual({
          status: 404,
          code: "not_found",
          message:
            "The log's published copy is gone from the object store (expired or deleted): publish the log again.",
        });
      }
    } finally {
      await workspace.cleanup();
    }
  });
});

describe("messages to a browser name nothing internal", () => {
  it("Keystone's address in an identity failure is left out; the log has it", () => {
    const error = new IdentityError(
      503,
      "service_unavailable",
      "Keystone (http://10.0.0.5:5000/v3) is unreachable (connect ECONNREFUSED 10.0.0.5:5000). Try again later.",
    );
    const answer = describeError(error);
    expect(answer.message).toBe(
      "Keystone is unreachable (connect ECONNREFUSED [internal address]). Try again later.",
    );
    expect(loggedUnder(answer.reference).join("\n")).toContain("http://10.0.0.5:5000/v3");
  });

  it("a Trove that cannot be reached: the message says so, the URL is logged", () => {
    const error = new TroveCallError(
      503,
      "Trove (the database service) is unreachable: ECONNREFUSED.",
      "http://10.0.0.5:8779/v1.0/p1/instances: fetch failed",
    );
    const answer = describeError(error);
    expect(answer).toMatchObject({ status: 503, code: "service_unavailable", message: error.message });
    expect(loggedUnder(answer.reference).join("\n")).toContain("http://10.0.0.5:8779/v1.0/p1/instances");
  });

  it("Trove's whole answer (a guest's traceback) reaches admins as `detail`, never members", async () => {
    const traceback =
      "An error occurred communicating with the guest: Log 'x' is not defined.\nTraceback (most recent call last):\n" +
      '  File "/usr/lib/python3/dist-packages/trove/guestagent/datastore/manager.py", line 588\n';
    const error = () =>
      new TroveCallError(
        400,
        "Log 'x' is not defined.",
        "400 from http://10.0.0.5:8779/v1.0/p1: …",
        traceback,
      );
    const member = (await toErrorResponse(error()).json()) as { error: Record<string, string> };
    expect(member.error).toEqual({ code: "bad_request", message: "Log 'x' is not defined." });
    const admin = (await toErrorResponse(error(), { admin: true }).json()) as {
      error: Record<string, string>;
    };
    expect(admin.error).toEqual({
      code: "bad_request",
      message: "Log 'x' is not defined.",
      detail: traceback,
    });
    expect(JSON.stringify(admin)).not.toContain("10.0.0.5"); // Trove's URL stays in the server log
  });

  it("a refusal the caller can act on is answered as it is, unlogged, its detail kept back", () => {
    const error = new EngineError(
      "bad_request",
      "Nothing has been written to this log ('general') yet, so there is nothing to publish.",
      "log file /var/log/mysql/general.log does not exist",
    );
    expect(describeError(error)).toEqual({ status: 400, code: "bad_request", message: error.message });
    expect(logged).toEqual([]);
  });

  it("a failure logged already (a datastore fault) keeps its reference; the same error twice is one log line", () => {
    const fault = new EngineError(
      "bad_request",
      "The MariaDB user x may not enable log 'general'.",
      "at 10.0.0.5:3306",
      "abcdef0123",
    );
    expect(describeError(fault)).toMatchObject({ status: 400, reference: "abcdef0123" });
    const down = new ObjectStoreError(503, "Swift failed (503 Service Unavailable)");
    expect(describeError(down).reference).toBe(describeError(down).reference);
    expect(logged).toHaveLength(1);
  });

  it("an unexpected error is a 500 that says nothing of it, with its stack in the log", async () => {
    const response = toErrorResponse(new Error("ENOENT: /srv/trove-logs/.data/state at 10.0.0.5:3306"));
    const body = (await response.json()) as { error: { code: string; message: string; reference: string } };
    expect(response.status).toBe(500);
    expect(body.error).toEqual({
      code: "internal",
      message: "Internal error: the server log has the details.",
      reference: expect.stringMatching(/^[0-9a-f]{10}$/),
    });
    expect(loggedUnder(body.error.reference).join("\n")).toMatch(/ENOENT: \/srv\/trove-logs.*\n\s+at /);
  });

  it("keeps the headers of an HttpError (Retry-After on a 429)", () => {
    const response = toErrorResponse(
      new HttpError(429, "too_many_requests", "Too many attempts.", { "Retry-After": "3" }),
    );
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("3");
  });
});

describe("the Trove API's faults", () => {
  const fault = async (error: unknown) => {
    const response = toFaultResponse(error);
    return {
      status: response.status,
      body: (await response.json()) as Record<string, { code: number; message: string }>,
    };
  };

  it("a full store is Trove's 503 with the reference in the message", async () => {
    const { status, body } = await fault(
      new ObjectStoreError(507, "The object store is out of space: the disk of its data directory is full"),
    );
    expect(status).toBe(503);
    expect(body.serviceUnavailable?.message).toMatch(
      /^The object store is out of space: .* \(reference [0-9a-f]{10}\)$/,
    );
  });

  it("a missing file is the guest's error without the path; Swift's address stays out", async () => {
    const missing = await fault(
      new EngineError(
        "bad_request",
        "Nothing has been written to this log ('general') yet, so there is nothing to publish.",
        "log file /var/x.log",
      ),
    );
    expect(missing).toEqual({
      status: 400,
      body: {
        badRequest: {
          code: 400,
          message:
            "An error occurred communicating with the guest: Nothing has been written to this log ('general') yet, so there is nothing to publish.",
        },
      },
    });
    const down = await fault(
      new ObjectStoreError(503, "Swift is unreachable (ECONNREFUSED)", "http://10.0.0.5:8080"),
    );
    expect(down.status).toBe(503);
    expect(JSON.stringify(down.body)).not.toMatch(INTERNAL);
    const gone = await fault(new ObjectStoreError(404, "Object database_logs/x not found"));
    expect(gone.body.itemNotFound?.message).toMatch(/gone from the object store/);
  });

  it("an unexpected error is Trove's 500 with our reference", async () => {
    const { status, body } = await fault(new TypeError("cannot read properties of undefined"));
    expect(status).toBe(500);
    expect(body.instanceFault?.message).toMatch(/keep this ID .*\([0-9a-f]{10}\)\.$/);
  });
});
