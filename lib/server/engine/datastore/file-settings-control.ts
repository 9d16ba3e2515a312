import "server-only";
import type { LogDefinition } from "../log-definitions";
import type { LogSettings } from "../log-settings";
import type { DatastoreControl, DatastoreSnapshot, LogState } from "./datastore-control";

/**
 * Logs that are plain files (the demo, file-backed instances): the enabled flags live in the data
 * directory, a toggle of a log that needs a restart waits for the Restart action, and whoever writes
 * the files asks `isLogging` (the demo writers).
 */
export class FileSettingsControl implements DatastoreControl {
  readonly isServer = false;
  readonly description = "the log writer";

  constructor(
    private readonly instanceId: string,
    private readonly settings: LogSettings,
  ) {}

  known(log: LogDefinition): LogState {
    return this.settings.get(this.instanceId, log.name) ?? { enabled: false, restartPending: false };
  }

  async read(logs: LogDefinition[]): Promise<DatastoreSnapshot> {
    const states: Record<string, LogState> = {};
    for (const log of logs) states[log.name] = this.known(log);
    return { logs: states, files: {} };
  }

  async setEnabled(log: LogDefinition, on: boolean): Promise<LogState> {
    const current = this.known(log);
    if (current.enabled === on) return current;
    // Flipping back before the restart cancels the pending change.
    const next = { enabled: on, restartPending: log.restartRequired ? !current.restartPending : false };
    this.settings.set(this.instanceId, log.name, next);
    return next;
  }

  async restart(logs: LogDefinition[]): Promise<boolean> {
    for (const log of logs) {
      const current = this.known(log);
      if (current.restartPending)
        this.settings.set(this.instanceId, log.name, { ...current, restartPending: false });
    }
    return true;
  }

  async close(): Promise<void> {}
}
