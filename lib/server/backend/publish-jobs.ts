import "server-only";
import type { GuestLog } from "@/lib/schemas/log";

export interface PublishJob {
  done: number;
  total: number;
  startedAt: string;
  finished: Promise<GuestLog>;
}

export interface PublishFailure {
  /** As the API answered it: no internal address (see describeError). */
  message: string;
  at: string;
  /** The server log's line with the details. */
  reference?: string;
}

/** How a failure reads to the person (describeError), given by the runtime: this layer knows no HTTP. */
export type DescribeFailure = (error: unknown) => { message: string; reference?: string };

/** Failures kept at most (a log that keeps failing replaces its own entry; this bounds the rest). */
const MAX_FAILURES = 1000;

/**
 * Publishes that run in the background of the dashboard: one per log at a time (a second request
 * joins the running one), progress readable by anyone who lists the log, the last failure kept
 * until the next success so a user who navigated away still learns what went wrong.
 */
export class PublishJobs {
  private readonly running = new Map<string, PublishJob>();
  private readonly failures = new Map<string, PublishFailure>();

  constructor(private readonly describe: DescribeFailure) {}

  static key(instanceId: string, logName: string): string {
    return `${instanceId}/${logName}`;
  }

  get(key: string): PublishJob | undefined {
    return this.running.get(key);
  }

  failure(key: string): PublishFailure | undefined {
    return this.failures.get(key);
  }

  /** A plain publish (not run here) succeeded: the last failure is old news. */
  succeeded(key: string): void {
    this.failures.delete(key);
  }

  /** A publish failed (here or a plain one): the log shows why until the next success. */
  failed(key: string, error: unknown): void {
    const { message, reference } = this.describe(error);
    this.failures.delete(key);
    if (this.failures.size >= MAX_FAILURES) this.failures.delete(this.failures.keys().next().value!);
    this.failures.set(key, { message, at: new Date().toISOString(), ...(reference && { reference }) });
  }

  start(
    key: string,
    total: number,
    run: (onProgress: (progress: { done: number; total: number }) => void) => Promise<GuestLog>,
  ): PublishJob {
    const existing = this.running.get(key);
    if (existing) return existing;
    const job: PublishJob = {
      done: 0,
      total,
      startedAt: new Date().toISOString(),
      finished: Promise.resolve(undefined as never),
    };
    job.finished = run((progress) => {
      job.done = progress.done;
      job.total = progress.total;
    }).then(
      (log) => {
        this.failures.delete(key);
        return log;
      },
      (error: unknown) => {
        this.failed(key, error);
        throw error;
      },
    );
    job.finished.catch(() => undefined).finally(() => this.running.delete(key));
    this.running.set(key, job);
    return job;
  }
}
