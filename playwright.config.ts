import { randomUUID } from "node:crypto";
import { defineConfig } from "@playwright/test";
import { CHROMIUM_LAUNCH } from "./e2e/fixtures/chromium";
import { prepareDatastoreRun } from "./e2e/fixtures/datastore-run";
import { prepareKeystoneRun, prepareOpenstackRun } from "./e2e/fixtures/keystone-run";
import { prepareRun } from "./e2e/fixtures/run";

// One run directory per test run: the runner picks the id and its workers inherit it.
process.env.TROVE_LOGS_E2E_RUN ??= randomUUID();
const run = prepareRun(process.env.TROVE_LOGS_E2E_RUN);
// Signs in through the real Keystone of scripts/services/keystone.sh (npm test starts it).
const keystoneServer = prepareKeystoneRun(run.dir, run.demo.port);
// The dashboard in openstack mode: Trove (the server above) and Swift found in the Keystone catalog.
const openstackServer = prepareOpenstackRun(run.dir, run.demo.port);
// Instances backed by the real MariaDB of scripts/services/mariadb.sh (npm test starts it).
const datastoreServer = prepareDatastoreRun(run.dir, run.demo.port);

const server = (port: number, env: Record<string, string>) => ({
  command: "node scripts/start.mjs",
  url: `http://127.0.0.1:${port}/api/auth/session`,
  // 401 without a session: the server is up.
  ignoreHTTPSErrors: true,
  reuseExistingServer: false,
  timeout: 300_000,
  stdout: "pipe" as const,
  stderr: "pipe" as const,
  env: {
    TROVE_LOGS_HOST: "127.0.0.1",
    PORT: String(port),
    TROVE_LOGS_ADMIN_PASSWORD: run.passwords.admin,
    TROVE_LOGS_DEMO_PASSWORD: run.passwords.demo,
    // One JSON line per request would bury the test output; e2e/api/ops-process.spec.ts checks the log.
    TROVE_LOGS_ACCESS_LOG: "0",
    ...env,
  },
});

/** Debian's Chromium, at a desktop size (wide enough for every table column and label). */
const chromium = {
  browserName: "chromium" as const,
  viewport: { width: 1440, height: 900 },
  launchOptions: CHROMIUM_LAUNCH,
};

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]],
  timeout: 60_000,
  // Checks right after a page load may wait for hydration, which loaded CI cores have delayed by up
  // to ~8 s: 5 s (the default) made such checks flaky; a check that holds still passes at once.
  expect: { timeout: 12_000 },
  use: { trace: "retain-on-failure", screenshot: "only-on-failure" },
  projects: [
    {
      name: "api",
      testMatch: /\/e2e\/api\/.*\.spec\.ts/,
      testIgnore: /\/e2e\/api\/keystone-.*\.spec\.ts/,
      use: { baseURL: run.configured.url },
    },
    {
      // Three replicas behind haproxy with Keystone, Swift and memcached: started by the spec itself.
      name: "replicas",
      testMatch: /\/e2e\/replicas\/.*\.spec\.ts/,
    },
    {
      name: "keystone-api",
      testMatch: /\/e2e\/api\/keystone-.*\.spec\.ts/,
      use: { baseURL: keystoneServer.url },
    },
    {
      name: "ui",
      testMatch: /\/e2e\/ui\/.*\.spec\.ts/,
      testIgnore: [
        /\/e2e\/ui\/configured\//,
        /\/e2e\/ui\/keystone\//,
        /\/e2e\/ui\/datastores\//,
        /\/e2e\/ui\/openstack\//,
      ],
      use: { baseURL: run.demo.url, ...chromium },
    },
    {
      // Signing in through the real Keystone: the form's Keystone fields, roles, projects, expiry.
      name: "ui-keystone",
      testMatch: /\/e2e\/ui\/keystone\/.*\.spec\.ts/,
      use: { baseURL: keystoneServer.url, ...chromium },
    },
    {
      // The dashboard proxying a Trove (our Trove API) and reading Swift with the user's token.
      name: "ui-openstack",
      testMatch: /\/e2e\/ui\/openstack\/.*\.spec\.ts/,
      use: { baseURL: openstackServer.url, ...chromium },
    },
    {
      // Real MariaDB behind an instance: its general log switched on and off for real.
      name: "ui-datastores",
      testMatch: /\/e2e\/ui\/datastores\/.*\.spec\.ts/,
      use: { baseURL: datastoreServer.url, ...chromium },
    },
    {
      // Browser flows that need controlled log content: the configured server's files are the tests'.
      name: "ui-configured",
      testMatch: /\/e2e\/ui\/configured\/.*\.spec\.ts/,
      use: { baseURL: run.configured.url, ...chromium },
    },
  ],
  webServer: [
    server(run.demo.port, { TROVE_LOGS_DATA_DIR: run.demo.dataDir }),
    server(run.configured.port, {
      TROVE_LOGS_DATA_DIR: run.configured.dataDir,
      TROVE_LOGS_CONFIG: run.configured.configFile,
      TROVE_LOGS_METRICS_TOKEN: run.metricsToken,
    }),
    server(keystoneServer.port, keystoneServer.env),
    server(datastoreServer.port, datastoreServer.env),
    server(openstackServer.port, openstackServer.env),
  ],
});
