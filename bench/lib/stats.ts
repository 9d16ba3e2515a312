/** Timing, the figures the benchmarks print, and their progress lines. */

export const now = () => performance.now();
export const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

const sorted = (values: number[]) => [...values].sort((a, b) => a - b);

/** Nearest-rank percentile. */
export function percentile(values: number[], p: number): number {
  const s = sorted(values);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN;
}

/** The middle value; the mean of the two middle ones when the count is even. */
export function median(values: number[]): number {
  const s = sorted(values);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : ((s[mid - 1] ?? NaN) + (s[mid] ?? NaN)) / 2;
}

/** "min–max" of the values. */
export const range = (values: number[], digits = 1) =>
  `${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)}`;

/** Throughput in MB/s, MB = 10^6 bytes. */
export const mbps = (bytes: number, seconds: number) => bytes / 1e6 / seconds;

export const say = (text: string) => console.log(`[bench] ${text}`);
