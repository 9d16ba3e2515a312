// GET …/log/{name}/filter?q=&regex=&case=&context=&level= — NDJSON: matching entries (administrators only)
import { filterHandler } from "@/lib/server/http/handlers/filter-handler";

export const GET = filterHandler("admin");
