import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../lib/repo-root";
import type { Env } from "../lib/run-command";
import { say } from "../lib/stats";

/** Where scripts/services keeps the running Keystone and Swift (their state, logs and env files). */
export const SERVICES_DIR = process.env.TROVE_LOGS_SERVICES_DIR || "/tmp/trove-logs-services";

export type ServiceScript = "keystone.sh" | "swift.sh";

const service = (script: ServiceScript, verb: string, env?: Env) =>
  spawnSync("bash", [join(REPO_ROOT, "scripts/services", script), verb], {
    env: (env ?? process.env) as NodeJS.ProcessEnv,
    encoding: "utf8",
  });

/**
 * Starts a service unless it already runs. Returns true when this run started it, so that it is stopped
 * at the end again (and a service someone else runs is left alone).
 */
export function startUnlessRunning(script: ServiceScript, env: Env, announcement: string): boolean {
  if (service(script, "status").status === 0) return false;
  say(announcement);
  const started = service(script, "start", env);
  if (started.status !== 0) throw new Error(`${script} start failed:\n${started.stderr}`);
  return true;
}

export function stopService(script: ServiceScript): void {
  service(script, "stop");
}

/** The pid a service script recorded for one of its processes (`<service>/pids/<name>.pid`), when it runs. */
export function servicePid(service: string, name: string): number | undefined {
  try {
    const recorded = readFileSync(join(SERVICES_DIR, service, "pids", `${name}.pid`), "utf8");
    const pid = Number(recorded.trim().split(/\s+/)[0]);
    return Number.isInteger(pid) && existsSync(`/proc/${pid}`) ? pid : undefined;
  } catch {
    return undefined;
  }
}
