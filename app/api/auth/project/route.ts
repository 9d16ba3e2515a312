// POST /api/auth/project — {project} → the session, now scoped to that project
import { switchProjectHandler } from "@/lib/server/http/handlers/session-handlers";

export const POST = switchProjectHandler();
