import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { cpuSeconds } from "../lib/process-watch";
import type { Env } from "../lib/run-command";
import { now, sleep } from "../lib/stats";
import { AppClient, startApp, type App } from "../openstack/app-server";
import { flood, type Flood } from "./flood";

/** A server of the login-flood benchmark: started with a published log, a member signed in. */

const INSTANCE = "be0c0000-0000-4000-8000-000000000001";
const PASSWORD = "bench-demo-password";
export const CLIENTS = 32;
const WRONG_LOGIN: RequestInit = {
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ username: "demo", password: "wrong" }),
};

export interface Setting {
  name: string;
  root: string;
  env: Env;
  /** Also measured under a flood of the cheapest public request. */
  reference?: boolean;
}

/** Tails under one kind of flood, over all rounds. */
export interface Flooded {
  tails: number[];
  /** The flood's answers by status. */
  statuses: Record<string, number>;
  seconds: number;
  /** The server's CPU time meanwhile. */
  cpuSeconds: number;
}

const flooded = (): Flooded => ({ tails: [], statuses: {}, seconds: 0, cpuSeconds: 0 });

export function writeConfig(scratch: string): string {
  const logFile = join(scratch, "logs", "general.log");
  mkdirSync(join(scratch, "logs"), { recursive: true });
  const lines = Array.from(
    { length: 100_000 },
    (_, i) =>
      `2026-11-25T10:00:00.${String(i).padStart(6, "0")}Z\t${i % 97} Query\tSELECT * FROM orders WHERE id = ${i}\n`,
  );
  writeFileSync(logFile, lines.join(""));
  const config = join(scratch, "trove-logs.json");
  const instance = {
    id: INSTANCE,
    name: "bench-mysql",
    project_id: "demo",
    datastore: { type: "mysql", version: "8.0" },
    logs: { general: { file: logFile } },
  };
  writeFileSync(config, JSON.stringify({ instances: [instance] }));
  return config;
}

export class Server {
  readonly client: AppClient;
  app: App | undefined;
  cookie = "";
  /** What the server went through, over all rounds. */
  readonly tally = { alone: [] as number[], logins: flooded(), reference: flooded() };

  constructor(
    readonly setting: Setting,
    port: number,
    /** Seconds of each measuring window. */
    private readonly seconds: number,
  ) {
    this.client = new AppClient(port);
  }

  async start(config: string, dataDir: string): Promise<void> {
    const env: Env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      LANG: "C.UTF-8",
      NEXT_TELEMETRY_DISABLED: "1",
      HOSTNAME: "127.0.0.1",
      TROVE_LOGS_HOST: "127.0.0.1",
      PORT: String(this.client.port),
      TROVE_LOGS_CONFIG: config,
      TROVE_LOGS_DATA_DIR: dataDir,
      TROVE_LOGS_DEMO_PASSWORD: PASSWORD,
      ...this.setting.env,
    };
    this.app = await startApp(this.client, env, this.setting.root);
    this.cookie = await this.client.login("demo", PASSWORD, "demo");
    for (const body of [{ enable: 1 }, { publish: 1 }]) {
      await this.client.expectOk("log action", "POST", `/api/instances/${INSTANCE}/log`, {
        json: { name: "general", ...body },
        cookie: this.cookie,
      });
    }
    await this.tails(2); // warm-up
  }

  /** Tails one after another for `windowSeconds` (at least 5); each one's milliseconds. */
  async tails(windowSeconds: number): Promise<number[]> {
    const times: number[] = [];
    const until = now() + windowSeconds * 1000;
    while (now() < until || times.length < 5) {
      const started = now();
      const answer = await this.client.request(
        "GET",
        `/api/instances/${INSTANCE}/log/general/tail?lines=50`,
        { cookie: this.cookie },
      );
      if (answer.status !== 200) throw new Error(`tail: HTTP ${answer.status} ${answer.body.toString()}`);
      times.push(now() - started);
    }
    return times;
  }

  /** Tails while `load` floods the server, into `tally` with the flood's answers and the server's CPU. */
  async under(load: Flood, tally: Flooded): Promise<void> {
    const cpuBefore = cpuSeconds(this.app!.serverPid);
    const started = now();
    await sleep(1_000); // the flood under way before the first tail
    tally.tails.push(...(await this.tails(this.seconds)));
    for (const [status, count] of Object.entries(await load.stop())) {
      tally.statuses[status] = (tally.statuses[status] ?? 0) + count;
    }
    tally.seconds += (now() - started) / 1000;
    tally.cpuSeconds += cpuSeconds(this.app!.serverPid) - cpuBefore;
  }

  async round(): Promise<void> {
    this.tally.alone.push(...(await this.tails(this.seconds)));
    await this.under(flood(this.client.url("/api/auth/login"), WRONG_LOGIN, CLIENTS), this.tally.logins);
    if (this.setting.reference) {
      await this.under(flood(this.client.url("/api/auth/config"), {}, CLIENTS), this.tally.reference);
    }
  }
}
