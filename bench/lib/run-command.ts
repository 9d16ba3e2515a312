import { spawn } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import { createReadStream, existsSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { now } from "./stats";

/** A child's environment (NodeJS.ProcessEnv would demand NODE_ENV, which the children must not get). */
export type Env = Record<string, string | undefined>;

/**
 * A bare environment for a peer's command-line tool: the system PATH, and HOME at `home` (the run's
 * scratch directory), so that what the tool keeps in HOME goes away with the run.
 */
export const toolEnv = (home: string): Env => ({ PATH: "/usr/bin:/bin", HOME: home, LANG: "C.UTF-8" });

export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
  seconds: number;
  /** Peak RSS of the command (KiB), when run under /usr/bin/time. */
  peakKib?: number;
}

export interface RunOptions {
  env?: Env;
  cwd?: string;
  /** Run under /usr/bin/time to learn the command's peak RSS. */
  timeRss?: boolean;
  /** Reject when the command exits non-zero (the default). */
  check?: boolean;
}

/** Runs a command to completion (no shell); times the whole process. */
export function run(command: string, argv: string[], options: RunOptions = {}): Promise<Ran> {
  // /usr/bin/time writes its figure to a file, so that the command's own stderr stays untouched.
  const timeFile = options.timeRss ? join(tmpdir(), `time-${randomUUID()}.txt`) : undefined;
  const [cmd, cmdArgs] = timeFile
    ? ["/usr/bin/time", ["-f", "%M", "-o", timeFile, command, ...argv]]
    : [command, argv];
  return new Promise((resolve, reject) => {
    const started = now();
    const child = spawn(cmd, cmdArgs, {
      env: (options.env ?? process.env) as NodeJS.ProcessEnv,
      cwd: options.cwd,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      if (stdout.length < 1_000_000) stdout += chunk.toString("utf8");
    });
    child.stderr.on("data", (chunk: Buffer) => {
      if (stderr.length < 100_000) stderr += chunk.toString("utf8");
    });
    child.on("error", reject);
    child.on("close", (code) => {
      const seconds = (now() - started) / 1000;
      let peakKib: number | undefined;
      if (timeFile && existsSync(timeFile)) {
        peakKib = Number(readFileSync(timeFile, "utf8").trim().split("\n").pop());
        rmSync(timeFile, { force: true });
      }
      const ran = { code: code ?? -1, stdout, stderr, seconds, peakKib };
      if (options.check !== false && ran.code !== 0) {
        reject(new Error(`${command} ${argv.join(" ")} exited ${ran.code}: ${stderr.slice(-2000)}`));
      } else resolve(ran);
    });
  });
}

export function sha256File(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash("sha256");
    createReadStream(path, { highWaterMark: 1 << 20 })
      .on("data", (chunk) => hash.update(chunk))
      .on("end", () => resolve(hash.digest("hex")))
      .on("error", reject);
  });
}

/** The `export KEY=value` lines of a shell script's text (as the service scripts write them), quotes removed. */
export function parseEnvText(text: string): Record<string, string> {
  const pairs = [...text.matchAll(/^export (\w+)=(.*)$/gm)];
  return Object.fromEntries(pairs.map(([, key, value]) => [key!, value!.replace(/^"(.*)"$/, "$1")]));
}

/** parseEnvText of a file. */
export const parseEnvFile = (path: string) => parseEnvText(readFileSync(path, "utf8"));
