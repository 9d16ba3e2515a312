// GET /api/instances/{id}/log[?details=1] — the logs; POST — Trove's log action {name, enable|disable|publish|discard: 1}
import { listLogsHandler, logActionHandler } from "@/lib/server/http/handlers/log-handlers";

export const GET = listLogsHandler("project");
export const POST = logActionHandler("project");
