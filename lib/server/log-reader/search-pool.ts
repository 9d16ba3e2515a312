import "server-only";
import { Worker } from "node:worker_threads";
import type { ScanResult, ScanTask } from "./search-scan";
import { SEARCH_WORKER_SOURCE, type ScanReply } from "./search-worker";

/** A piece took longer than the time budget: its worker was stopped (and replaced). */
export class ScanTimeoutError extends Error {
  constructor(readonly budgetMs: number) {
    super(`scanning one piece of the log took longer than ${budgetMs} ms`);
    this.name = "ScanTimeoutError";
  }
}

export interface ScanOutcome {
  result: ScanResult;
  /** The piece's bytes, handed back by the worker. */
  bytes: Buffer;
}

interface Job {
  id: number;
  task: ScanTask;
  resolve: (outcome: ScanOutcome) => void;
  reject: (error: unknown) => void;
  done: () => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  job?: Job;
  timer?: NodeJS.Timeout;
}

/**
 * Worker threads that scan pieces of logs, so the event loop only reads bytes and hands them over.
 * Pieces of every search wait in one FIFO queue (searches take turns); each worker scans one piece at
 * a time within `budgetMs`, or is terminated and replaced and that piece's search fails. (A thread
 * inside a native RE2 call stops when that call returns; search-query bounds what one call costs.)
 */
export class ScanPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  /** Stopped workers whose thread still runs: termination waits for the RE2 call in progress. */
  private stopping = 0;

  constructor(private readonly options: { size: number; budgetMs: number }) {}

  /** Scans a piece; its bytes are transferred to the worker (the caller's view is detached). */
  run(task: ScanTask, signal?: AbortSignal): Promise<ScanOutcome> {
    return new Promise<ScanOutcome>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      // Abandoned (client gone): leave the queue at once; a piece already being scanned just finishes.
      const onAbort = () => {
        const queued = this.queue.indexOf(job);
        if (queued !== -1) this.queue.splice(queued, 1);
        reject(signal?.reason);
      };
      const done = () => signal?.removeEventListener("abort", onAbort);
      const job: Job = { id: this.nextId++, task, resolve, reject, done };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.queue.push(job);
      this.dispatch();
    });
  }

  /** Workers running now (for tests). */
  get workers(): number {
    return this.slots.length;
  }

  async close(): Promise<void> {
    for (const job of this.queue.splice(0)) job.reject(new Error("the search pool was closed"));
    await Promise.all(
      [...this.slots].map((slot) => this.retire(slot, new Error("the search pool was closed"))),
    );
  }

  private dispatch() {
    while (this.queue.length) {
      const slot = this.slots.find((candidate) => candidate.ready && !candidate.job);
      if (!slot) {
        // Replacements wait while stopped workers still finish their last call: never more than
        // 2 × size threads scanning, so the event loop always keeps its share of the CPUs.
        const { size } = this.options;
        if (this.slots.length < size && this.slots.length + this.stopping < 2 * size) this.spawn();
        return;
      }
      const job = this.queue.shift()!;
      slot.job = job;
      slot.timer = setTimeout(
        () => void this.retire(slot, new ScanTimeoutError(this.options.budgetMs)),
        this.options.budgetMs,
      );
      slot.worker.postMessage({ id: job.id, task: job.task }, [job.task.bytes.buffer as ArrayBuffer]);
    }
  }

  private spawn() {
    const worker = new Worker(
      `${SEARCH_WORKER_SOURCE}\nrequire("node:worker_threads").parentPort.postMessage("ready");`,
      {
        eval: true,
      },
    );
    worker.unref(); // an idle pool never keeps the process alive
    const slot: Slot = { worker, ready: false };
    this.slots.push(slot);
    worker.on("message", (message: ScanReply | "ready") => {
      if (message === "ready") {
        slot.ready = true;
        this.dispatch();
      } else this.settle(slot, message);
    });
    worker.on("error", (error) => void this.retire(slot, error, !slot.ready));
    worker.on("exit", () => void this.retire(slot, new Error("a search worker stopped unexpectedly")));
  }

  private settle(slot: Slot, reply: ScanReply) {
    const job = slot.job;
    if (!job || job.id !== reply.id) return;
    clearTimeout(slot.timer);
    slot.job = undefined;
    job.done();
    const bytes = Buffer.from(reply.bytes.buffer, reply.bytes.byteOffset, reply.bytes.byteLength);
    if (reply.error !== undefined) job.reject(new Error(reply.error));
    else job.resolve({ result: reply.result, bytes });
    this.dispatch();
  }

  /** Stops a worker (timed out, failed or closing) and fails its piece; a replacement comes on demand. */
  private async retire(slot: Slot, error: unknown, failedToStart = false) {
    const at = this.slots.indexOf(slot);
    if (at === -1) return;
    this.slots.splice(at, 1);
    clearTimeout(slot.timer);
    slot.worker.removeAllListeners("message");
    slot.worker.removeAllListeners("exit");
    slot.job?.done();
    slot.job?.reject(error);
    // A worker that cannot even start (re2 missing) would fail again: fail the waiting pieces too.
    if (failedToStart) for (const job of this.queue.splice(0)) job.reject(error);
    this.stopping += 1;
    await slot.worker.terminate();
    this.stopping -= 1;
    this.dispatch();
  }
}
