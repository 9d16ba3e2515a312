// POST /api/auth/logout — ends the session (Keystone: revokes its token) and forgets the cookie
import { logoutHandler } from "@/lib/server/http/handlers/session-handlers";

export const POST = logoutHandler();
