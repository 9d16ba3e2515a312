import "server-only";

/** Swift's listing timestamp format, UTC with microseconds: `YYYY-MM-DDTHH:MM:SS.ffffff`. */
export function formatSwiftTimestamp(microseconds: number): string {
  const milliseconds = Math.floor(microseconds / 1000);
  const iso = new Date(milliseconds).toISOString(); // YYYY-MM-DDTHH:MM:SS.mmmZ
  const fraction = String(microseconds % 1_000_000).padStart(6, "0");
  return `${iso.slice(0, 19)}.${fraction}`;
}

/**
 * A microsecond clock that never repeats and never goes backwards, even when the wall clock
 * does or when two calls land in the same microsecond.
 */
export function createMonotonicMicroClock(nowMs: () => number): () => number {
  let last = 0;
  return () => {
    const current = Math.floor(nowMs() * 1000);
    last = current > last ? current : last + 1;
    return last;
  };
}
