import "server-only";
import type { Instance } from "@/lib/schemas/instance";
import type { TroveInstance } from "./trove-client";

/** Trove writes UTC times without a zone ("2026-12-01T20:40:06"): say so, for browsers in other zones. */
export const utcTime = (time: string) => (/(Z|[+-]\d\d:?\d\d)$/.test(time) ? time : `${time}Z`);

/** What Trove's instance show adds for the Overview: times, flavor, volume, and the fault of an ERROR. */
export function troveDetails(raw: TroveInstance): Partial<Instance> {
  return {
    ...(raw.created && { created: utcTime(raw.created) }),
    ...(raw.updated && { updated: utcTime(raw.updated) }),
    ...(raw.flavor && { flavor: { id: raw.flavor.id } }),
    ...(raw.volume && {
      volume: { size: raw.volume.size, ...(raw.volume.used !== undefined && { used: raw.volume.used }) },
    }),
    ...(raw.fault && { fault: { message: raw.fault.message, created: utcTime(raw.fault.created) } }),
  };
}
