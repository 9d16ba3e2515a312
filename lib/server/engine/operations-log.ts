import "server-only";
import { appendFile } from "node:fs/promises";
import { dirname } from "node:path";
import { makePrivateDir, PRIVATE_FILE_MODE } from "@/lib/server/private-paths";

export type OperationLevel = "INFO" | "WARNING" | "ERROR";

const pad = (value: number, width = 2) => String(value).padStart(width, "0");

/** oslo.log's asctime with milliseconds, UTC: `2026-11-25 14:03:12.123`. */
function timestamp(millis: number): string {
  const at = new Date(millis);
  return (
    `${at.getUTCFullYear()}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())} ` +
    `${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())}.${pad(at.getUTCMilliseconds(), 3)}`
  );
}

/**
 * The `guest` log of an instance backed by a real server: what Trove Logs did for it (switches,
 * publishes, discards, restarts) and every failure, one line each in the guest agent's format.
 * Lines are appended in order; a line that cannot be written is reported once and dropped: the
 * operation it describes goes on.
 */
export class OperationsLog {
  private tail: Promise<void> = Promise.resolve();
  private warned = false;

  constructor(
    readonly file: string,
    private readonly nowMillis: () => number = Date.now,
  ) {}

  write(level: OperationLevel, message: string): Promise<void> {
    const line = `${timestamp(this.nowMillis())} ${process.pid} ${level} trove_logs.guest_log [-] ${message.replace(/\n/g, " ")}\n`;
    this.tail = this.tail.then(async () => {
      try {
        await makePrivateDir(dirname(this.file));
        await appendFile(this.file, line, { mode: PRIVATE_FILE_MODE });
      } catch (error) {
        if (!this.warned) console.warn(`[trove-logs] cannot write ${this.file}: ${(error as Error).message}`);
        this.warned = true;
      }
    });
    return this.tail;
  }

  /** Resolves once every line written so far is in the file. */
  settled(): Promise<void> {
    return this.tail;
  }

  info = (message: string) => this.write("INFO", message);
  warning = (message: string) => this.write("WARNING", message);
  error = (message: string) => this.write("ERROR", message);
}
