import "server-only";
import { metrics } from "./metrics";

/**
 * Publishes running in this process, background ones included (they outlive the request that
 * started them): a stop waits for them as it waits for requests in flight.
 */
const KEY = Symbol.for("trove-logs.publishes-in-flight");
const holder = globalThis as typeof globalThis & {
  [KEY]?: { running: number; idle: Array<() => void> };
};
const state = (holder[KEY] ??= { running: 0, idle: [] });

export async function trackPublish<T>(publish: () => Promise<T>): Promise<T> {
  state.running += 1;
  metrics().publishesRunning.inc();
  try {
    return await publish();
  } finally {
    state.running -= 1;
    metrics().publishesRunning.dec();
    if (state.running === 0) for (const resolve of state.idle.splice(0)) resolve();
  }
}

/** Resolves once no publish is running (at once when none is). */
export function publishesIdle(): Promise<void> {
  if (state.running === 0) return Promise.resolve();
  return new Promise((resolve) => state.idle.push(resolve));
}
