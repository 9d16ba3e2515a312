import { fileURLToPath } from "node:url";

/** The checkout the benchmarks run in: the app is started and the service scripts are run from here. */
export const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));
