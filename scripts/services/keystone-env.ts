// What `scripts/services/keystone.sh start` left for tests: the run directory's keystone.env
// (URL, passwords, project ids), and a check that Keystone really answers. Plain Node: used by
// playwright.config.ts, Playwright specs and vitest integration tests alike.
import { readFileSync } from "node:fs";
import { join } from "node:path";

export interface KeystoneTestEnv {
  runDir: string;
  /** `http://127.0.0.1:5000/v3` */
  url: string;
  passwords: { admin: string; demo: string; ops: string; swift: string; service: string };
  projects: { admin: string; demo: string; ops: string; service: string };
  service: { user: string; project: string };
  /** Every variable of keystone.env, for a server's environment. */
  vars: Record<string, string>;
}

export const keystoneRunDir = () =>
  join(process.env.TROVE_LOGS_SERVICES_DIR || "/tmp/trove-logs-services", "keystone");

const HOW_TO_START = "start it with `bash scripts/services/keystone.sh start` (`npm test` does)";

/** keystone.env as written by the last `keystone.sh start`, or undefined when there is none. */
export function readKeystoneEnv(runDir = keystoneRunDir()): KeystoneTestEnv | undefined {
  let text: string;
  try {
    text = readFileSync(join(runDir, "keystone.env"), "utf8");
  } catch {
    return undefined;
  }
  const vars: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const match = /^export ([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (match) vars[match[1]!] = match[2]!;
  }
  const need = (name: string) => {
    const value = vars[name];
    if (!value) throw new Error(`${join(runDir, "keystone.env")} has no ${name}: ${HOW_TO_START} again`);
    return value;
  };
  return {
    runDir,
    url: need("TROVE_LOGS_KEYSTONE_URL"),
    passwords: {
      admin: need("KEYSTONE_ADMIN_PASSWORD"),
      demo: need("KEYSTONE_DEMO_PASSWORD"),
      ops: need("KEYSTONE_OPS_PASSWORD"),
      swift: need("KEYSTONE_SWIFT_PASSWORD"),
      service: need("TROVE_LOGS_SERVICE_PASSWORD"),
    },
    projects: {
      admin: need("KEYSTONE_ADMIN_PROJECT_ID"),
      demo: need("KEYSTONE_DEMO_PROJECT_ID"),
      ops: need("KEYSTONE_OPS_PROJECT_ID"),
      service: need("KEYSTONE_SERVICE_PROJECT_ID"),
    },
    service: { user: need("TROVE_LOGS_SERVICE_USER"), project: need("TROVE_LOGS_SERVICE_PROJECT") },
    vars,
  };
}

/** The running Keystone's settings; throws, saying how to start it, when it is not there. */
export async function requireKeystone(): Promise<KeystoneTestEnv> {
  const settings = readKeystoneEnv();
  if (!settings) {
    throw new Error(
      `Keystone was never started here (no ${join(keystoneRunDir(), "keystone.env")}): ${HOW_TO_START}.`,
    );
  }
  try {
    const response = await fetch(settings.url, { signal: AbortSignal.timeout(5_000) });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
  } catch (error) {
    throw new Error(
      `Keystone does not answer at ${settings.url} (${(error as Error).message}): ${HOW_TO_START}.`,
    );
  }
  return settings;
}
