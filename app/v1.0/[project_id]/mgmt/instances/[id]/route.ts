// GET /v1.0/{project_id}/mgmt/instances/{id} — Trove's management API: one instance of any project (admins)
export { showAnyInstance as GET } from "@/lib/server/trove-api/trove-handlers";
