import "server-only";
import { z } from "zod";
import { readIfExists, writePrivateFile } from "@/lib/server/auth/private-file";

const recordSchema = z.object({ created: z.string(), updated: z.string(), status: z.string() });
const fileSchema = z.record(z.string(), recordSchema);
export type InstanceRecord = z.infer<typeof recordSchema>;

/**
 * Trove's `created` and `updated` of each instance, kept in the data directory: created is when this
 * service first served the instance, updated the last time its status changed (as Trove's database row
 * changes with the instance's status). Without a file (unit tests) they live in memory only.
 */
export class InstanceRecords {
  private readonly records: Record<string, InstanceRecord>;

  constructor(
    private readonly path: string | undefined,
    private readonly nowMillis: () => number,
  ) {
    const text = path ? readIfExists(path) : undefined;
    if (text === undefined) {
      this.records = {};
      return;
    }
    const parsed = fileSchema.safeParse(JSON.parse(text));
    if (!parsed.success)
      throw new Error(`${path} is not a valid instance records file: ${parsed.error.message}`);
    this.records = parsed.data;
  }

  /** Records instances seen for the first time (one write for all of them). */
  register(instances: Array<{ id: string; status: string }>): void {
    const now = new Date(this.nowMillis()).toISOString();
    let added = false;
    for (const { id, status } of instances) {
      if (this.records[id]) continue;
      this.records[id] = { created: now, updated: now, status };
      added = true;
    }
    if (added) this.save();
  }

  /** The instance's status as just seen: a different one than last time moves `updated`. */
  observe(id: string, status: string): InstanceRecord {
    const record = this.records[id];
    if (!record) {
      this.register([{ id, status }]);
      return this.records[id]!;
    }
    if (record.status !== status) {
      record.status = status;
      record.updated = new Date(this.nowMillis()).toISOString();
      this.save();
    }
    return record;
  }

  /** Something was done to the instance (a restart) even if its status reads the same. */
  touch(id: string): void {
    const record = this.records[id];
    if (!record) return;
    record.updated = new Date(this.nowMillis()).toISOString();
    this.save();
  }

  private save(): void {
    if (this.path) writePrivateFile(this.path, JSON.stringify(this.records, null, 2));
  }
}
