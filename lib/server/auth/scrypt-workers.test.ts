import { randomBytes, scryptSync } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ScryptWorkers } from "./scrypt-workers";

const OPTIONS = { N: 16384, r: 8, p: 1 };

/** The nice value of each of this process's threads (Linux). */
const threadNiceness = () =>
  readdirSync("/proc/self/task").map((tid) => {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16]);
  });

describe("scrypt workers", () => {
  it("derive exactly what scrypt derives, several at once, in threads of the lowest priority", async () => {
    const workers = new ScryptWorkers(2);
    const salts = [randomBytes(16), randomBytes(16), randomBytes(16)];
    const keys = await Promise.all(salts.map((salt) => workers.derive("pässword", salt, 32, OPTIONS)));
    keys.forEach((key, i) => expect(key.equals(scryptSync("pässword", salts[i]!, 32, OPTIONS))).toBe(true));
    expect(threadNiceness().filter((nice) => nice === 19)).toHaveLength(2);
  });

  it("reports a failed derivation and goes on", async () => {
    const workers = new ScryptWorkers(1);
    await expect(workers.derive("x", randomBytes(16), 32, { N: 3 })).rejects.toThrow(/scrypt failed/);
    const salt = randomBytes(16);
    expect((await workers.derive("x", salt, 16, OPTIONS)).equals(scryptSync("x", salt, 16, OPTIONS))).toBe(
      true,
    );
  });
});
