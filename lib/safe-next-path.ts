const PLACEHOLDER_ORIGIN = "http://trove-logs.invalid";

/**
 * Where to go after login: only a path on this site. Browsers strip tabs and newlines from URLs and
 * read `\` as `/`, so `/%09/evil.example` or `/\evil` would become `//evil…` — another host. Anything
 * with control characters, backslashes, or that resolves to another origin gives `fallback`.
 */
export function safeNextPath(value: string | null | undefined, fallback = "/"): string {
  if (!value || !value.startsWith("/") || /[\u0000-\u001f\u007f\\]/.test(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, PLACEHOLDER_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== PLACEHOLDER_ORIGIN || url.pathname.startsWith("//")) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
