// Any other /api path: a JSON 404 instead of the HTML not-found page.
import { jsonError } from "@/lib/server/http/errors";

const notFound = async () => jsonError(404, "not_found", "No such API endpoint.");
export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
