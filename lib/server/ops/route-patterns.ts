import "server-only";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";

/** The routes of a build as Next lists them: each page's pattern and the regex that matches it. */
const manifestSchema = z.object({
  staticRoutes: z.array(z.object({ page: z.string(), regex: z.string() })).default([]),
  dynamicRoutes: z.array(z.object({ page: z.string(), regex: z.string() })).default([]),
});

/** Paths the front door answers itself, before Next. */
const OWN_ROUTES = ["/healthz", "/readyz", "/metrics"];

export type RouteOf = (path: string) => string;

/**
 * Maps a request path to the route pattern that serves it (`/api/instances/[id]/log/[name]/tail`),
 * from the build's routes manifest: metrics and the request log name routes, never raw paths, so
 * ids and hostile paths cannot grow the number of series. Anything else is `(static)` for Next's
 * assets or `(unmatched)`.
 */
export function loadRoutePatterns(buildDir: string): RouteOf {
  let manifest: z.infer<typeof manifestSchema> = { staticRoutes: [], dynamicRoutes: [] };
  try {
    manifest = manifestSchema.parse(JSON.parse(readFileSync(join(buildDir, "routes-manifest.json"), "utf8")));
  } catch (error) {
    console.warn(
      `[trove-logs] no routes manifest; requests are counted as (unmatched): ${(error as Error).message}`,
    );
  }
  const exact = new Set([...OWN_ROUTES, ...manifest.staticRoutes.map((route) => route.page)]);
  const dynamic = manifest.dynamicRoutes.map((route) => ({
    page: route.page,
    regex: new RegExp(route.regex),
  }));
  return (path) => {
    const pathname = path.split("?", 1)[0]!;
    if (exact.has(pathname)) return pathname;
    if (pathname.startsWith("/_next/")) return "(static)";
    for (const route of dynamic) if (route.regex.test(pathname)) return route.page;
    return "(unmatched)";
  };
}
