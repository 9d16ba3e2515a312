import "server-only";
import { appendFile, rename, stat } from "node:fs/promises";
import { dirname } from "node:path";
import type { DatastoreType } from "@/lib/schemas/instance";
import { makePrivateDir, PRIVATE_FILE_MODE } from "@/lib/server/private-paths";
import { createLogGenerator, type DemoLogKind, type LogGenerator } from "./line-generators";
import type { Random } from "./random-source";

export { seedDemoLogs, type SeedOptions } from "./demo-seed";

/** One demo log file and the format it is written in. */
export interface DemoLogTarget {
  instanceId: string;
  logName: string;
  kind: DemoLogKind;
  file: string;
  /** For `guest` logs: the datastore the agent manages (mysql by default). */
  datastore?: DatastoreType;
  /** Server version shown in headers; the kind's default otherwise. */
  version?: string;
}

export type IsLogging = (instanceId: string, logName: string) => boolean;

export interface DemoWriterOptions {
  logs: DemoLogTarget[];
  /** Asked every tick: a log only grows while its datastore is logging it. */
  isLogging: IsLogging;
  /** Milliseconds between bursts; default 1000. */
  intervalMs?: number;
  /** Rotate a file (to `<file>.1`) once it reaches this size; default 32 MiB. */
  maxBytes?: number;
  random?: Random;
  /** Milliseconds since the epoch; Date.now by default. */
  now?: () => number;
  /** Told once per file when writing to it starts failing; console.warn by default. */
  onError?: (file: string, error: unknown) => void;
}

export interface DemoWriters {
  /**
   * A log was just switched on: its writer opens the file now (header line first, as a database
   * server does when logging starts) instead of at the next tick, so an immediate publish has bytes.
   */
  loggingStarted(instanceId: string, logName: string): Promise<void>;
  /** Stops the timer and waits for writes in flight. */
  stop(): Promise<void>;
}

export const DEFAULT_INTERVAL_MS = 1000;
export const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;

interface WriterState {
  target: DemoLogTarget;
  generator: LogGenerator;
  /** Activity up to this instant has been written (or skipped while not logging). */
  writtenUntil: number;
  /** Undefined until the first tick; a false → true change reopens the log, which writes the header again. */
  logging: boolean | undefined;
  failing: boolean;
  /** The write under way for this file: writes to one file never overlap (ticks and loggingStarted). */
  busy: Promise<void>;
}

async function sizeOf(file: string): Promise<number | undefined> {
  try {
    return (await stat(file)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

function warn(file: string, error: unknown): void {
  console.warn(`[trove-logs] demo writer cannot write ${file}: ${(error as Error).message ?? String(error)}`);
}

/**
 * Built-in writers for the demo instances: every tick, each log that is logging gets a small,
 * realistic burst appended (one append per file). A timer that never keeps the process alive;
 * write errors are reported once per file and never thrown.
 */
export function startDemoWriters(options: DemoWriterOptions): DemoWriters {
  const intervalMs = options.intervalMs ?? DEFAULT_INTERVAL_MS;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const now = options.now ?? Date.now;
  const onError = options.onError ?? warn;
  const started = now();
  const states: WriterState[] = options.logs.map((target) => ({
    target,
    generator: createLogGenerator(target.kind, {
      random: options.random,
      instanceId: target.instanceId,
      datastore: target.datastore,
      version: target.version,
    }),
    writtenUntil: started,
    logging: undefined,
    failing: false,
    busy: Promise.resolve(),
  }));

  const isLogging = (target: DemoLogTarget): boolean => {
    try {
      return options.isLogging(target.instanceId, target.logName);
    } catch {
      return false;
    }
  };

  const writeOne = async (state: WriterState, at: number): Promise<void> => {
    const { file } = state.target;
    const logging = isLogging(state.target);
    const reopened = logging && state.logging === false;
    state.logging = logging;
    const from = state.writtenUntil;
    // A tick queued behind loggingStarted may carry an earlier instant: never write a stretch twice.
    state.writtenUntil = Math.max(from, at);
    if (!logging) return;
    try {
      const size = await sizeOf(file);
      if (size === undefined) await makePrivateDir(dirname(file));
      const text =
        (!size || reopened ? state.generator.header(from) : "") +
        state.generator.burst(from, state.writtenUntil);
      if (text.length > 0) {
        const bytes = Buffer.from(text, "utf8");
        await appendFile(file, bytes, { mode: PRIVATE_FILE_MODE });
        if ((size ?? 0) + bytes.length >= maxBytes) {
          // logrotate without copytruncate: the old file moves aside and the server reopens a new one.
          await rename(file, `${file}.1`);
          await appendFile(file, state.generator.header(at), { mode: PRIVATE_FILE_MODE });
        }
      }
      state.failing = false;
    } catch (error) {
      if (!state.failing) onError(file, error);
      state.failing = true;
    }
  };

  /** Queued behind the file's write under way; `at` is read when the write starts. */
  const queue = (state: WriterState, at?: number): Promise<void> => {
    state.busy = state.busy.then(() => writeOne(state, at ?? now()));
    return state.busy;
  };

  let stopped = false;
  let inFlight: Promise<void> | undefined;
  const tick = () => {
    if (stopped || inFlight) return;
    const at = now();
    inFlight = Promise.all(states.map((state) => queue(state, at))).then(
      () => {
        inFlight = undefined;
      },
      () => {
        inFlight = undefined;
      },
    );
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();

  return {
    async loggingStarted(instanceId, logName) {
      if (stopped) return;
      const started = states.filter(
        ({ target }) => target.instanceId === instanceId && target.logName === logName,
      );
      await Promise.all(started.map((state) => queue(state)));
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await inFlight;
      await Promise.all(states.map((state) => state.busy));
    },
  };
}
