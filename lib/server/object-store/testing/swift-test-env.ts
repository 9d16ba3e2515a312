import "server-only";

import { exec } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";

import { createTempAuth } from "../swift-auth";
import { createSwiftObjectStore, type SwiftObjectStore } from "../swift-store";

const repo = path.resolve(__dirname, "../../../..");
const START_HINT = "start it with `bash scripts/services/swift.sh start` (npm test does this itself)";

/**
 * The settings swift.sh wrote for the Swift it runs (`export NAME=value` lines): with Keystone, tempauth
 * clients belong on the tempauth-only proxy, which the defaults below cannot know.
 */
function startedSettings(): Record<string, string> {
  const dir = process.env.TROVE_LOGS_SERVICES_DIR || "/tmp/trove-logs-services";
  let text = "";
  try {
    text = readFileSync(path.join(dir, "swift", "env"), "utf8");
  } catch {
    return {};
  }
  const pairs = [...text.matchAll(/^export (TROVE_LOGS_TEST_SWIFT_\w+)=(.*)$/gm)];
  return Object.fromEntries(
    pairs.map(([, name, value]) => [name, (value as string).replace(/^"(.*)"$/, "$1")]),
  );
}

const setting = (name: string, fallback: string) =>
  process.env[`TROVE_LOGS_TEST_SWIFT_${name}`] ||
  startedSettings()[`TROVE_LOGS_TEST_SWIFT_${name}`] ||
  fallback;

/** The real Swift the tests use: TROVE_LOGS_TEST_SWIFT_*, else what swift.sh says it started, else its defaults. */
export const swiftTestSettings = {
  authUrl: setting("AUTH_URL", "http://127.0.0.1:8080/auth/v1.0"),
  user: setting("USER", "admin:admin"),
  key: setting("KEY", "admin"),
  storageUrl: setting("STORAGE_URL", "http://127.0.0.1:8080/v1"),
  /** The reseller admin writes into any account; the tests use this one. */
  account: setting("ACCOUNT", "trove-logs-tests"),
  expireCommand: setting("EXPIRE", `bash ${path.join(repo, "scripts/services/swift.sh")} expire`),
};

let probe: Promise<void> | undefined;

/** Throws, saying how to start Swift, unless its /info answers (asked once per test file). */
export function requireSwift(): Promise<void> {
  probe ??= probeSwift();
  return probe;
}

async function probeSwift(): Promise<void> {
  const info = new URL("/info", swiftTestSettings.storageUrl);
  try {
    const response = await fetch(info, { signal: AbortSignal.timeout(5_000) });
    if (response.ok) return;
    throw new Error(`GET ${info} answered ${response.status}`);
  } catch (error) {
    throw new Error(
      `Swift is not reachable at ${info.origin} (${(error as Error).message}); ${START_HINT}. ` +
        "Other endpoints: set TROVE_LOGS_TEST_SWIFT_AUTH_URL, _USER, _KEY and _STORAGE_URL.",
    );
  }
}

export function openTestStore(options: { timeoutMs?: number } = {}): SwiftObjectStore {
  const { authUrl, user, key, storageUrl } = swiftTestSettings;
  return createSwiftObjectStore({ storageUrl, auth: createTempAuth({ authUrl, user, key }), ...options });
}

/** Runs the updaters and the expirer once, so expired objects leave the listings. */
export async function expireNow(): Promise<void> {
  await promisify(exec)(swiftTestSettings.expireCommand, { cwd: repo, timeout: 60_000 });
}
