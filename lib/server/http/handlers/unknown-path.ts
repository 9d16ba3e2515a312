import "server-only";
import { jsonError } from "../errors";

/** Any path under /api without a route: a JSON 404 (a route of its own, so Next never renders a page). */
export const unknownApiPath = async () => jsonError(404, "not_found", "No such API endpoint.");
