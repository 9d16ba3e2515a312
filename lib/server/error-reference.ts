import "server-only";
import { randomBytes } from "node:crypto";
import { currentRequest } from "@/lib/server/ops/request-context";

/**
 * What the server log needs to know about a failure and the person who met it must not read: where
 * things are (internal URLs, host:port, file paths) and what upstream services said. Errors of the
 * lower layers carry it as `detail`; the message they carry is fit to show.
 */
export function detailOf(error: unknown): string | undefined {
  const detail = (error as { detail?: unknown } | undefined)?.detail;
  return typeof detail === "string" && detail !== "" ? detail : undefined;
}

/**
 * Logs a failure in full under a new reference, which the answer carries instead of the details: a
 * person quotes it, an administrator finds the line with grep.
 */
export function logWithReference(summary: string, detail?: unknown): string {
  const reference = randomBytes(5).toString("hex");
  // The request id joins this line to the request's line in the request log.
  const request = currentRequest();
  const label = request ? `${reference} (request ${request.requestId})` : reference;
  if (detail === undefined) console.error(`[trove-logs] error ${label}: ${summary}`);
  else console.error(`[trove-logs] error ${label}: ${summary} —`, detail);
  return reference;
}

/** `(http://10.0.0.5:5000/v3)` as services put their own address next to a reason: dropped whole. */
const URL_IN_PARENTHESES = /\s*\([a-z][a-z0-9+.-]*:\/\/[^()\s]*\)/gi;
const URL = /\b[a-z][a-z0-9+.-]*:\/\/[^\s'"<>()]+/gi;
/**
 * An IPv4 address (with or without port), an IPv6 address (bracketed, or with `::` as Node prints
 * `::1:5000`), or a host name with a port. Clock times (`14:03:12`) are none of these.
 */
const ADDRESS = new RegExp(
  [
    String.raw`\[[0-9a-f.]*:[0-9a-f:.]*\](?::\d{1,5})?`,
    String.raw`(?<![\w:])(?:[0-9a-f]{1,4})?::[0-9a-f:.]*[0-9a-f]\b`,
    String.raw`\b\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?\b`,
    String.raw`\b(?:localhost|(?:[a-z0-9-]+\.)+[a-z][a-z0-9-]*):\d{1,5}\b`,
  ].join("|"),
  "gi",
);
/** An absolute file path: a `/` that starts a word (after a space, quote, bracket, `=` or `:`). */
const PATH = /(^|[\s'"(=:,[])\/[\w.@%+~-]+(?:\/[\w.@%+~-]*)*/g;

/**
 * The safety net under every message that leaves the server: texts we do not write ourselves (a real
 * Trove's guest errors, Keystone's and Swift's answers, database drivers) may name internal
 * addresses and paths. They are replaced by a placeholder; the original goes to the server log.
 */
export function withoutInternals(text: string): string {
  return text
    .replace(URL_IN_PARENTHESES, "")
    .replace(URL, "[internal address]")
    .replace(ADDRESS, "[internal address]")
    .replace(PATH, "$1[path]");
}
