// GET …/log/{name}/download — the whole published log as <name>.log, streamed (administrators only)
import { downloadHandler } from "@/lib/server/http/handlers/read-handlers";

export const GET = downloadHandler("admin");
