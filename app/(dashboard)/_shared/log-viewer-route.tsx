import type { Metadata } from "next";
import { cookies } from "next/headers";
import { notFound } from "next/navigation";
import { LogViewerPage } from "@/components/logs/log-viewer/log-viewer-page";
import { parseLogViewerParams, parseLogViewerUrl } from "@/lib/api/log-viewer-url";
import type { LogViewerUrlState, Scope } from "@/lib/paths";
import { SESSION_COOKIE } from "@/lib/server/auth/session-cookie";
import { viewerPageData } from "@/lib/server/http/viewer-page-data";

interface PageProps {
  params: Promise<{ id: string; name: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/**
 * Lines read with the page: more than the viewer keeps below its prefetch margin (600 rows), so the
 * window does not grow at once after it opens; earlier lines load as the reader scrolls up.
 */
const PAGE_LINES = 1_000;

/** Only a viewer opening at the end shows these lines first (a line, a time or a filter opens elsewhere). */
const opensAtEnd = (state: LogViewerUrlState) => !state.line && !state.top && !state.t && !state.filter;

/** The viewer page of one dashboard (Project or Admin): same page, different API scope. */
export function logViewerRoute(scope: Scope) {
  async function generateMetadata({ params }: PageProps): Promise<Metadata> {
    const parsed = parseLogViewerParams(await params);
    return { title: parsed ? `${parsed.name} log` : "Log" };
  }

  async function Page({ params, searchParams }: PageProps) {
    const parsed = parseLogViewerParams(await params);
    if (!parsed) notFound();
    const initial = parseLogViewerUrl(await searchParams);
    // A link to another log, line or search opens a fresh viewer.
    const key = JSON.stringify([parsed.id, parsed.name, initial]);
    const cookie = (await cookies()).get(SESSION_COOKIE)?.value;
    const data = opensAtEnd(initial)
      ? await viewerPageData(scope, parsed.id, parsed.name, cookie, PAGE_LINES)
      : null;
    return (
      <LogViewerPage
        key={key}
        scope={scope}
        instanceId={parsed.id}
        logName={parsed.name}
        initial={initial}
        initialLines={data?.lines}
        initialTimeline={data?.timeline}
      />
    );
  }

  return { generateMetadata, Page };
}
