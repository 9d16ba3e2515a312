import { instanceIdSchema } from "@/lib/schemas/instance";

export type InstancePageTab = "overview" | "logs";

/** `[id]` and `?tab=` of an instance page; an id that cannot exist is a 404 before any fetch. */
export function parseInstancePageParams(
  params: { id: string },
  searchParams: { tab?: string | string[] },
): { id: string; tab: InstancePageTab } | undefined {
  let raw: string;
  try {
    raw = decodeURIComponent(params.id);
  } catch {
    return undefined;
  }
  const id = instanceIdSchema.safeParse(raw);
  if (!id.success) return undefined;
  return { id: id.data, tab: searchParams.tab === "logs" ? "logs" : "overview" };
}
