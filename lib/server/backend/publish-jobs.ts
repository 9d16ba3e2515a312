import "server-only";
import type { GuestLog } from "@/lib/schemas/log";

export interface PublishJob {
  done: number;
  total: number;
  startedAt: string;
  finished: Promise<GuestLog>;
}

export interface PublishFailure {
  message: string;
  at: string;
}

/**
 * Publishes that run in the background of the dashboard: one per log at a time (a second request
 * joins the running one), progress readable by anyone who lists the log, the last failure kept
 * until the next success so a user who navigated away still learns what went wrong.
 */
export class PublishJobs {
  private readonly running = new Map<string, PublishJob>();
  private readonly failures = new Map<string, PublishFailure>();

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
        this.failures.set(key, { message: (error as Error).message, at: new Date().toISOString() });
        throw error;
      },
    );
    job.finished.catch(() => undefined).finally(() => this.running.delete(key));
    this.running.set(key, job);
    return job;
  }
}
