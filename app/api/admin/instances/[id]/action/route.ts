// POST /api/admin/instances/{id}/action — {"restart": {}} applies pending log toggles (administrators only)
import { instanceActionHandler } from "@/lib/server/http/handlers/instance-handlers";

export const POST = instanceActionHandler("admin");
