// GET /v1.0/{project_id}/instances — Trove's API, for python-troveclient (X-Auth-Token from Keystone)
export { listInstances as GET } from "@/lib/server/trove-api/trove-handlers";
