import "server-only";
import { access, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { makePrivateDir, PRIVATE_FILE_MODE } from "@/lib/server/private-paths";
import type { DemoLogTarget, IsLogging } from "./demo-writer";
import { createLogGenerator, type DemoLogKind } from "./line-generators";
import type { Random } from "./random-source";

export interface SeedOptions {
  random?: Random;
  /** Milliseconds since the epoch; Date.now by default. The backlog ends at this instant. */
  now?: () => number;
  /** Told when a file cannot be seeded; console.warn by default. */
  onError?: (file: string, error: unknown) => void;
}

/** Stop adding to a backlog once it passes this size. */
const MAX_SEED_BYTES = 100 * 1024;
const WINDOWS = 120;

/**
 * How far back a backlog reaches and how much activity it samples: 120 short windows spread over
 * the span, sized so each kind gets a few hundred lines (the quiet logs fewer, but hours of them).
 */
const SEED_PROFILES: Record<DemoLogKind, { spanMs: number; windowMs: number }> = {
  "mysql-general": { spanMs: 30 * 60_000, windowMs: 200 },
  "mariadb-general": { spanMs: 30 * 60_000, windowMs: 200 },
  "postgresql-general": { spanMs: 30 * 60_000, windowMs: 200 },
  "mysql-slow": { spanMs: 2 * 3_600_000, windowMs: 2_500 },
  "mariadb-slow": { spanMs: 2 * 3_600_000, windowMs: 2_500 },
  "mysql-error": { spanMs: 6 * 3_600_000, windowMs: 5_000 },
  "mariadb-error": { spanMs: 6 * 3_600_000, windowMs: 5_000 },
  guest: { spanMs: 2 * 3_600_000, windowMs: 6_000 },
};

/** The backlog for one log: its header where the span begins, then activity up to `endMs`. */
export function backlogText(target: DemoLogTarget, endMs: number, random?: Random): string {
  const { spanMs, windowMs } = SEED_PROFILES[target.kind];
  const generator = createLogGenerator(target.kind, {
    random,
    instanceId: target.instanceId,
    datastore: target.datastore,
    version: target.version,
  });
  const step = spanMs / WINDOWS;
  let text = generator.header(endMs - spanMs);
  for (let i = 1; i <= WINDOWS && Buffer.byteLength(text) < MAX_SEED_BYTES; i += 1) {
    const windowEnd = endMs - spanMs + i * step;
    text += generator.burst(windowEnd - windowMs, windowEnd);
  }
  return text;
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

/**
 * Gives a fresh demo some history: every log that is logging and whose file does not exist yet
 * gets a backlog (a few hundred lines, at most ~100 KB). Existing files are never touched.
 * Resolves with the files it created.
 */
export async function seedDemoLogs(
  logs: DemoLogTarget[],
  isLogging: IsLogging,
  options: SeedOptions = {},
): Promise<string[]> {
  const endMs = (options.now ?? Date.now)();
  const onError =
    options.onError ?? ((file, error) => console.warn(`[trove-logs] cannot seed ${file}: ${String(error)}`));
  const created: string[] = [];
  for (const target of logs) {
    let logging: boolean;
    try {
      logging = isLogging(target.instanceId, target.logName);
    } catch {
      logging = false;
    }
    if (!logging) continue;
    if (await exists(target.file)) continue;
    try {
      await makePrivateDir(dirname(target.file));
      // "wx": only a file that does not exist yet, even if a writer races us.
      await writeFile(target.file, backlogText(target, endMs, options.random), {
        flag: "wx",
        mode: PRIVATE_FILE_MODE,
      });
      created.push(target.file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") onError(target.file, error);
    }
  }
  return created;
}
