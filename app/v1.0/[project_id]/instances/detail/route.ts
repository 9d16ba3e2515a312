// GET /v1.0/{project_id}/instances/detail — Trove's instance list with each instance's details
export { listInstanceDetails as GET } from "@/lib/server/trove-api/trove-handlers";
