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
