// Any other path of the Trove API: Trove's 404 fault, for every method.
import { unknownTrovePath } from "@/lib/server/trove-api/trove-handlers";

export {
  unknownTrovePath as GET,
  unknownTrovePath as POST,
  unknownTrovePath as PUT,
  unknownTrovePath as PATCH,
  unknownTrovePath as DELETE,
};
