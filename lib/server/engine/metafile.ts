import "server-only";
import { z } from "zod";
import { isNotFound, type ObjectStore } from "@/lib/server/object-store/object-store";
import { readObjectText } from "@/lib/server/object-store/read-object";

/**
 * Trove's metafile keys, plus two of ours that Trove ignores: the digest of the bytes before the
 * published end (catches rotations that keep the first line) and the newest object it accounts for.
 */
const metafileSchema = z.object({
  log_name: z.string(),
  log_type: z.string(),
  log_file: z.string(),
  log_size: z.coerce.number().int().nonnegative(),
  log_header_digest: z.string(),
  log_tail_digest: z.string().optional(),
  log_last_object: z.string().optional(),
});
export type Metafile = z.infer<typeof metafileSchema>;

export interface Location {
  store: ObjectStore;
  account: string;
  container: string;
}

/** The metafile, or undefined when there is none (or it is not one of ours/Trove's). */
export async function readMetafile(at: Location, name: string): Promise<Metafile | undefined> {
  let text: string;
  try {
    text = await readObjectText(at.store, at.account, at.container, name, 64 * 1024);
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
  try {
    const parsed = metafileSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export async function writeMetafile(
  at: Location,
  name: string,
  meta: Metafile,
  expiry: number,
): Promise<void> {
  await at.store.putObject(at.account, at.container, name, JSON.stringify(meta), {
    contentType: "application/json",
    deleteAfter: expiry > 0 ? expiry : undefined,
  });
}
