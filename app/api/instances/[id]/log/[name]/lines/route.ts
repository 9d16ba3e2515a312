// GET …/log/{name}/lines?tail=C | from_line=N&count=C — a window of lines for the viewer
import { linesHandler } from "@/lib/server/http/handlers/read-handlers";

export const GET = linesHandler("project");
