// POST /v1.0/{project_id}/instances/{id}/action — Trove's instance action ({"restart": {}})
export { instanceAction as POST } from "@/lib/server/trove-api/trove-handlers";
