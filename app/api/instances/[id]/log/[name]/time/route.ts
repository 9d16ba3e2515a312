// GET …/log/{name}/time?at=<ISO 8601> — the first line at or after an instant
import { timeHandler } from "@/lib/server/http/handlers/time-handlers";

export const GET = timeHandler("project");
