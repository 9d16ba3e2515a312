const UNITS = ["bytes", "kB", "MB", "GB", "TB", "PB"] as const;

/** Decimal (SI) units, as disk and network sizes are usually quoted: 1 kB = 1000 bytes. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return "—";
  if (bytes < 1000) return bytes === 1 ? "1 byte" : `${bytes} bytes`;
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  // 999.6 kB would print as "1000 kB": carry it over to the next unit.
  if (Number(value.toFixed(value < 100 ? 1 : 0)) >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value.toFixed(value < 100 ? 1 : 0)} ${UNITS[unit]}`;
}

/** The exact count, for a hover title: "1,234,567 bytes". */
export function formatExactBytes(bytes: number): string {
  return `${bytes.toLocaleString("en-US")} ${bytes === 1 ? "byte" : "bytes"}`;
}
