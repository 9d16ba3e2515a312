// GET …/log/{name}/timeline?buckets=N — the whole log's volume over time (administrators only)
import { timelineHandler } from "@/lib/server/http/handlers/time-handlers";

export const GET = timelineHandler("admin");
