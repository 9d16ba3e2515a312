// GET …/log/{name}/lines?tail=C | from_line=N&count=C — a window of lines for the viewer (administrators only)
import { linesHandler } from "@/lib/server/http/handlers/read-handlers";

export const GET = linesHandler("admin");
