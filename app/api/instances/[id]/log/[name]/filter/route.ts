// GET …/log/{name}/filter?q=&regex=&case=&context=&level= — NDJSON: matching entries of the whole published log
import { filterHandler } from "@/lib/server/http/handlers/filter-handler";

export const GET = filterHandler("project");
