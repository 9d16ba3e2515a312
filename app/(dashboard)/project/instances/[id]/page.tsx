import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { InstanceDetail } from "@/components/instances/instance-detail";
import { parseInstancePageParams } from "@/lib/instance-page-params";

export const metadata: Metadata = { title: "Instance" };

export default async function ProjectInstancePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ tab?: string | string[] }>;
}) {
  const parsed = parseInstancePageParams(await params, await searchParams);
  if (!parsed) notFound();
  return <InstanceDetail scope="project" id={parsed.id} tab={parsed.tab} />;
}
