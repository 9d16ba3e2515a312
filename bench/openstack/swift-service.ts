import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { run, toolEnv, type Ran, type RunOptions } from "../lib/run-command";
import { keystoneToken, readKeystoneEnv, type KeystoneEnv } from "./keystone";
import { SERVICES_DIR, servicePid } from "./services";

/** The local Swift that swift.sh runs: its processes, its request log, and the demo project's account. */

const SWIFT_RUN = join(SERVICES_DIR, "swift");
const PROXY_LOG = join(SWIFT_RUN, "logs", "proxy.log");

/** The pid of one of Swift's servers ("proxy", "object", …), when it runs. */
export const swiftPid = (name: string) => servicePid("swift", name);

/** Where proxy.log ends now: pass it to swiftLogSince to see what a command asked of Swift. */
export const proxyLogSize = () => {
  try {
    return statSync(PROXY_LOG).size;
  } catch {
    return 0;
  }
};

/** Swift proxy-logging lines appended to proxy.log since `from`: requests and body bytes sent. */
export function swiftLogSince(from: number): { requests: number; bytesSent: number } {
  const text = readFileSync(PROXY_LOG).subarray(from).toString("utf8");
  let requests = 0;
  let bytesSent = 0;
  for (const line of text.split("\n")) {
    // proxy-server: client remote date METHOD path proto status referer agent token recvd sent …
    const match =
      /proxy-server: \S+ \S+ \S+ (GET|HEAD|PUT|POST|DELETE) (\S+) \S+ (\d{3}) \S+ \S+ \S+ (\S+) (\S+)/.exec(
        line,
      );
    if (!match || !match[2]!.startsWith("/v1/")) continue;
    requests += 1;
    bytesSent += Number(match[5]) || 0;
  }
  return { requests, bytesSent };
}

export const swiftPort = (keystone: KeystoneEnv) => Number(keystone.SWIFT_PORT ?? 8080);

/** The demo project's Swift account, reached with one Keystone token on the proxy the app uses too. */
export interface DemoAccount {
  token: string;
  storageUrl: string;
  /** Runs the swift CLI on this account with the token (no re-authentication per thread). */
  swift: (argv: string[], options?: Omit<RunOptions, "env">) => Promise<Ran>;
}

/** `home`: the swift CLI's HOME (the run's scratch directory). */
export async function demoAccount(keystone: KeystoneEnv, home: string): Promise<DemoAccount> {
  const token = await keystoneToken(keystone, "demo", keystone.KEYSTONE_DEMO_PASSWORD!, "demo");
  const storageUrl = `http://127.0.0.1:${keystone.SWIFT_PORT ?? "8080"}/v1/AUTH_${keystone.KEYSTONE_DEMO_PROJECT_ID}`;
  const env = toolEnv(home);
  return {
    token,
    storageUrl,
    swift: (argv, options) =>
      run("/usr/bin/swift", ["--os-auth-token", token, "--os-storage-url", storageUrl, ...argv], {
        ...options,
        env,
      }),
  };
}

/**
 * Deletes the scratch containers a run left behind (it stopped half-way), and the log container when
 * the run created it and left it empty. With a fresh token: the run may have failed before it had one.
 */
export async function removeContainers(home: string, scratch: string[], log?: string) {
  const account = await demoAccount(readKeystoneEnv(), home);
  for (const container of scratch) await account.swift(["delete", container], { check: false });
  if (log) {
    await fetch(`${account.storageUrl}/${log}`, {
      method: "DELETE",
      headers: { "x-auth-token": account.token },
    });
  }
}
