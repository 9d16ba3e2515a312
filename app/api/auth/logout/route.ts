// POST /api/auth/logout — forgets the session cookie
import { publicRoute } from "@/lib/server/http/route";
import { clearSessionCookie } from "@/lib/server/http/session-cookies";

export const POST = publicRoute({ mutation: true }, async ({ request, runtime }) =>
  Response.json(
    { ok: true },
    { headers: { "Set-Cookie": clearSessionCookie(request, runtime), "Cache-Control": "no-store" } },
  ),
);
