import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isIdentityError } from "./identity-error";
import { HashLimiter } from "./hash-limiter";
import { LocalIdentity } from "./local-identity";
import { LocalIdentityProvider } from "./local-identity-provider";

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "trove-logs-local-idp-"))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const provider = async (now = () => Date.now()) =>
  new LocalIdentityProvider({
    users: await LocalIdentity.open({
      dataDir: dir,
      projectIds: ["demo", "ops"],
      passwords: { admin: "admin-pw", demo: "demo-pw" },
      announce: () => undefined,
      hashLimiter: new HashLimiter({ concurrency: 1, queue: 16 }),
    }),
    projectName: (id) => ({ demo: "Demo project", ops: "Operations" })[id] ?? id,
    sessionTtlMs: 60_000,
    now,
  });

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => (isIdentityError(error) ? { status: error.status, message: error.message } : error),
  );

describe("local identity provider", () => {
  it("signs users in with their projects and roles, and no token", async () => {
    const identity = await provider();
    const demo = await identity.authenticate("demo", "demo-pw");
    expect(demo).toMatchObject({
      userName: "demo",
      projectId: "demo",
      projectName: "Demo project",
      roles: ["member"],
      projects: [{ id: "demo", name: "Demo project" }],
    });
    expect(demo.token).toBeUndefined();
    const admin = await identity.authenticate("admin", "admin-pw", { project: "ops" });
    expect(admin.projectId).toBe("ops");
    expect(admin.projects.map((project) => project.id)).toEqual(["admin", "demo", "ops"]);
  });

  it("answers 401 for bad credentials and 403 for someone else's project", async () => {
    const identity = await provider();
    expect(await failure(identity.authenticate("demo", "nope"))).toEqual({
      status: 401,
      message: "Invalid username or password.",
    });
    expect(await failure(identity.authenticate("demo", "demo-pw", { project: "ops" }))).toMatchObject({
      status: 403,
    });
    const demo = await identity.authenticate("demo", "demo-pw");
    expect(await failure(identity.switchProject(demo, "ops"))).toMatchObject({ status: 403 });
  });

  it("switches projects, validates until expiry", async () => {
    let now = Date.now();
    const identity = await provider(() => now);
    const admin = await identity.authenticate("admin", "admin-pw");
    const switched = await identity.switchProject(admin, "ops");
    expect(switched).toMatchObject({
      projectId: "ops",
      projectName: "Operations",
      expiresAt: admin.expiresAt,
    });
    expect(await identity.validate({ ...switched, projects: [] })).toEqual(switched);
    expect(await identity.validate({ ...switched, userId: "ghost" })).toBeUndefined();
    now += 61_000;
    expect(await identity.validate(switched)).toBeUndefined();
  });
});
