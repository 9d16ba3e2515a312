// GET /v1.0/{project_id}/mgmt/instances — Trove's management API: instances of every project (admins)
export { listAllInstances as GET } from "@/lib/server/trove-api/trove-handlers";
