// GET /api/admin/instances — instances of the project (admin: every project) (administrators only)
import { listInstancesHandler } from "@/lib/server/http/handlers/instance-handlers";

export const GET = listInstancesHandler("admin");
