import "server-only";
import { spawn } from "node:child_process";
import { DatastoreError } from "./datastore-control";

const OUTPUT_LIMIT = 4096;

/**
 * Runs the configured restart command (argv, no shell) and resolves when it exits 0. Ends when the
 * process exits, not when its output closes: a daemon it leaves behind may hold the pipes open. A
 * command that overruns `timeoutMs` is killed.
 */
export function runRestartCommand(argv: string[], timeoutMs: number): Promise<void> {
  const [command, ...args] = argv;
  if (!command) return Promise.reject(new DatastoreError("not_configured", "The restart_command is empty."));
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], detached: false });
    let output = "";
    const collect = (chunk: Buffer) => {
      if (output.length < OUTPUT_LIMIT) output += chunk.toString("utf8");
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      finish(
        new DatastoreError("restart", `The restart command did not finish within ${timeoutMs / 1000} s.`),
      );
    }, timeoutMs);
    let settled = false;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.stdout.destroy();
      child.stderr.destroy();
      if (error) reject(error);
      else resolve();
    };
    // The command's name and output (paths, the server's own words) go to the detail, not the message.
    child.on("error", (error) => {
      const code = (error as NodeJS.ErrnoException).code ?? "error";
      finish(
        new DatastoreError(
          "restart",
          `Cannot run the restart_command (${code}).`,
          `${command}: ${error.message}`,
        ),
      );
    });
    child.on("exit", (code, signal) => {
      if (code === 0) return finish();
      const said = output.trim().split("\n").slice(-3).join(" ").trim();
      finish(
        new DatastoreError(
          "restart",
          `The restart_command failed (${signal ? `signal ${signal}` : `exit status ${code}`}).`,
          `${argv.join(" ")}${said ? `: ${said}` : ""}`,
        ),
      );
    });
  });
}

/** Retries `probe` until it succeeds or `timeoutMs` has passed (the server coming back after a restart). */
export async function waitUntilReachable(probe: () => Promise<void>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await probe();
      return;
    } catch (error) {
      if (Date.now() >= deadline) throw error;
      await new Promise((done) => setTimeout(done, 200));
    }
  }
}
