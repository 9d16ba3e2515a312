// POST /api/instances/{id}/action — {"restart": {}} applies pending log toggles
import { instanceActionHandler } from "@/lib/server/http/handlers/instance-handlers";

export const POST = instanceActionHandler("project");
