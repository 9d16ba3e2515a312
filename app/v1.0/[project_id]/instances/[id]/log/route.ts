// GET/POST /v1.0/{project_id}/instances/{id}/log — Trove's log-list and log action
export { listLogs as GET, logAction as POST } from "@/lib/server/trove-api/trove-handlers";
