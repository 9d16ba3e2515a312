import "server-only";
import { Worker } from "node:worker_threads";
import type { ScryptOptions } from "node:crypto";

// Plain CommonJS, evaluated in the worker: nothing for the bundler to resolve. The thread lowers its own
// priority (Linux: a thread id is a pid to setpriority), so hashing gets the CPU only when the request
// thread does not want it; elsewhere it simply keeps the default priority.
const WORKER_SOURCE = `
const { parentPort } = require("node:worker_threads");
const { scryptSync } = require("node:crypto");
try {
  const tid = Number(require("node:fs").readlinkSync("/proc/thread-self").split("/").pop());
  require("node:os").setPriority(tid, 19);
} catch {}
parentPort.on("message", ({ password, salt, keyLength, options }) => {
  try {
    parentPort.postMessage({ key: scryptSync(password, Buffer.from(salt), keyLength, options) });
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.message) });
  }
});`;

interface Job {
  password: string;
  salt: Uint8Array;
  keyLength: number;
  options: ScryptOptions;
  resolve(key: Buffer): void;
  reject(error: Error): void;
}

/**
 * scrypt in a few low-priority worker threads instead of libuv's thread pool: password checks then
 * neither hold the pool's threads, which file reads need, nor take CPU time from the request thread.
 * Each worker hashes one password at a time; the caller bounds how many are asked at once.
 */
export class ScryptWorkers {
  private readonly idle: Worker[] = [];
  private readonly waiting: Job[] = [];
  private running = 0;

  constructor(private readonly size: number) {}

  derive(password: string, salt: Uint8Array, keyLength: number, options: ScryptOptions): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ password, salt, keyLength, options, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.waiting.length > 0) {
      const worker = this.idle.pop() ?? (this.running < this.size ? this.spawn() : undefined);
      if (!worker) return;
      this.run(worker, this.waiting.shift()!);
    }
  }

  private spawn(): Worker {
    this.running += 1;
    const worker = new Worker(WORKER_SOURCE, { eval: true });
    worker.on("exit", () => {
      this.running -= 1;
      const at = this.idle.indexOf(worker);
      if (at >= 0) this.idle.splice(at, 1);
      this.dispatch();
    });
    return worker;
  }

  private run(worker: Worker, job: Job): void {
    const { resolve, reject, ...request } = job;
    const settle = (answer: { key?: Uint8Array; error?: string }) => {
      worker.off("error", fail);
      worker.unref(); // an idle worker never keeps the process alive
      this.idle.push(worker);
      if (answer.key) resolve(Buffer.from(answer.key));
      else reject(new Error(`scrypt failed: ${answer.error}`));
      this.dispatch();
    };
    // The worker died (out of memory, say): this check fails, its exit makes room for a new one.
    const fail = (error: Error) => {
      worker.off("message", settle);
      reject(error);
    };
    worker.once("message", settle);
    worker.once("error", fail);
    worker.ref();
    worker.postMessage(request);
  }
}
