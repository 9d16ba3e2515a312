import { expect, test } from "@playwright/test";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startOwnServer } from "../fixtures/own-server";
import { rawRequest } from "../fixtures/raw-http";

/** Runs `npm start`'s script until it prints `until` or exits; returns what it printed and how it ended. */
function startServer(env: Record<string, string>, until: RegExp, port: number) {
  return new Promise<{ output: string; code: number | null }>((resolve) => {
    const child = spawn(process.execPath, ["scripts/start.mjs"], {
      env: { ...process.env, TROVE_LOGS_HOST: "127.0.0.1", PORT: String(port), ...env },
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

/** Local addresses listening on `port` (IPv4 and IPv6), as the kernel lists them. */
function listeningAddresses(port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, "0");
  return ["/proc/net/tcp", "/proc/net/tcp6"].flatMap((table) =>
    readFileSync(table, "utf8")
      .split("\n")
      .map((line) => line.trim().split(/\s+/))
      .filter((fields) => fields[3] === "0A" && fields[1]?.endsWith(`:${hexPort}`))
      .map((fields) => fields[1]!),
  );
}

test.describe("where and how it listens", () => {
  test("HOSTNAME (set by Docker, some shells) does not expose it: loopback unless TROVE_LOGS_HOST says", async () => {
    const server = await startOwnServer(3393, {
      TROVE_LOGS_HOST: "",
      HOSTNAME: "0.0.0.0",
      TROVE_LOGS_DATA_DIR: join(tmpdir(), `trove-logs-listen-${process.pid}`),
      TROVE_LOGS_DEMO_WRITERS: "0",
    });
    try {
      expect(listeningAddresses(3393)).toEqual(["0100007F:0D41"]);
    } finally {
      server.stop();
    }
  });

  test("behind a trusted proxy (TROVE_LOGS_TRUST_PROXY=1) its X-Forwarded-Proto/-Host count", async () => {
    const password = "proxy-test-password";
    const server = await startOwnServer(3394, {
      TROVE_LOGS_TRUST_PROXY: "1",
      TROVE_LOGS_DATA_DIR: join(tmpdir(), `trove-logs-proxy-${process.pid}`),
      TROVE_LOGS_DEMO_WRITERS: "0",
      TROVE_LOGS_DEMO_PASSWORD: password,
    });
    try {
      const body = JSON.stringify({ username: "demo", password });
      const proxied = {
        "X-Forwarded-Proto": "https",
        "X-Forwarded-Host": "dash.example",
        "X-Forwarded-For": "203.0.113.9",
      };
      const answer = await rawRequest(server.url, {
        method: "POST",
        target: "/api/auth/login",
        headers: { ...proxied, Origin: "https://dash.example", "Content-Type": "application/json" },
        body,
      });
      expect(answer.status, answer.body).toBe(200);
      expect(String(answer.headers["set-cookie"])).toMatch(/;\s*Secure/i);
      const crossSite = await rawRequest(server.url, {
        method: "POST",
        target: "/api/auth/login",
        headers: { ...proxied, Origin: "http://dash.example", "Content-Type": "application/json" },
        body,
      });
      expect(crossSite.status).toBe(403);
    } finally {
      server.stop();
    }
  });
});
