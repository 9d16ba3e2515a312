import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import http from "node:http";
import { descendants } from "../lib/process-watch";
import { REPO_ROOT } from "../lib/repo-root";
import type { Env } from "../lib/run-command";
import { now, sleep } from "../lib/stats";

/** The app under test: started from this checkout with `scripts/start.mjs`, spoken to over HTTP. */

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export interface RequestOptions {
  json?: unknown;
  cookie?: string;
  timeoutMs?: number;
}

/** HTTP to the app on 127.0.0.1:`port`, over a few kept-alive connections. */
export class AppClient {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

  constructor(readonly port: number) {}

  url(path: string) {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  request(method: string, path: string, options: RequestOptions = {}): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const body = options.json === undefined ? undefined : Buffer.from(JSON.stringify(options.json));
      const req = http.request(
        {
          host: "127.0.0.1",
          port: this.port,
          method,
          path,
          agent: this.agent,
          headers: {
            ...(body && { "content-type": "application/json", "content-length": body.length }),
            ...(options.cookie && { cookie: options.cookie }),
          },
        },
        (res) => {
          const parts: Buffer[] = [];
          res.on("data", (chunk: Buffer) => parts.push(chunk));
          res.on("end", () =>
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts) }),
          );
          res.on("error", reject);
        },
      );
      req.on("error", reject);
      if (options.timeoutMs) req.setTimeout(options.timeoutMs, () => req.destroy(new Error("timeout")));
      req.end(body);
    });
  }

  /** The request, or an error naming `what` unless the answer is a 2xx. */
  async expectOk(what: string, method: string, path: string, options: RequestOptions = {}): Promise<Answer> {
    const answer = await this.request(method, path, options);
    if (answer.status < 200 || answer.status >= 300) {
      throw new Error(`${what}: HTTP ${answer.status} ${answer.body.toString("utf8").slice(0, 500)}`);
    }
    return answer;
  }

  /** Signs in through the app's Keystone login; returns the session's Cookie header. */
  async login(username: string, password: string, project: string): Promise<string> {
    const answer = await this.expectOk("login", "POST", "/api/auth/login", {
      json: { username, password, project },
    });
    const cookies = ([] as string[]).concat(answer.headers["set-cookie"] ?? []);
    return cookies.map((cookie) => cookie.split(";")[0]).join("; ");
  }

  close() {
    this.agent.destroy();
  }
}

export interface App {
  child: ChildProcess;
  /** The process that serves (server/main.ts bundled), whose memory and CPU the benchmark watches. */
  serverPid: number;
  output: () => string;
}

/** Starts the app (building it first when needed) from `root` and waits until it answers. */
export async function startApp(client: AppClient, env: Env, root = REPO_ROOT): Promise<App> {
  let output = "";
  // Its own process group, so that stopping it reaches the server too (and nothing else).
  const child = spawn(process.execPath, ["scripts/start.mjs"], {
    cwd: root,
    env: env as NodeJS.ProcessEnv,
    detached: true,
  });
  child.stdout!.on("data", (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
  child.stderr!.on("data", (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
  const deadline = now() + 300_000; // a build may come first
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app exited (${child.exitCode}):\n${output}`);
    const ready = await client.request("GET", "/api/auth/config", { timeoutMs: 2000 }).catch(() => undefined);
    if (ready?.status === 200) break;
    if (now() > deadline) throw new Error(`the app did not answer within 300 s:\n${output}`);
    await sleep(250);
  }
  const tree = descendants(child.pid!);
  // The serving process: our bundled front server, or (an older checkout) Next's own server.
  const cmdline = (pid: number) => readFileSync(`/proc/${pid}/cmdline`, "utf8");
  const serverPid =
    tree.find((pid) => cmdline(pid).includes("trove-logs-server")) ??
    tree.find((pid) => cmdline(pid).includes("next")) ??
    child.pid!;
  return { child, serverPid, output: () => output };
}

/** SIGTERM to the app's process group; SIGKILL when it has not exited within 10 s. */
export async function stopApp(app: App | undefined): Promise<void> {
  if (!app || app.child.exitCode !== null || app.child.signalCode !== null) return;
  const exited = new Promise((done) => app.child.once("exit", done));
  try {
    process.kill(-app.child.pid!, "SIGTERM");
  } catch {
    return;
  }
  await Promise.race([exited, sleep(10_000)]);
  if (app.child.exitCode === null && app.child.signalCode === null) {
    try {
      process.kill(-app.child.pid!, "SIGKILL");
    } catch {
      // gone
    }
  }
}
