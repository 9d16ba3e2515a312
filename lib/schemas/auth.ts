import { z } from "zod";

const optionalText = (max: number) =>
  z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
    z.string().trim().max(max).optional(),
  );

export const loginBodySchema = z.object({
  username: z.string().trim().min(1, "username is required").max(255),
  password: z.string().min(1, "password is required").max(1024),
  /** Optional project (name or id) to scope the session to; defaults to the user's default or first project. */
  project: optionalText(255),
  /** Keystone: the user's domain name; the server's default (usually `Default`) when absent. */
  domain: optionalText(255),
});
export type LoginBody = z.infer<typeof loginBodySchema>;

export const projectRefSchema = z.object({ id: z.string(), name: z.string() });
export type ProjectRef = z.infer<typeof projectRefSchema>;

export const sessionViewSchema = z.object({
  user: z.object({ id: z.string(), name: z.string() }),
  project: projectRefSchema,
  projects: z.array(projectRefSchema),
  roles: z.array(z.string()),
  is_admin: z.boolean(),
  /** Who signed the user in: the embedded users or Keystone. */
  identity: z.enum(["local", "keystone"]),
});
export type SessionView = z.infer<typeof sessionViewSchema>;

/** GET /api/auth/config: what the login form needs to know before anyone signs in. */
export const authConfigSchema = z.object({
  identity: z.enum(["local", "keystone"]),
  /** Keystone's default user domain (prefilled in the form); null in local mode. */
  default_domain: z.string().nullable(),
});
export type AuthConfig = z.infer<typeof authConfigSchema>;
