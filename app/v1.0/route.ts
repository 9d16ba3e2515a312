// `/v1.0` with nothing after it: Trove's tenant check refuses it (403), for every method.
import { projectlessTrovePath } from "@/lib/server/trove-api/trove-handlers";

export {
  projectlessTrovePath as GET,
  projectlessTrovePath as POST,
  projectlessTrovePath as PUT,
  projectlessTrovePath as PATCH,
  projectlessTrovePath as DELETE,
};
