import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { HashLimiter } from "./hash-limiter";
import { LocalIdentity } from "./local-identity";

let dir: string;
let announced: string[];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "trove-logs-identity-"));
  announced = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const open = (passwords: { admin?: string; demo?: string } = {}) =>
  LocalIdentity.open({
    dataDir: dir,
    projectIds: ["demo", "ops"],
    passwords,
    announce: (m) => announced.push(m),
    hashLimiter: new HashLimiter({ concurrency: 1, queue: 16 }),
  });

describe("local identity", () => {
  it("generates passwords once, prints them once and stores only hashes (mode 0600)", async () => {
    const identity = await open();
    expect(announced).toHaveLength(1);
    const [, adminPassword] = /admin\s+(\S+)/.exec(announced[0]!)!;
    const [, demoPassword] = /demo\s+(\S+)/.exec(announced[0]!)!;
    const file = join(dir, "identity.json");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const stored = readFileSync(file, "utf8");
    expect(stored).not.toContain(adminPassword);
    expect(stored).not.toContain(demoPassword);
    expect(stored).toMatch(/scrypt\$/);
    expect((await identity.authenticate("admin", adminPassword!))?.roles).toContain("admin");
    expect(await identity.authenticate("admin", demoPassword!)).toBeUndefined();

    const reopened = await open();
    expect(announced).toHaveLength(1); // not printed again
    expect((await reopened.authenticate("demo", demoPassword!))?.projectIds).toEqual(["demo"]);
  });

  it("takes passwords from the environment without printing anything", async () => {
    const identity = await open({ admin: "admin-secret", demo: "demo-secret" });
    expect(announced).toEqual([]);
    expect((await identity.authenticate("demo", "demo-secret"))?.name).toBe("demo");
    expect(await identity.authenticate("demo", "admin-secret")).toBeUndefined();
    expect(await identity.authenticate("root", "admin-secret")).toBeUndefined();
    expect((await identity.authenticate("admin", "admin-secret"))?.projectIds).toEqual([
      "admin",
      "demo",
      "ops",
    ]);
  });
});
