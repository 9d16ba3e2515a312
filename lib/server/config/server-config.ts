import "server-only";
import { accessSync, constants } from "node:fs";
import { z } from "zod";
import type { DatastoreType } from "@/lib/schemas/instance";

const absolutePath = z.string().regex(/^\//, "must be an absolute path");

/**
 * `instances[].server`: the real MariaDB/MySQL or PostgreSQL server an instance stands for.
 * Secrets never sit in the file: `password_env` names an environment variable, `password_file` a file.
 */
export const serverSchema = z
  .object({
    host: z.string().min(1, "must not be empty").optional(),
    port: z.number().int().min(1).max(65535, "must be a port number").optional(),
    /** MySQL: the socket file; PostgreSQL: the directory holding the socket. */
    socket: absolutePath.optional(),
    user: z.string().min(1, "must not be empty"),
    password_env: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "must be the name of an environment variable")
      .optional(),
    password_file: absolutePath.optional(),
    /** Refused with a hint: a password in the configuration file would be read by anyone who reads it. */
    password: z.unknown().optional(),
    /** PostgreSQL: the database to connect to (default postgres). */
    database: z.string().min(1, "must not be empty").optional(),
    /** Seconds before a connection attempt or a statement gives up. */
    timeout: z.number().positive("must be more than 0 seconds").max(300).default(5),
    /** argv that restarts the server, no shell (e.g. ["pg_ctlcluster", "15", "main", "restart"]). */
    restart_command: z.array(z.string().min(1, "must not be empty")).min(1, "must name a program").optional(),
  })
  .strict()
  .superRefine((server, ctx) => {
    if (server.password !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["password"],
        message:
          "put the password in an environment variable (password_env) or a file (password_file), not here",
      });
    }
    if (!server.host && !server.socket) {
      ctx.addIssue({ code: "custom", path: ["host"], message: "give host (and port) or socket" });
    }
    if (server.password_env && server.password_file) {
      ctx.addIssue({
        code: "custom",
        path: ["password_file"],
        message: "give password_env or password_file, not both",
      });
    }
    if (server.password_env && process.env[server.password_env] === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["password_env"],
        message: `the environment variable ${server.password_env} is not set`,
      });
    }
    if (server.password_file) {
      try {
        accessSync(server.password_file, constants.R_OK);
      } catch (error) {
        ctx.addIssue({
          code: "custom",
          path: ["password_file"],
          message: `cannot read ${server.password_file} (${(error as NodeJS.ErrnoException).code ?? "error"})`,
        });
      }
    }
  });

export type ServerConfig = z.infer<typeof serverSchema>;

export { absolutePath };

/** Trove's guest_log_long_query_time defaults (ms): MySQL's long_query_time 1 s, PostgreSQL logs every duration. */
export const DEFAULT_LONG_QUERY_TIME_MS: Record<DatastoreType, number> = {
  mysql: 1000,
  mariadb: 1000,
  postgresql: 0,
};
