import type { IncomingHttpHeaders } from "node:http";

/**
 * The client's address as the front door saw it, for per-address limits (login throttling). Set on
 * every request; whatever a client sends under this name is dropped first.
 */
export const CLIENT_ADDRESS_HEADER = "x-trove-logs-client";

const FORWARDED_HEADERS = [
  "forwarded",
  "x-forwarded-for",
  "x-forwarded-host",
  "x-forwarded-proto",
  "x-forwarded-port",
  "x-forwarded-prefix",
  "x-real-ip",
];

const firstValue = (value: string | string[] | undefined) =>
  (Array.isArray(value) ? value.join(",") : (value ?? "")).split(",")[0]!.trim();

/** The address the trusted proxy saw: the last X-Forwarded-For hop (earlier ones are the client's word). */
function proxiedClient(header: string | string[] | undefined): string | undefined {
  const hops = (Array.isArray(header) ? header.join(",") : (header ?? ""))
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  return hops.at(-1);
}

/**
 * Makes the forwarding headers tell the truth before the app reads them. Without a trusted proxy
 * they are the client's own claims: dropped, so Next fills them in from the connection. Behind one,
 * its X-Forwarded-* are kept (first value of Host/Proto, as a single proxy sets them).
 */
export function applyForwarding(
  headers: IncomingHttpHeaders,
  socketAddress: string | undefined,
  trustProxy: boolean,
): void {
  const client = trustProxy ? proxiedClient(headers["x-forwarded-for"]) : undefined;
  if (trustProxy) {
    for (const name of ["x-forwarded-host", "x-forwarded-proto"]) {
      const value = firstValue(headers[name]);
      if (value) headers[name] = value;
      else delete headers[name];
    }
  } else {
    for (const name of FORWARDED_HEADERS) delete headers[name];
  }
  headers[CLIENT_ADDRESS_HEADER] = client ?? socketAddress ?? "unknown";
}
