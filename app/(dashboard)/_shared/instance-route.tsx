import { notFound } from "next/navigation";
import { InstanceDetail } from "@/components/instances/instance-detail";
import { parseInstancePageParams } from "@/lib/instance-page-params";
import type { Scope } from "@/lib/paths";

interface PageProps {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ tab?: string | string[] }>;
}

/** The instance page (Overview / Logs tabs) of one dashboard. */
export function instanceRoute(scope: Scope) {
  return async function Page({ params, searchParams }: PageProps) {
    const parsed = parseInstancePageParams(await params, await searchParams);
    if (!parsed) notFound();
    return <InstanceDetail scope={scope} id={parsed.id} tab={parsed.tab} />;
  };
}
