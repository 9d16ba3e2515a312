// Replicas of the built app (Keystone sign-in, Swift, memcached) behind Debian's haproxy
// (scripts/services/haproxy.sh) on loopback: started, stopped and restarted one by one. Plain Node:
// the replicas spec (e2e/fixtures/replicas.ts) and bench/replicas.ts both use it.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { KeystoneTestEnv } from "./keystone-env";
import { replicaEnv } from "./replica-config";

export interface ReplicaSetOptions {
  /** The checkout whose build the replicas run. */
  root: string;
  keystone: KeystoneTestEnv;
  /** haproxy listens here; replica n (1-based) on haproxyPort + n. */
  haproxyPort: number;
  /** How many replicas (default 3). */
  count?: number;
  /** More settings for every replica (they win over the defaults). */
  env?: Record<string, string>;
}

export interface Replica {
  name: string;
  url: string;
}

export interface ReplicaSet {
  url: string;
  dir: string;
  instanceId: string;
  logFile: string;
  replicas: Replica[];
  /** SIGKILL to the replica's process group (scripts/start.mjs and the server). */
  kill(index: number): Promise<void>;
  /** SIGTERM to `npm start`'s process, as an operator stops it; resolves with its exit code. */
  terminate(index: number): Promise<number | null>;
  /** Starts the replica again and waits for its /readyz 200. */
  restart(index: number): Promise<void>;
  /** The pid of the replica's server (the node process serving, below scripts/start.mjs). */
  serverPid(index: number): number | undefined;
  /** The pid of the replica's `npm start` process (scripts/start.mjs). */
  wrapperPid(index: number): number | undefined;
  /** The pid of haproxy. */
  haproxyPid(): number | undefined;
  stop(): Promise<void>;
}

/** Waits until `url` answers 200 (a replica's /readyz: Keystone, Swift and memcached reachable). */
export async function answers(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} does not answer 200`);
    await new Promise((done) => setTimeout(done, 250));
  }
}

/** The children of a process (from /proc). */
function childrenOf(pid: number): number[] {
  const found: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === pid) found.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

export async function startReplicaSet(options: ReplicaSetOptions): Promise<ReplicaSet> {
  const { root, keystone, haproxyPort, count = 3 } = options;
  const memcached = process.env.TROVE_LOGS_TEST_MEMCACHED;
  if (!memcached)
    throw new Error("TROVE_LOGS_TEST_MEMCACHED is unset: bash scripts/services/memcached.sh start");
  const dir = mkdtempSync(join(tmpdir(), "trove-logs-replicas-"));
  const instanceId = randomUUID(); // a fresh prefix in the demo project's Swift account
  const logFile = join(dir, "logs", "general.log");
  mkdirSync(join(dir, "logs"));
  writeFileSync(logFile, "");
  const common = {
    ...replicaEnv({ dir, keystone, memcached, instanceId, logFile }),
    ...options.env,
  };
  const replicas = Array.from({ length: count }, (_, i) => ({
    name: `replica-${i + 1}`,
    port: haproxyPort + i + 1,
    url: `http://127.0.0.1:${haproxyPort + i + 1}`,
  }));
  const children: Array<ChildProcess | undefined> = [];
  const exited = (child: ChildProcess) =>
    child.exitCode !== null || child.signalCode !== null
      ? Promise.resolve(child.exitCode)
      : new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
  const launch = async (index: number) => {
    const replica = replicas[index]!;
    // Its own process group: a kill takes scripts/start.mjs and the server it runs. Its output (the
    // request log) goes to a file in the run's directory.
    const out = openSync(join(dir, `${replica.name}.log`), "a");
    const child = spawn(process.execPath, ["scripts/start.mjs"], {
      cwd: root,
      detached: true,
      stdio: ["ignore", out, out],
      env: { ...common, PORT: String(replica.port), TROVE_LOGS_REPLICA_NAME: replica.name },
    });
    children[index] = child;
    await answers(`${replica.url}/readyz`, 180_000);
  };
  const kill = async (index: number) => {
    const child = children[index];
    if (!child?.pid) return;
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      // already gone
    }
    await exited(child);
    children[index] = undefined;
  };
  const terminate = async (index: number) => {
    const child = children[index];
    if (!child?.pid) return null;
    child.kill("SIGTERM");
    const code = await exited(child);
    children[index] = undefined;
    return code;
  };
  const haproxyEnv = {
    ...process.env,
    HAPROXY_PORT: String(haproxyPort),
    HAPROXY_BACKENDS: replicas.map((replica) => `127.0.0.1:${replica.port}`).join(","),
  };
  const haproxy = (command: string) =>
    spawnSync("bash", ["scripts/services/haproxy.sh", command], {
      cwd: root,
      encoding: "utf8",
      env: haproxyEnv,
    });
  const set: ReplicaSet = {
    url: `http://127.0.0.1:${haproxyPort}`,
    dir,
    instanceId,
    logFile,
    replicas,
    kill,
    terminate,
    restart: launch,
    wrapperPid: (index) => children[index]?.pid,
    serverPid: (index) => {
      const pid = children[index]?.pid;
      if (!pid) return undefined;
      return childrenOf(pid).find((child) =>
        readFileSync(`/proc/${child}/cmdline`, "utf8").includes("trove-logs-server.mjs"),
      );
    },
    haproxyPid: () => {
      const runDir = join(
        process.env.TROVE_LOGS_SERVICES_DIR || "/tmp/trove-logs-services",
        `haproxy-${haproxyPort}`,
      );
      try {
        return Number(readFileSync(join(runDir, "pids", "haproxy.pid"), "utf8").split(" ")[0]) || undefined;
      } catch {
        return undefined;
      }
    },
    stop: async () => {
      for (let index = 0; index < replicas.length; index++) await kill(index);
      haproxy("stop");
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await Promise.all(replicas.map((_, index) => launch(index)));
    const started = haproxy("start");
    if (started.status !== 0) throw new Error(`haproxy: ${started.stderr}`);
    await answers(`${set.url}/readyz`, 10_000);
    // Every replica is in the rotation (health checks every 500 ms).
    await new Promise((done) => setTimeout(done, 1500));
  } catch (error) {
    await set.stop();
    throw error;
  }
  return set;
}
