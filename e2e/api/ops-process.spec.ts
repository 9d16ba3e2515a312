import { expect, test } from "@playwright/test";
import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

// `npm start` itself, on a port of its own: the request log it prints and how it stops.
const PORT = Number(process.env.TROVE_LOGS_E2E_PORT ?? 3310) + 61;
const BASE = `http://127.0.0.1:${PORT}`;
const INSTANCE = "0b5e0000-0000-4000-8000-0000000000a1";
const PASSWORD = "ops-demo-password";

let dir: string;
let logFile: string;
let server: ChildProcess;
let stdout = "";

/** A 24 MB log of CRLF and LF lines with UTF-8 in them: more than the socket buffers hold. */
function writeLog(path: string): void {
  const lines: string[] = [];
  for (let i = 0; i < 200_000; i += 1) {
    const line = `2026-12-02T10:00:${String(i % 60).padStart(2, "0")}Z ${i} Query\tSELECT 'ünïcode' /* ${"x".repeat(60)} */`;
    lines.push(line + (i % 3 ? "\n" : "\r\n"));
  }
  writeFileSync(path, lines.join(""));
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, ms = 180_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`${what} did not happen within ${ms} ms:\n${stdout.slice(-4000)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function login(): Promise<string> {
  const response = await fetch(`${BASE}/api/auth/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ username: "demo", password: PASSWORD }),
  });
  expect(response.status).toBe(200);
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";", 1)[0])
    .join("; ");
}

test.describe.serial("npm start as an operator runs it", () => {
  test.setTimeout(300_000);

  test.beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "trove-logs-ops-"));
    logFile = join(dir, "general.log");
    writeLog(logFile);
    const config = join(dir, "config.json");
    writeFileSync(
      config,
      JSON.stringify({
        guest_log_limit: 1_000_000,
        instances: [
          {
            id: INSTANCE,
            name: "ops-mysql",
            project_id: "demo",
            datastore: { type: "mysql", version: "8.0.36" },
            logs: { general: { file: logFile } },
          },
        ],
      }),
    );
    server = spawn("npm", ["start"], {
      env: {
        ...process.env,
        TROVE_LOGS_HOST: "127.0.0.1",
        PORT: String(PORT),
        TROVE_LOGS_DATA_DIR: join(dir, "data"),
        TROVE_LOGS_CONFIG: config,
        TROVE_LOGS_DEMO_PASSWORD: PASSWORD,
        TROVE_LOGS_ADMIN_PASSWORD: "ops-admin-password",
        TROVE_LOGS_SHUTDOWN_GRACE: "60",
      },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true, // its own process group: the test checks that nothing of it is left
    });
    server.stdout!.on("data", (data: Buffer) => (stdout += data.toString()));
    server.stderr!.on("data", (data: Buffer) => (stdout += data.toString()));
    await waitFor("the server answering /healthz", async () =>
      (await fetch(`${BASE}/healthz`)).status === 200 ? true : undefined,
    );
  });

  test.afterAll(() => {
    try {
      process.kill(-server.pid!, "SIGKILL"); // only if the test failed before it stopped
    } catch {
      // already gone
    }
    rmSync(dir, { recursive: true, force: true });
  });

  test("one JSON line per request: route, status, duration, user, project and request id; no secrets", async () => {
    const cookie = await login();
    const id = "ops-log-check-1";
    const response = await fetch(`${BASE}/api/instances/${INSTANCE}/log?details=1`, {
      headers: { cookie, "X-Request-Id": id, Authorization: "Bearer should-never-be-logged" },
    });
    expect(response.status).toBe(200);
    const line = await waitFor("the request's log line", async () =>
      stdout.split("\n").find((candidate) => candidate.includes(`"request_id":"${id}"`)),
    );
    const entry = JSON.parse(line) as Record<string, unknown>;
    expect(entry).toMatchObject({
      msg: "request",
      request_id: id,
      method: "GET",
      route: "/api/instances/[id]/log",
      status: 200,
      user_id: "demo",
      project_id: "demo",
    });
    expect(entry.duration_ms).toEqual(expect.any(Number));
    expect(Date.parse(entry.time as string)).not.toBeNaN();
    const lines = stdout.split("\n").filter((candidate) => candidate.startsWith('{"time"'));
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const candidate of lines) JSON.parse(candidate); // every line is JSON on its own
    const all = lines.join("\n");
    expect(all).not.toContain(PASSWORD);
    expect(all).not.toContain(cookie.split("=")[1]!.slice(0, 40));
    expect(all).not.toContain("should-never-be-logged");
    expect(all).not.toContain("details=1"); // the route, never the query (search terms live there)
  });

  test("SIGTERM to npm start: a download in flight completes byte-exact, new connections are refused, nothing is left", async () => {
    const cookie = await login();
    const publish = await fetch(`${BASE}/api/instances/${INSTANCE}/log`, {
      method: "POST",
      headers: { cookie, "Content-Type": "application/json" },
      body: JSON.stringify({ name: "general", publish: 1 }),
    });
    expect(publish.status).toBe(200);

    // A slow client: the download is paused after its first bytes, so it is still running at the signal.
    const hash = createHash("sha256");
    let received = 0;
    const response = await new Promise<http.IncomingMessage>((resolve, reject) => {
      const request = http.get(`${BASE}/api/instances/${INSTANCE}/log/general/download`, {
        headers: { cookie },
      });
      request.on("error", reject);
      request.on("response", (answer) => {
        answer.on("data", (chunk: Buffer) => {
          hash.update(chunk);
          received += chunk.length;
        });
        answer.once("data", () => {
          answer.pause();
          resolve(answer);
        });
      });
    });
    expect(response.statusCode).toBe(200);
    const complete = new Promise<void>((resolve, reject) => {
      response.on("end", resolve);
      response.on("error", reject);
      response.on("aborted", () => reject(new Error("the download was cut")));
    });

    const exited = new Promise<number | null>((resolve) => server.on("exit", (code) => resolve(code)));
    process.kill(server.pid!, "SIGTERM"); // npm itself, as a supervisor or `kill %1` would

    // New connections are refused while the download is still going.
    await waitFor(
      "the listener closing",
      async () => {
        const refused = await new Promise<boolean>((resolve) => {
          const socket = net.connect(PORT, "127.0.0.1");
          socket.once("connect", () => (socket.destroy(), resolve(false)));
          socket.once("error", (error: NodeJS.ErrnoException) => resolve(error.code === "ECONNREFUSED"));
        });
        return refused ? true : undefined;
      },
      20_000,
    );
    expect(received).toBeLessThan(readFileSync(logFile).length);

    // The client reads on: every byte arrives, exactly the source's.
    response.resume();
    await complete;
    const source = readFileSync(logFile);
    expect(received).toBe(source.length);
    expect(hash.digest("hex")).toBe(createHash("sha256").update(source).digest("hex"));

    expect(await exited).toBe(0);
    expect(stdout).toMatch(/SIGTERM: finishing requests and publishes in flight/);
    // Nothing of the process group is left (npm, start.mjs, the server), and the port is free.
    await waitFor(
      "the process group to be gone",
      async () => {
        try {
          process.kill(-server.pid!, 0);
          return undefined;
        } catch {
          return true;
        }
      },
      10_000,
    );
    await new Promise<void>((resolve, reject) => {
      const probe = net.createServer().once("error", reject);
      probe.listen(PORT, "127.0.0.1", () => probe.close(() => resolve()));
    });
  });
});
