import { describe, expect, it } from "vitest";
import { formatBytes, formatExactBytes } from "./format-bytes";

describe("formatBytes", () => {
  it("prints small sizes in bytes", () => {
    expect(formatBytes(0)).toBe("0 bytes");
    expect(formatBytes(1)).toBe("1 byte");
    expect(formatBytes(999)).toBe("999 bytes");
  });

  it("uses decimal units with one decimal below 100", () => {
    expect(formatBytes(1000)).toBe("1.0 kB");
    expect(formatBytes(1234)).toBe("1.2 kB");
    expect(formatBytes(1_234_567)).toBe("1.2 MB");
    expect(formatBytes(12_345_678)).toBe("12.3 MB");
    expect(formatBytes(123_456_789)).toBe("123 MB");
    expect(formatBytes(1_073_741_824)).toBe("1.1 GB");
  });

  it("carries a rounded 1000 over to the next unit", () => {
    expect(formatBytes(999_999)).toBe("1.0 MB");
    expect(formatBytes(999_600)).toBe("1.0 MB");
    expect(formatBytes(999_499)).toBe("999 kB");
  });

  it("refuses nonsense", () => {
    expect(formatBytes(-1)).toBe("—");
    expect(formatBytes(Number.NaN)).toBe("—");
  });
});

describe("formatExactBytes", () => {
  it("groups digits", () => {
    expect(formatExactBytes(1_234_567)).toBe("1,234,567 bytes");
    expect(formatExactBytes(1)).toBe("1 byte");
  });
});
