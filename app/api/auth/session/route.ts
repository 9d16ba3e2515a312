// GET /api/auth/session — who is signed in, in which project (401 when nobody)
import { sessionHandler } from "@/lib/server/http/handlers/session-handlers";

export const GET = sessionHandler();
