const DATASTORE_NAMES: Record<string, string> = {
  mysql: "MySQL",
  mariadb: "MariaDB",
  postgresql: "PostgreSQL",
};

/** "mysql", "8.0.36" → "MySQL 8.0.36" (unknown datastores keep Trove's name). */
export function datastoreLabel(datastore: { type: string; version: string }): string {
  const name = DATASTORE_NAMES[datastore.type] ?? datastore.type;
  return datastore.version ? `${name} ${datastore.version}` : name;
}

/** Trove's instance status as Horizon shows it: RESTART_REQUIRED → "Restart Required". */
export function instanceStatusLabel(status: string): string {
  return status
    .toLowerCase()
    .split("_")
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join(" ");
}

export type InstanceStatusTone = "green" | "amber" | "red" | "neutral";

export function instanceStatusTone(status: string): InstanceStatusTone {
  if (status === "ACTIVE") return "green";
  if (status === "RESTART_REQUIRED") return "amber";
  if (status === "ERROR" || status === "SHUTDOWN") return "red";
  return "neutral";
}

/** Trove restarts a running instance, one waiting for a restart, or one shut down (trove-dashboard's rule). */
export function canRestart(status: string): boolean {
  return status === "ACTIVE" || status === "RESTART_REQUIRED" || status === "SHUTDOWN";
}

/** "2026-12-01 20:40:06 UTC": Trove's times as one reads them, the same in every browser zone. */
export function formatUtcTime(iso: string): string {
  const time = new Date(iso);
  if (Number.isNaN(time.getTime())) return iso;
  return `${time.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}
