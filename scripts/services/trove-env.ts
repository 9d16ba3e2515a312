// What `scripts/services/trove.sh start` left for tests: where Debian's real Trove 18 answers, the seeded
// instances, the guest database's test account (TROVE_LOGS_TEST_TROVE_* variables, else the run
// directory's env file), a check that it really answers, and its control commands (expose, stop-part).
// Plain Node: used by vitest integration tests, playwright.config.ts and Playwright specs alike.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";

export interface RealTroveEnv {
  /** Keystone region whose `database` endpoint is this Trove: `RegionTrove`. */
  region: string;
  /** `http://127.0.0.1:8779` (no `/v1.0`). */
  url: string;
  /** Instance "demo-db", owned by project demo, with a live guest agent. */
  instance: string;
  /** Instance "ops-db", owned by project ops, with a live guest agent. */
  otherInstance: string;
  /** The datastore manager in object names (`<id>/<datastore>-<log>/…`): `mariadb`. */
  datastore: string;
  datastoreVersion: string;
  /** The guest MariaDB of `instance`, reachable from the host (account limited to `trove_logs_test`). */
  guestSql: { host: string; port: number; user: string; password: string };
  otherGuestSqlPort: number;
  /** Shell words that run trove.sh, e.g. `bash /…/scripts/services/trove.sh`. */
  control: string;
}

export const troveRunDir = () =>
  join(process.env.TROVE_LOGS_SERVICES_DIR || "/tmp/trove-logs-services", "trove");

const HOW_TO_START =
  "start it with `bash scripts/services/trove.sh start` after keystone.sh and swift.sh (`npm test` does)";

function envFile(): Record<string, string> {
  let text = "";
  try {
    text = readFileSync(join(troveRunDir(), "env"), "utf8");
  } catch {
    return {};
  }
  const vars: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const match = /^export (TROVE_LOGS_TEST_TROVE_[A-Z_]+)=(.*)$/.exec(line.trim());
    if (match) vars[match[1]!] = match[2]!.replace(/^"(.*)"$/, "$1");
  }
  return vars;
}

/** The settings of the running real Trove, or undefined when it was never started here. */
export function readTroveEnv(): RealTroveEnv | undefined {
  const file = envFile();
  const get = (name: string) =>
    process.env[`TROVE_LOGS_TEST_TROVE_${name}`] || file[`TROVE_LOGS_TEST_TROVE_${name}`];
  const url = get("URL");
  if (!url) return undefined;
  const need = (name: string) => {
    const value = get(name);
    if (!value) throw new Error(`TROVE_LOGS_TEST_TROVE_${name} is missing: ${HOW_TO_START} again`);
    return value;
  };
  return {
    region: need("REGION"),
    url,
    instance: need("INSTANCE"),
    otherInstance: need("OTHER_INSTANCE"),
    datastore: need("DATASTORE"),
    datastoreVersion: need("DATASTORE_VERSION"),
    guestSql: {
      host: "127.0.0.1",
      port: Number(need("GUEST_SQL_PORT")),
      user: need("GUEST_SQL_USER"),
      password: need("GUEST_SQL_PASSWORD"),
    },
    otherGuestSqlPort: Number(need("OTHER_GUEST_SQL_PORT")),
    control: need("CONTROL"),
  };
}

/** The running real Trove's settings; throws, saying how to start it, when it does not answer. */
export async function requireRealTrove(): Promise<RealTroveEnv> {
  const settings = readTroveEnv();
  if (!settings) {
    throw new Error(
      `The real Trove was never started here (no ${join(troveRunDir(), "env")}): ${HOW_TO_START}.`,
    );
  }
  try {
    const response = await fetch(`${settings.url}/`, { signal: AbortSignal.timeout(5_000) });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
  } catch (error) {
    throw new Error(
      `The real Trove does not answer at ${settings.url} (${(error as Error).message}): ${HOW_TO_START}.`,
    );
  }
  return settings;
}

/**
 * Runs `trove.sh <args>`: `expose guest,error` / `expose default` (restarts only the guest agents and
 * returns once they answer), `stop-part api|conductor|rabbitmq|guest`, `start` (brings back what is down).
 */
export async function troveControl(settings: RealTroveEnv, ...args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(
    "bash",
    ["-c", `${settings.control} "$@"`, "trove.sh", ...args],
    {
      timeout: 180_000,
    },
  );
  return stdout;
}
