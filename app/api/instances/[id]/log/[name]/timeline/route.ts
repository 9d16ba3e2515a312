// GET …/log/{name}/timeline?buckets=N — the whole log's volume over time
import { timelineHandler } from "@/lib/server/http/handlers/time-handlers";

export const GET = timelineHandler("project");
