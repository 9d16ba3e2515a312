import "server-only";

/** Deterministic, incompressible-looking bytes: `size` bytes generated from `seed` (xorshift32). */
export function patternChunk(seed: number, size: number): Buffer {
  const chunk = Buffer.alloc(size);
  let x = (seed * 2654435761) >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    chunk[i] = x & 0xff;
  }
  return chunk;
}
