// GET /api/admin/instances/{id}/log[?details=1] — the logs; POST — Trove's log action {name, enable|disable|publish|discard: 1} (administrators only)
import { listLogsHandler, logActionHandler } from "@/lib/server/http/handlers/log-handlers";

export const GET = listLogsHandler("admin");
export const POST = logActionHandler("admin");
