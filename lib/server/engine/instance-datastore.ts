import "server-only";
import { logWithReference, withoutInternals } from "@/lib/server/error-reference";
import {
  DatastoreError,
  isDatastoreError,
  type DatastoreControl,
  type DatastoreProblem,
  type DatastoreSnapshot,
} from "./datastore/datastore-control";
import type { LogDefinition } from "./log-definitions";

/** Why an instance or a log is not as it should be (Trove's instance `fault`). */
export interface Fault {
  /** Fit for the instance's project to read; ends with "(reference …)" when the server log has more. */
  message: string;
  /** ISO 8601. */
  created: string;
  problem: DatastoreProblem;
  /** The server log's line with the details (the server's address, the driver's words). */
  reference?: string;
  /** The error's own message, to know the same failure again (one log line, not one per look). */
  said: string;
}

/** After a failed read, reads for views wait this long before asking the server again (no pile-up). */
const RETRY_AFTER_MS = 3000;

/**
 * One instance's datastore as the engine sees it: its control, the last health (can it be read?),
 * the last failed change, and Trove's instance status derived from them:
 * SHUTDOWN (the server cannot be reached), ERROR (it refuses us, or the last change failed),
 * RESTART_REQUIRED (a change waits for a restart), else ACTIVE.
 */
export class InstanceDatastore {
  private reading?: Promise<DatastoreSnapshot | DatastoreError>;
  private started = 0;
  private counted = 0;
  private health?: Fault;
  private retryAt = 0;
  private changeFault?: Fault;
  private readonly logFaults = new Map<string, Fault>();
  /** When the datastore's state was last read (ms; 0 never): Trove's `service_status_updated`. */
  checkedAt = 0;

  constructor(
    readonly control: DatastoreControl,
    private readonly definitions: LogDefinition[],
    private readonly nowMillis: () => number,
  ) {}

  /**
   * The fault for an error. Its details are logged once under a reference, which the message quotes;
   * the same failure again (a server down for an hour, looked at every few seconds) keeps its reference.
   */
  private fault(error: DatastoreError): Fault {
    const shown = withoutInternals(error.message);
    const same = [this.health, this.changeFault, ...this.logFaults.values()].find(
      (fault) => fault?.said === error.message,
    );
    const reference =
      same?.reference ??
      (error.detail !== undefined || shown !== error.message
        ? logWithReference(error.message, error.detail)
        : undefined);
    return {
      message: reference ? `${shown} (reference ${reference})` : shown,
      created: new Date(this.nowMillis()).toISOString(),
      problem: error.problem,
      reference,
      said: error.message,
    };
  }

  /** One read of the datastore; only the newest read to finish sets the health. */
  private async read(): Promise<DatastoreSnapshot | DatastoreError> {
    const sequence = ++this.started;
    try {
      const snapshot = await this.control.read(this.definitions);
      if (sequence > this.counted) {
        this.counted = sequence;
        this.health = undefined;
        this.checkedAt = this.nowMillis();
      }
      return snapshot;
    } catch (error) {
      if (!isDatastoreError(error)) throw error;
      if (sequence > this.counted) {
        this.counted = sequence;
        this.checkedAt = this.nowMillis();
        this.health = this.fault(error);
        this.retryAt = this.nowMillis() + RETRY_AFTER_MS;
      }
      return error;
    }
  }

  /**
   * The datastore's state, or undefined when it cannot be read (the health says why). Views at the
   * same time share one read and, right after a failure, wait a little before asking again.
   */
  async snapshot(): Promise<DatastoreSnapshot | undefined> {
    if (this.health && this.nowMillis() < this.retryAt) return undefined;
    const reading = (this.reading ??= this.read().finally(() => {
      if (this.reading === reading) this.reading = undefined;
    }));
    const result = await reading;
    return isDatastoreError(result) ? undefined : result;
  }

  /**
   * For actions and after a restart: a read of its own (a shared one may have started before the
   * change), throwing the reason when the datastore cannot be read.
   */
  async require(): Promise<DatastoreSnapshot> {
    const result = await this.read();
    if (isDatastoreError(result)) throw result;
    return result;
  }

  /** A change (switch or restart) failed; `logName` when it concerned one log. Answers the fault recorded. */
  failed(error: DatastoreError, logName?: string): Fault {
    const fault = this.fault(error);
    if (error.problem === "unreachable" || error.problem === "refused") {
      this.health = fault;
      this.retryAt = this.nowMillis() + RETRY_AFTER_MS;
    } else if (error.problem !== "not_configured") {
      this.changeFault = fault;
    }
    if (logName) this.logFaults.set(logName, fault);
    return fault;
  }

  /** A change succeeded: the server answers, and earlier failures are old news. */
  succeeded(logName?: string): void {
    this.health = undefined;
    this.changeFault = undefined;
    if (logName) this.logFaults.delete(logName);
    else this.logFaults.clear();
  }

  /** What is wrong with the instance now, if anything. */
  get instanceFault(): Fault | undefined {
    return this.health ?? this.changeFault;
  }

  /** What is wrong with one log: its last failed change, else (USER logs) why its state is unknown. */
  logFault(log: LogDefinition): Fault | undefined {
    return this.logFaults.get(log.name) ?? (log.type === "USER" ? this.health : undefined);
  }

  get status(): string {
    if (this.health?.problem === "unreachable") return "SHUTDOWN";
    if (this.instanceFault) return "ERROR";
    const pending = this.definitions.some(
      (log) => log.type === "USER" && this.control.known(log)?.restartPending === true,
    );
    return pending ? "RESTART_REQUIRED" : "ACTIVE";
  }
}
