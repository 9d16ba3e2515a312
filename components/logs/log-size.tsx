import { formatBytes, formatExactBytes } from "@/lib/format-bytes";

/** "1.2 MB", with the exact byte count on hover. */
export function LogSize({ bytes }: { bytes: number }) {
  return (
    <data value={bytes} title={formatExactBytes(bytes)} className="whitespace-nowrap tabular-nums">
      {formatBytes(bytes)}
    </data>
  );
}
