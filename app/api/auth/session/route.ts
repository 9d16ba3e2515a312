// GET /api/auth/session — who is signed in, in which project (401 when nobody)
import { json } from "@/lib/server/http/respond";
import { sessionRoute } from "@/lib/server/http/route";
import { sessionView } from "@/lib/server/http/session-view";

export const GET = sessionRoute({}, async ({ session, caller, runtime }) =>
  json(sessionView({ session, caller }, runtime)),
);
