// GET …/log/{name}/search?q=&regex=&case= — NDJSON matches across the whole published log
import { searchHandler } from "@/lib/server/http/handlers/read-handlers";

export const GET = searchHandler("project");
