// GET …/log/{name}/tail?lines=N — text/plain, last N lines of the published log
import { tailHandler } from "@/lib/server/http/handlers/read-handlers";

export const GET = tailHandler("project");
