// GET …/log/{name}/search?q=&regex=&case= — NDJSON matches across the whole published log (administrators only)
import { searchHandler } from "@/lib/server/http/handlers/read-handlers";

export const GET = searchHandler("admin");
