import "server-only";

/** A source of uniform numbers in [0, 1), like Math.random. */
export type Random = () => number;

/** A small deterministic generator (mulberry32), for reproducible demo text and tests. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An integer in [min, max], both inclusive. */
export function randInt(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** A number in [min, max). */
export function randFloat(random: Random, min: number, max: number): number {
  return min + random() * (max - min);
}

export function chance(random: Random, probability: number): boolean {
  return random() < probability;
}

export function pick<T>(random: Random, items: readonly T[]): T {
  if (items.length === 0) throw new Error("pick() needs at least one item");
  return items[Math.floor(random() * items.length)] as T;
}

/** Picks by relative weight: `[[weight, value], …]`. */
export function weighted<T>(random: Random, entries: readonly (readonly [number, T])[]): T {
  const total = entries.reduce((sum, [weight]) => sum + weight, 0);
  let roll = random() * total;
  for (const [weight, value] of entries) {
    roll -= weight;
    if (roll < 0) return value;
  }
  const last = entries[entries.length - 1];
  if (!last) throw new Error("weighted() needs at least one entry");
  return last[1];
}

/** How many events of a Poisson process with the given mean happen (Knuth; means here are small). */
export function poisson(random: Random, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 50)
    return Math.max(0, Math.round(mean + Math.sqrt(mean) * (random() + random() + random() - 1.5) * 2));
  const limit = Math.exp(-mean);
  let count = 0;
  let product = random();
  while (product > limit) {
    count += 1;
    product *= random();
  }
  return count;
}

export function hex(random: Random, length: number): string {
  let out = "";
  for (let i = 0; i < length; i += 1) out += Math.floor(random() * 16).toString(16);
  return out;
}

/** A version-4-shaped UUID. */
export function uuid(random: Random): string {
  const variant = (8 + Math.floor(random() * 4)).toString(16);
  return `${hex(random, 8)}-${hex(random, 4)}-4${hex(random, 3)}-${variant}${hex(random, 3)}-${hex(random, 12)}`;
}

/** `count` instants in [fromMs, toMs), oldest first (fractional milliseconds carry the microseconds). */
export function spreadInstants(random: Random, fromMs: number, toMs: number, count: number): number[] {
  const span = Math.max(0, toMs - fromMs);
  const instants: number[] = [];
  for (let i = 0; i < count; i += 1) instants.push(fromMs + random() * span);
  return instants.sort((a, b) => a - b);
}
