import { Agent, request } from "node:http";
import { now } from "../lib/stats";

/** One answer: its status (0 = a network error), body and time in ms. */
export interface Answer {
  status: number;
  body: string;
  ms: number;
  error?: string;
}

/**
 * A plain keep-alive HTTP/1.1 client (node:http, cheaper per request than fetch: the load generator
 * shares the machine's two cores with what it measures). Cookies are the signed-in member's.
 */
export class HttpClient {
  readonly agent: Agent;

  constructor(
    private readonly base: string,
    private cookie = "",
    sockets = 16,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets: sockets });
  }

  send(method: "GET" | "POST", path: string, json?: unknown): Promise<Answer> {
    const started = now();
    const payload = json === undefined ? undefined : JSON.stringify(json);
    return new Promise((resolve) => {
      const headers: Record<string, string> = {};
      if (this.cookie) headers.cookie = this.cookie;
      if (payload) headers["content-type"] = "application/json";
      const outgoing = request(`${this.base}${path}`, { method, agent: this.agent, headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            body: Buffer.concat(chunks).toString("utf8"),
            ms: now() - started,
          }),
        );
        response.on("error", (error) =>
          resolve({ status: 0, body: "", ms: now() - started, error: error.message }),
        );
      });
      outgoing.on("error", (error) =>
        resolve({ status: 0, body: "", ms: now() - started, error: error.message }),
      );
      outgoing.end(payload);
    });
  }

  /** Signs in (POST /api/auth/login) and keeps the session cookie for every later request. */
  async login(username: string, password: string): Promise<void> {
    const answer = await new Promise<{ status: number; cookies: string[] }>((resolve, reject) => {
      const outgoing = request(
        `${this.base}/api/auth/login`,
        { method: "POST", agent: this.agent, headers: { "content-type": "application/json" } },
        (response) => {
          response.resume();
          response.on("end", () =>
            resolve({ status: response.statusCode ?? 0, cookies: response.headers["set-cookie"] ?? [] }),
          );
        },
      );
      outgoing.on("error", reject);
      outgoing.end(JSON.stringify({ username, password }));
    });
    if (answer.status !== 200) throw new Error(`login as ${username}: HTTP ${answer.status}`);
    this.cookie = answer.cookies.map((cookie) => cookie.split(";")[0]).join("; ");
  }

  close(): void {
    this.agent.destroy();
  }
}
