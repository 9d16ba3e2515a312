import "server-only";
import type { MessagePort } from "node:worker_threads";
import { createLineScanner, type ScanResult, type ScanTask } from "./search-scan";

/** Pool → worker. */
export interface ScanRequest {
  id: number;
  task: ScanTask;
}

/** Worker → pool: the result, with the piece's bytes handed back (transferred, not copied). */
export type ScanReply = { id: number; bytes: Uint8Array } & (
  { result: ScanResult; error?: undefined } | { error: string; result?: undefined }
);

/**
 * The worker's main, SELF-CONTAINED like createLineScanner: its source text runs in the worker, with
 * the worker's own `require` (which resolves `re2` from the app's directory) and the scanner's source.
 */
function workerMain(load: (id: string) => unknown, createScanner: typeof createLineScanner) {
  const { parentPort } = load("node:worker_threads") as { parentPort: MessagePort };
  const { isUtf8 } = load("node:buffer") as { isUtf8: (bytes: Uint8Array) => boolean };
  const scan = createScanner(load("re2") as Parameters<typeof createLineScanner>[0], isUtf8);
  parentPort.on("message", ({ id, task }: ScanRequest) => {
    let reply: ScanReply;
    try {
      reply = { id, ...scan(task) };
    } catch (error) {
      reply = { id, bytes: task.bytes, error: error instanceof Error ? error.message : String(error) };
    }
    parentPort.postMessage(reply, [reply.bytes.buffer as ArrayBuffer]);
  });
}

/**
 * The worker's whole program, evaluated with `new Worker(source, { eval: true })`: both functions
 * arrive as source text, so this works the same after `next build` (which bundles this module) and
 * under vitest (which runs it from TypeScript).
 */
export const SEARCH_WORKER_SOURCE = `(${workerMain.toString()})(require, ${createLineScanner.toString()});`;
