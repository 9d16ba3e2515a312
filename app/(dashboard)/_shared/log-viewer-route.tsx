import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { LogViewerPage } from "@/components/logs/log-viewer/log-viewer-page";
import { parseLogViewerParams, parseLogViewerUrl } from "@/lib/api/log-viewer-url";
import type { Scope } from "@/lib/paths";

interface PageProps {
  params: Promise<{ id: string; name: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

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
    return (
      <LogViewerPage key={key} scope={scope} instanceId={parsed.id} logName={parsed.name} initial={initial} />
    );
  }

  return { generateMetadata, Page };
}
