import { readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { PublishJobs } from "@/lib/server/backend/publish-jobs";
import { describeError } from "@/lib/server/http/errors";
import { createLocalObjectStore, type LocalObjectStore } from "@/lib/server/object-store/local-store";
import { OUT_OF_SPACE } from "@/lib/server/object-store/object-store";
import {
  logFile,
  makeEngine,
  makeWorkspace,
  MEMBER,
  MYSQL,
  writeLog,
} from "@/lib/server/testing/engine-fixture";
import { expectExactCopy } from "@/lib/server/testing/exact-copy";
import { mountSmallTmpfs } from "@/lib/server/testing/small-tmpfs";

// The local store on a real, small filesystem that fills up mid-publish: a full disk is an answer
// that says so (507), never a lost or duplicated byte, and the next publish continues exactly.
const MB = 1024 * 1024;
let disk: ReturnType<typeof mountSmallTmpfs>;
let workspace: ReturnType<typeof makeWorkspace>;
let store: LocalObjectStore;
const general = () => logFile(workspace.dir, "mysql", "general");
const ballast = () => join(disk.dir, "ballast");
const engine = () => makeEngine({ dir: workspace.dir, store }, { limit: 64 * 1024 });

/** ~4 MB of log lines, some multi-byte. */
const content = Array.from(
  { length: 40_000 },
  (_, i) => `${i} SELECT * FROM orders WHERE note = 'naïve ${i}';\n`,
)
  .join("")
  .slice(0, 4 * MB);

beforeEach(() => {
  disk = mountSmallTmpfs(8 * MB);
  workspace = makeWorkspace();
  store = createLocalObjectStore({ dir: join(disk.dir, "store") });
  writeLog(general(), content);
  // The disk is mostly taken by something else: about 2.5 MB stay free for the store.
  writeFileSync(ballast(), Buffer.alloc(5.5 * MB));
  vi.spyOn(console, "error").mockImplementation(() => undefined); // the server log's lines, checked below
});
afterEach(async () => {
  vi.restoreAllMocks();
  await store.close();
  disk.unmount();
  await workspace.cleanup();
});

describe("publishing into a full local store", () => {
  it("answers 507 saying the store is out of space, keeps an exact prefix, and continues once space is freed", async () => {
    const publisher = engine();
    const failure = await publisher.logAction(MEMBER, MYSQL, { name: "general", publish: true }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toMatchObject({ status: 507, message: expect.stringContaining(OUT_OF_SPACE) });

    const answer = describeError(failure);
    expect(answer).toMatchObject({
      status: 507,
      code: "insufficient_storage",
      reference: expect.any(String),
    });
    expect(answer.message).toMatch(
      /^The object store is out of space: .*publish again once space is freed\.$/,
    );
    expect(answer.message).not.toContain(disk.dir); // Node's ENOSPC message names the file…
    const logged = vi.mocked(console.error).mock.calls.map((call) => call.join(" "));
    expect(logged.some((line) => line.includes(answer.reference!) && /ENOSPC|disk is full/.test(line))).toBe(
      true,
    ); // …the log has it (the file's or SQLite's words)

    // Nothing half-written is left behind, and what is stored is exactly the file's beginning.
    expect(readdirSync(join(disk.dir, "store", "tmp"))).toEqual([]);
    const partial = await expectExactCopy(publisher, store, general());
    expect(partial.published).toBeGreaterThan(0);
    expect(partial.published).toBeLessThan(content.length);
    expect(partial.status).toBe("Partial");

    rmSync(ballast());
    const restarted = engine(); // as after a restart: the published state comes from the objects
    expect((await restarted.logAction(MEMBER, MYSQL, { name: "general", publish: true })).status).toBe(
      "Published",
    );
    const whole = await expectExactCopy(restarted, store, general());
    expect(whole.published).toBe(Buffer.byteLength(content));
  });

  it("a background publish that runs out of space leaves its reason on the log, and the next one clears it", async () => {
    const publisher = engine();
    const jobs = new PublishJobs(describeError);
    const key = PublishJobs.key(MYSQL, "general");
    const job = jobs.start(key, content.length, (onProgress) =>
      publisher.logAction(MEMBER, MYSQL, { name: "general", publish: true }, onProgress),
    );
    await expect(job.finished).rejects.toMatchObject({ status: 507 });
    const { failure } = await jobs.view(key);
    expect(failure).toMatchObject({
      message: expect.stringMatching(/^The object store is out of space: /),
      reference: expect.any(String),
    });
    expect(failure!.message).not.toContain("/");

    rmSync(ballast());
    const again = jobs.start(key, content.length, (onProgress) =>
      publisher.logAction(MEMBER, MYSQL, { name: "general", publish: true }, onProgress),
    );
    expect((await again.finished).status).toBe("Published");
    expect((await jobs.view(key)).failure).toBeUndefined();
    await expectExactCopy(publisher, store, general());
  });
});
