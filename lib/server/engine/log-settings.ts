import "server-only";
import { readFileSync, statSync } from "node:fs";
import { writePrivateFile } from "@/lib/server/auth/private-file";
import { z } from "zod";

const settingSchema = z.object({ enabled: z.boolean(), restart_pending: z.boolean().default(false) });
const fileSchema = z.record(z.string(), z.record(z.string(), settingSchema));

export interface LogSetting {
  enabled: boolean;
  /** The toggle waits for a datastore restart (the datastore still logs as before until then). */
  restartPending: boolean;
}

/**
 * Which USER logs are switched on, kept in the data directory so the datastore's logging
 * configuration survives restarts of the dashboard (as it survives guest agent restarts in Trove).
 */
export class LogSettings {
  private settings: z.infer<typeof fileSchema>;
  /** The file as last read or written (inode, size, mtime): re-read when another replica rewrote it. */
  private version: string;

  constructor(private readonly path: string) {
    this.version = LogSettings.versionOf(path);
    this.settings = LogSettings.load(path);
  }

  /**
   * Replicas sharing one data directory switch logs through the same file: a change is seen by the
   * next read of every replica, keyed by the file's identity (its rename makes a new inode), not by time.
   */
  private current(): z.infer<typeof fileSchema> {
    const version = LogSettings.versionOf(this.path);
    if (version !== this.version) {
      this.version = version;
      this.settings = LogSettings.load(this.path);
    }
    return this.settings;
  }

  private static versionOf(path: string): string {
    try {
      const info = statSync(path, { bigint: true });
      return `${info.ino}:${info.size}:${info.mtimeNs}`;
    } catch {
      return "absent";
    }
  }

  private static load(path: string): z.infer<typeof fileSchema> {
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return {};
      throw error;
    }
    const parsed = fileSchema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(`${path} is not a valid log settings file: ${parsed.error.message}`);
    return parsed.data;
  }

  get(instanceId: string, logName: string): LogSetting | undefined {
    const stored = this.current()[instanceId]?.[logName];
    return stored && { enabled: stored.enabled, restartPending: stored.restart_pending };
  }

  set(instanceId: string, logName: string, setting: LogSetting): void {
    this.current(); // on top of what other replicas wrote
    this.settings[instanceId] = {
      ...this.settings[instanceId],
      [logName]: { enabled: setting.enabled, restart_pending: setting.restartPending },
    };
    this.save();
  }

  /** Written whole to a temporary file and renamed over the old one: never half written (0600, in a 0700 dir). */
  private save(): void {
    writePrivateFile(this.path, JSON.stringify(this.settings, null, 2));
    this.version = LogSettings.versionOf(this.path);
  }
}
