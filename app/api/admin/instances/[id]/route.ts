// GET /api/admin/instances/{id} — one instance (404 for another project's) (administrators only)
import { getInstanceHandler } from "@/lib/server/http/handlers/instance-handlers";

export const GET = getInstanceHandler("admin");
