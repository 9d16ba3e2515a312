import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { LogViewerPage } from "@/components/logs/log-viewer/log-viewer-page";
import { parseLogViewerParams, parseLogViewerUrl } from "@/lib/api/log-viewer-url";

interface PageProps {
  params: Promise<{ id: string; name: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params }: PageProps): Promise<Metadata> {
  const parsed = parseLogViewerParams(await params);
  return { title: parsed ? `${parsed.name} log` : "Log" };
}

export default async function AdminLogViewerPage({ params, searchParams }: PageProps) {
  const parsed = parseLogViewerParams(await params);
  if (!parsed) notFound();
  const initial = parseLogViewerUrl(await searchParams);
  // A link to another log, line or search opens a fresh viewer.
  const key = JSON.stringify([parsed.id, parsed.name, initial]);
  return (
    <LogViewerPage key={key} scope="admin" instanceId={parsed.id} logName={parsed.name} initial={initial} />
  );
}
