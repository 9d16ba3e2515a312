import { z } from "zod";

export const loginBodySchema = z.object({
  username: z.string().trim().min(1, "username is required").max(255),
  password: z.string().min(1, "password is required").max(1024),
  /** Optional project to scope the session to; defaults to the user's first project. */
  project: z.string().max(255).optional(),
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
});
export type SessionView = z.infer<typeof sessionViewSchema>;
