// GET /v1.0/{project_id}/instances/{id} — Trove's API
export { showInstance as GET } from "@/lib/server/trove-api/trove-handlers";
