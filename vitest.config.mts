import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL(".", import.meta.url)),
      // lib/server modules mark themselves server-only for Next; under Node tests that is a no-op.
      "server-only": fileURLToPath(new URL("./lib/server/testing/server-only-noop.ts", import.meta.url)),
    },
  },
  test: {
    include: ["lib/**/*.test.ts", "scripts/**/*.test.ts", "components/**/*.test.ts", "e2e/**/*.test.ts"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Two at a time (the default is cores − 1 = 1 here): most files wait on real services (Swift,
    // Keystone, the databases), so a second one overlaps them — 222 s instead of 347 s for the suite.
    maxWorkers: 2,
  },
});
