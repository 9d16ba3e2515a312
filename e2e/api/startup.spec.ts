import { expect, test } from "@playwright/test";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Runs `npm start`'s script until it prints `until` or exits; returns what it printed and how it ended. */
function startServer(env: Record<string, string>, until: RegExp, port: number) {
  return new Promise<{ output: string; code: number | null }>((resolve) => {
    const child = spawn(process.execPath, ["scripts/start.mjs"], {
      env: { ...process.env, HOSTNAME: "127.0.0.1", PORT: String(port), ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const timer = setTimeout(() => child.kill("SIGTERM"), 60_000);
    const onData = (data: Buffer) => {
      output += data.toString();
      if (until.test(output)) child.kill("SIGTERM");
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ output, code });
    });
  });
}

test.describe("start-up", () => {
  let dir: string;
  test.beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "trove-logs-startup-"));
  });
  test.afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test("an invalid configuration stops start-up and names the bad field", async () => {
    const configFile = join(dir, "bad.json");
    writeFileSync(
      configFile,
      JSON.stringify({
        instances: [{ id: "x", name: "x", project_id: "p", datastore: { type: "db2", version: "1" } }],
      }),
    );
    const { output, code } = await startServer(
      { TROVE_LOGS_CONFIG: configFile, TROVE_LOGS_DATA_DIR: join(dir, "data") },
      /(?!)/, // never: the server must stop by itself
      3391,
    );
    expect(output).toMatch(/Cannot start/);
    expect(output).toMatch(/instances\[0\]\.datastore\.type/);
    expect(code).toBe(1);
  });

  test("a first start in demo mode prints generated passwords once", async () => {
    const env = {
      TROVE_LOGS_DATA_DIR: join(dir, "data"),
      TROVE_LOGS_DEMO_WRITERS: "0",
      TROVE_LOGS_ADMIN_PASSWORD: "",
      TROVE_LOGS_DEMO_PASSWORD: "",
    };
    const first = await startServer(env, /Demo mode/, 3392);
    expect(first.output).toMatch(/admin\s+\S{12,}/);
    expect(first.output).toMatch(/demo\s+\S{12,}/);
    const second = await startServer(env, /Demo mode/, 3392);
    expect(second.output).not.toMatch(/Generated login passwords/);
  });
});
