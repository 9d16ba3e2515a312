import "server-only";
import type { DatastoreType } from "@/lib/schemas/instance";
import type { LogSettings } from "../log-settings";
import type { DatastoreControl } from "./datastore-control";
import { FileSettingsControl } from "./file-settings-control";
import { MysqlControl } from "./mysql-control";
import { PostgresqlControl } from "./postgresql-control";
import type { ServerSettings } from "./server-settings";

/** The control for an instance: its real server when it names one, else the file settings. */
export function createDatastoreControl(
  instance: { id: string; datastore: { type: DatastoreType }; server?: { settings: ServerSettings } },
  settings: LogSettings,
): DatastoreControl {
  if (!instance.server) return new FileSettingsControl(instance.id, settings);
  switch (instance.datastore.type) {
    case "mysql":
    case "mariadb":
      return new MysqlControl(instance.datastore.type, instance.server.settings);
    case "postgresql":
      return new PostgresqlControl(instance.server.settings);
  }
}
