// Any /api path without a route of its own (and /api itself): a JSON 404, never the HTML not-found page.
import { unknownApiPath } from "@/lib/server/http/handlers/unknown-path";

export {
  unknownApiPath as GET,
  unknownApiPath as POST,
  unknownApiPath as PUT,
  unknownApiPath as PATCH,
  unknownApiPath as DELETE,
};
