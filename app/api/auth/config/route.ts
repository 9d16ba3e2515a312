// GET /api/auth/config — public: which identity signs people in ({identity, default_domain})
import { authConfigHandler } from "@/lib/server/http/handlers/session-handlers";

export const GET = authConfigHandler();
