import "server-only";
import { sealData, unsealData } from "iron-session";
import { z } from "zod";

export const SESSION_COOKIE = "trove_logs_session";

/** What the sealed cookie holds. It is encrypted and authenticated; the browser cannot read or forge it. */
export const sessionSchema = z.object({
  v: z.literal(1),
  userId: z.string(),
  username: z.string(),
  projectId: z.string(),
  roles: z.array(z.string()),
  expiresAt: z.number(),
});
export type Session = z.infer<typeof sessionSchema>;

export async function sealSession(session: Session, secret: string, ttlSeconds: number): Promise<string> {
  return sealData(session, { password: secret, ttl: ttlSeconds });
}

export async function unsealSession(sealed: string, secret: string): Promise<Session | undefined> {
  try {
    const data = await unsealData<unknown>(sealed, { password: secret });
    const parsed = sessionSchema.safeParse(data);
    if (!parsed.success || parsed.data.expiresAt <= Date.now()) return undefined;
    return parsed.data;
  } catch {
    return undefined;
  }
}

export function sessionCookie(value: string, options: { maxAge: number; secure: boolean }): string {
  const parts = [
    `${SESSION_COOKIE}=${value}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    `Max-Age=${options.maxAge}`,
  ];
  if (options.secure) parts.push("Secure");
  return parts.join("; ");
}

export function readCookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return rest.join("=");
  }
  return undefined;
}
