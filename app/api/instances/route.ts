// GET /api/instances — instances of the project (admin: every project)
import { listInstancesHandler } from "@/lib/server/http/handlers/instance-handlers";

export const GET = listInstancesHandler("project");
