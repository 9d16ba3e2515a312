#!/usr/bin/env node
// `npm start`: builds the app when the build is missing or older than the sources, then serves it
// behind our front door (server/main.ts) on $TROVE_LOGS_HOST:$PORT (default 127.0.0.1:3000). The
// server validates the environment (lib/env.ts) and the configuration when it boots.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, renameSync, statSync, writeFileSync } from "node:fs";
import { constants } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
const nextBin = join(root, "node_modules", "next", "dist", "bin", "next");
const SOURCES = [
  "app",
  "components",
  "lib",
  "public",
  "instrumentation.ts",
  "proxy.ts",
  "next.config.mjs",
  "package.json",
  "postcss.config.mjs",
  "tsconfig.json",
];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

const buildId = join(root, ".next", "BUILD_ID");
const sourcesChanged = () =>
  SOURCES.some((source) => newestMtime(join(root, source)) > statSync(buildId).mtimeMs);
/** The child that runs now (the build, then the server): stop signals are passed on to it. */
let current;
const exitCode = (code, signal) => (signal ? 128 + (constants.signals[signal] ?? 1) : (code ?? 1));
// `npm start` execs this script (package.json), so a signal sent to npm reaches it; the child gets
// it in turn, and this script exits with the child.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    const running = current && current.exitCode === null && current.signalCode === null;
    if (running) current.kill(signal);
    else process.exit(exitCode(null, signal)); // between children: nothing to wait for
  });
}
const run = (args, env) =>
  new Promise((resolve) => {
    current = spawn(process.execPath, args, { cwd: root, stdio: "inherit", env });
    current.on("exit", (code, signal) => resolve({ code, signal }));
  });

if (!existsSync(buildId) || sourcesChanged()) {
  console.log("[trove-logs] Building the app (first start, or the sources changed)…");
  const build = await run([nextBin, "build"], { NEXT_TELEMETRY_DISABLED: "1", ...process.env });
  if (build.code !== 0) process.exit(exitCode(build.code, build.signal));
}

// Our front door around Next (server/main.ts), bundled for plain Node; written to a temporary name and
// renamed, so servers starting side by side never run a half-written file.
const serverEntry = join(root, ".next", "trove-logs-server.mjs");
const bundled = await build({
  entryPoints: [join(root, "server", "main.ts")],
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  write: false,
  logLevel: "warning",
  plugins: [
    {
      // lib/server marks itself server-only for Next's bundler; in this plain Node entry it means nothing.
      name: "server-only",
      setup(esbuild) {
        esbuild.onResolve({ filter: /^server-only$/ }, () => ({ path: "server-only", namespace: "empty" }));
        esbuild.onLoad({ filter: /.*/, namespace: "empty" }, () => ({ contents: "" }));
      },
    },
  ],
});
const temporary = `${serverEntry}.${process.pid}.tmp`;
writeFileSync(temporary, bundled.outputFiles[0].contents);
renameSync(temporary, serverEntry);

// `--prepare`: build and bundle, then stop (container images and systemd installs run the bundle
// directly, on a read-only file system).
if (process.argv.includes("--prepare")) process.exit(0);

// A small young generation: the server mostly streams logs through, and under that allocation rate V8
// grows the young generation towards ~48 MB. With 1 MB semi-spaces the peak RSS growth over a 1 GB
// download from Swift measured 2–13 MB instead of 50–72 MB (bench/openstack-1gb.ts).
const server = await run(["--max-semi-space-size=1", serverEntry], {
  NODE_ENV: "production",
  ...process.env,
});
process.exit(exitCode(server.code, server.signal));
