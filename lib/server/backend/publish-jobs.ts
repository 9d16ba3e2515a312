import "server-only";
import { z } from "zod";
import type { GuestLog } from "@/lib/schemas/log";
import type { SharedCache } from "@/lib/server/shared/shared-cache";

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

/** What a log shows of its background publish, whichever replica runs it. */
export interface PublishView {
  job?: { done: number; total: number; startedAt: string };
  failure?: PublishFailure;
}

/** How a failure reads to the person (describeError), given by the runtime: this layer knows no HTTP. */
export type DescribeFailure = (error: unknown) => { message: string; reference?: string };

/** Failures kept at most (a log that keeps failing replaces its own entry; this bounds the rest). */
const MAX_FAILURES = 1000;
/** A running publish rewrites its shared progress this often; it vanishes 3 beats after its replica died. */
const HEARTBEAT_MS = 10_000;
const PROGRESS_TTL_SECONDS = 30;
/** Progress is written to the shared store at most this often (it is read on every log listing). */
const PROGRESS_WRITE_MS = 500;
/** A failure stays on the log until the next success, or this long (seconds) in the shared store. */
const FAILURE_TTL_SECONDS = 7 * 86_400;

const progressSchema = z.object({ done: z.number(), total: z.number(), startedAt: z.string() });
const failureSchema = z.object({ message: z.string(), at: z.string(), reference: z.string().optional() });

/**
 * Publishes that run in the background of the dashboard: one per log at a time (a second request
 * joins the running one), progress readable by anyone who lists the log, the last failure kept
 * until the next success so a user who navigated away still learns what went wrong. With a shared
 * store (replicas), progress and failures are kept there too, so every replica shows them; which
 * replica may publish is the engine's publish lease's business.
 */
export class PublishJobs {
  private readonly running = new Map<string, PublishJob>();
  private readonly failures = new Map<string, PublishFailure>();

  constructor(
    private readonly describe: DescribeFailure,
    private readonly shared?: SharedCache,
  ) {}

  static key(instanceId: string, logName: string): string {
    return `${instanceId}/${logName}`;
  }

  get(key: string): PublishJob | undefined {
    return this.running.get(key);
  }

  /** The running publish and last failure of a log, from the shared store when there is one. */
  async view(key: string): Promise<PublishView> {
    const local = this.running.get(key);
    const own = local && { done: local.done, total: local.total, startedAt: local.startedAt };
    if (!this.shared) return { job: own, failure: this.failures.get(key) };
    const [progress, failure] = await Promise.all([
      this.shared.get(`publish:${key}`),
      this.shared.get(`publish-failure:${key}`),
    ]);
    return {
      job: parse(progressSchema, progress) ?? own,
      failure: parse(failureSchema, failure),
    };
  }

  /** A plain publish (not run here) succeeded: the last failure is old news. */
  succeeded(key: string): void {
    this.failures.delete(key);
    this.quietly(this.shared?.delete(`publish-failure:${key}`));
  }

  /** A publish failed (here or a plain one): the log shows why until the next success. */
  failed(key: string, error: unknown): void {
    const { message, reference } = this.describe(error);
    const failure = { message, at: new Date().toISOString(), ...(reference && { reference }) };
    this.failures.delete(key);
    if (this.failures.size >= MAX_FAILURES) this.failures.delete(this.failures.keys().next().value!);
    this.failures.set(key, failure);
    this.quietly(this.shared?.set(`publish-failure:${key}`, JSON.stringify(failure), FAILURE_TTL_SECONDS));
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
    const share = this.sharer(key, job);
    job.finished = run((progress) => {
      job.done = progress.done;
      job.total = progress.total;
      share.progress();
    }).then(
      (log) => {
        this.succeeded(key);
        return log;
      },
      (error: unknown) => {
        this.failed(key, error);
        throw error;
      },
    );
    job.finished
      .catch(() => undefined)
      .finally(() => {
        this.running.delete(key);
        share.end();
      });
    this.running.set(key, job);
    return job;
  }

  /**
   * Keeps a job's progress in the shared store: announced with `add` (a replica that merely waits for
   * another's lease does not hide that one's progress), then written as it moves and on a heartbeat.
   */
  private sharer(key: string, job: PublishJob) {
    const shared = this.shared;
    if (!shared) return { progress: () => undefined, end: () => undefined };
    const entry = `publish:${key}`;
    const write = () => {
      lastWrite = Date.now();
      const { done, total, startedAt } = job;
      this.quietly(shared.set(entry, JSON.stringify({ done, total, startedAt }), PROGRESS_TTL_SECONDS));
    };
    let lastWrite = 0;
    let moving = false;
    const { done, total, startedAt } = job;
    this.quietly(shared.add(entry, JSON.stringify({ done, total, startedAt }), PROGRESS_TTL_SECONDS));
    const heartbeat = setInterval(() => moving && write(), HEARTBEAT_MS);
    heartbeat.unref();
    return {
      progress: () => {
        moving = true;
        if (Date.now() - lastWrite >= PROGRESS_WRITE_MS) write();
      },
      end: () => {
        clearInterval(heartbeat);
        if (moving) this.quietly(shared.delete(entry));
      },
    };
  }

  private quietly(write: Promise<unknown> | undefined): void {
    write?.catch((error: Error) =>
      console.warn(`[trove-logs] could not share a publish's state: ${error.message}`),
    );
  }
}

function parse<T>(schema: z.ZodType<T>, text: string | undefined): T | undefined {
  if (text === undefined) return undefined;
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
