import "server-only";
import { spawn } from "node:child_process";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";

const ROOT = resolve(__dirname, "../../..");

/**
 * Runs a TypeScript child (through vite-node, so `@/` imports and the server-only alias work),
 * waits until it has printed `signal` `killAfter` times (then `delayMs` more), and SIGKILLs it:
 * the crash tests' way of dying at a chosen moment. Returns the lines seen and how it exited.
 */
export async function runAndKill(options: {
  script: string;
  env: Record<string, string>;
  signal: string;
  killAfter: number;
  delayMs?: number;
}): Promise<{ seen: number; exitSignal: NodeJS.Signals | null; stderr: string }> {
  const child = spawn(
    process.execPath,
    [join(ROOT, "node_modules/vite-node/vite-node.mjs"), "--config", "vitest.config.mts", options.script],
    { cwd: ROOT, env: { ...process.env, ...options.env }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let stderr = "";
  child.stderr.on("data", (data) => (stderr += data));
  const exited = new Promise<NodeJS.Signals | null>((done) =>
    child.on("exit", (_code, signal) => done(signal)),
  );
  let seen = 0;
  for await (const line of createInterface({ input: child.stdout })) {
    if (line === options.signal && ++seen === options.killAfter) break;
  }
  await new Promise((done) => setTimeout(done, options.delayMs ?? 0));
  child.kill("SIGKILL");
  return { seen, exitSignal: await exited, stderr };
}
