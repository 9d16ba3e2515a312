import "server-only";

/** Trove's layout: `<instance_id>/<datastore>-<log>/` holds the objects, the metafile sits beside it. */
export function logPrefix(instanceId: string, datastore: string, logName: string): string {
  return `${instanceId}/${datastore}-${logName}/`;
}

export function metafileName(prefix: string): string {
  return `${prefix.replace(/\/+$/, "")}_metafile`;
}

/** Where replicas without memcached keep a log's publish lease: beside the metafile, outside the prefix. */
export function leaseName(prefix: string): string {
  return `${prefix.replace(/\/+$/, "")}_lease`;
}

/** `YYYY-MM-DDTHH:MM:SS.ffffff` in UTC from microseconds since the epoch (Python's str(utcnow()) with 'T'). */
export function formatMicros(micros: number): string {
  const millis = Math.floor(micros / 1000);
  const iso = new Date(millis).toISOString(); // 2026-11-25T14:03:12.123Z
  const fraction = String(micros % 1_000_000).padStart(6, "0");
  return `${iso.slice(0, 19)}.${fraction}`;
}

const NAME_PATTERN = /log-(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?$/;

/** Microseconds encoded in an object name, or undefined for names we did not write. */
export function parseObjectMicros(name: string): number | undefined {
  const match = NAME_PATTERN.exec(name);
  if (!match) return undefined;
  const seconds = Date.parse(`${match[1]}Z`);
  if (Number.isNaN(seconds)) return undefined;
  return seconds * 1000 + Number((match[2] ?? "0").padEnd(6, "0"));
}

/**
 * Hands out object names that sort strictly after every name already used for the log,
 * so name order is publish order even when the clock stalls or steps back.
 */
export class ObjectNamer {
  private lastMicros = 0;

  constructor(
    private readonly prefix: string,
    private readonly nowMillis: () => number = Date.now,
  ) {}

  /** Never hand out a name at or before one that already exists in the store. */
  observe(existingName: string | undefined): void {
    const micros = existingName ? parseObjectMicros(existingName) : undefined;
    if (micros !== undefined && micros > this.lastMicros) this.lastMicros = micros;
  }

  next(): string {
    const micros = Math.max(this.nowMillis() * 1000, this.lastMicros + 1);
    this.lastMicros = micros;
    return `${this.prefix}log-${formatMicros(micros)}`;
  }
}
