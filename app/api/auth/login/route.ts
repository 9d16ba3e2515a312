// POST /api/auth/login — {username, password, project?, domain?} → session cookie + the session view
import { loginHandler } from "@/lib/server/http/handlers/session-handlers";

export const POST = loginHandler();
