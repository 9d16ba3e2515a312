import "server-only";
import type { DatastoreType } from "@/lib/schemas/instance";
import { poisson, randFloat, spreadInstants, type Random } from "./random-source";

/** Produces the text of one log file over time. Instants are milliseconds since the epoch. */
export interface LogGenerator {
  /** What the file starts with when the server (re)opens it; ends with "\n". */
  header(atMs: number): string;
  /** The lines logged between two instants, oldest first; "" when nothing happened. */
  burst(fromMs: number, toMs: number): string;
}

export interface LogGeneratorOptions {
  /** Uniform numbers in [0, 1); Math.random by default. Pass seededRandom(n) for reproducible text. */
  random?: Random;
  /** The Trove instance, named in the guest agent's messages. */
  instanceId?: string;
  /** The datastore behind a `guest` log (mysql by default). */
  datastore?: DatastoreType;
  /** Server version shown in headers; each kind has a default (8.0.36, 10.11.6, 15.6). */
  version?: string;
}

/**
 * Instants for the events of one burst: a Poisson count at `perSecond`, scaled by a random
 * activity level so that consecutive bursts vary (quiet moments, busy moments).
 */
export function eventInstants(random: Random, perSecond: number, fromMs: number, toMs: number): number[] {
  const seconds = Math.max(0, toMs - fromMs) / 1000;
  const activity = randFloat(random, 0.2, 1.8);
  return spreadInstants(random, fromMs, toMs, poisson(random, perSecond * seconds * activity));
}

/** Hands out strictly increasing instants, so the lines of one file never go back in time. */
export class Timeline {
  private last = Number.NEGATIVE_INFINITY;

  /** `instant`, or just after the previous one when that is later. */
  at(instant: number): number {
    this.last = Math.max(instant, this.last + 0.001);
    return this.last;
  }

  /** An instant `deltaMs` after the previous one. */
  after(deltaMs: number): number {
    this.last += Math.max(0.001, deltaMs);
    return this.last;
  }
}
