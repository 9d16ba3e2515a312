import "server-only";
import type { DatastoreType } from "@/lib/schemas/instance";
import { randInt, type Random } from "./random-source";

/** Where the guest image installs the agent's Python packages. */
export const SITE = "/opt/guest-agent-venv/lib/python3.10/site-packages";

/** One oslo.log record: level, logger, request context, message, where a DEBUG record came from, traceback. */
export interface GuestRecord {
  level: "DEBUG" | "INFO" | "WARNING" | "ERROR";
  logger: string;
  /** `-` outside a request, else the request id. */
  request: string;
  message: string;
  /** DEBUG records end with `<function> <file>:<line>`. */
  origin?: [fn: string, file: string, line: number];
  traceback?: string[];
}

export interface GuestContext {
  instanceId: string;
  datastore: DatastoreType;
}

/** A record outside any request (periodic tasks, startup). */
export function record(
  level: GuestRecord["level"],
  logger: string,
  message: string,
  origin?: GuestRecord["origin"],
): GuestRecord {
  return { level, logger, request: "-", message, origin };
}

/** The Python package of a datastore's guest manager (`postgres`, not `postgresql`). */
export function datastorePackage(datastore: DatastoreType): string {
  return datastore === "postgresql" ? "postgres" : datastore;
}

/** What the agent logs when it starts. */
export function startupRecords(random: Random, ctx: GuestContext, version: string): GuestRecord[] {
  const manager = `trove.guestagent.datastore.${datastorePackage(ctx.datastore)}.manager.Manager`;
  const port = randInt(random, 32_768, 60_999);
  return [
    record("INFO", "trove.cmd.guest", `Starting trove-guestagent for instance ${ctx.instanceId}`),
    record(
      "INFO",
      "trove.common.rpc.service",
      `Starting RPC server for ${manager} on topic guestagent.${ctx.instanceId}`,
    ),
    record(
      "INFO",
      "oslo.messaging._drivers.impl_rabbit",
      `Connected to AMQP server on 10.0.0.5:5672 via [amqp] client with port ${port}.`,
    ),
    record("INFO", "trove.guestagent.datastore.manager", `Starting datastore ${ctx.datastore} ${version}.`),
    record("INFO", "trove.guestagent.datastore.service", "Database service status is HEALTHY."),
  ];
}

/** The periodic status check and heartbeat. */
export function heartbeatRecords(ctx: GuestContext): GuestRecord[] {
  return [
    record("DEBUG", "oslo_service.periodic_task", "Running periodic task Manager.update_status", [
      "run_periodic_tasks",
      `${SITE}/oslo_service/periodic_task.py`,
      210,
    ]),
    record("DEBUG", "trove.guestagent.datastore.service", "Checking the status of the database service.", [
      "get_actual_db_status",
      `${SITE}/trove/guestagent/datastore/service.py`,
      112,
    ]),
    record(
      "DEBUG",
      "trove.conductor.api",
      `Sending heartbeat for instance ${ctx.instanceId}: status HEALTHY`,
      ["heartbeat", `${SITE}/trove/conductor/api.py`, 79],
    ),
  ];
}
