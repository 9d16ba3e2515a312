// GET /api/instances/{id} — one instance (404 for another project's)
import { getInstanceHandler } from "@/lib/server/http/handlers/instance-handlers";

export const GET = getInstanceHandler("project");
