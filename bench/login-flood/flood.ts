import { Worker } from "node:worker_threads";

export interface Flood {
  /** Stops the clients; answers how many of each status they got. */
  stop(): Promise<Record<string, number>>;
}

/**
 * `clients` clients sending the same request back to back, in a worker thread (so that the flood
 * does not delay the caller's own timings), until stopped.
 */
export function flood(url: string, init: RequestInit, clients: number): Flood {
  const worker = new Worker(
    `const { parentPort, workerData } = require("node:worker_threads");
    let stopped = false;
    const statuses = {};
    parentPort.on("message", () => (stopped = true));
    const loop = async () => {
      while (!stopped) {
        const response = await fetch(workerData.url, workerData.init).catch(() => undefined);
        const status = response ? response.status : "error";
        if (response) await response.arrayBuffer();
        statuses[status] = (statuses[status] ?? 0) + 1;
      }
    };
    Promise.all(Array.from({ length: workerData.clients }, loop)).then(() => parentPort.postMessage(statuses));`,
    { eval: true, workerData: { url, init, clients } },
  );
  return {
    stop: () =>
      new Promise((resolve, reject) => {
        worker.once("message", (statuses: Record<string, number>) => {
          void worker.terminate().then(() => resolve(statuses));
        });
        worker.once("error", reject);
        worker.postMessage("stop");
      }),
  };
}
