import "server-only";

// What survives as a file name everywhere (shells, Windows, URLs): everything else becomes "_".
const UNSAFE = /[^A-Za-z0-9._-]/g;

/** A UTC instant as a compact ISO 8601 basic timestamp: 20261202T061500Z. */
const utcStamp = (at: Date) =>
  at
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/[-:]/g, "");

/** What a downloaded log is called: `<instance name>-<log>-<UTC time>.log`, safe as a file name. */
export function downloadFileName(instanceName: string, logName: string, at: Date): string {
  return `${instanceName.replace(UNSAFE, "_")}-${logName.replace(UNSAFE, "_")}-${utcStamp(at)}.log`;
}

/** Content-Disposition for an attachment (RFC 6266: `filename`, and `filename*` for RFC 8187 readers). */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
