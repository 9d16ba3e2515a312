#!/usr/bin/env node
// `npm start`: builds the app when the build is missing or older than the sources, then serves it
// with `next start` on $HOSTNAME:$PORT (default 127.0.0.1:3000). The app itself validates the
// rest of the environment (lib/env.ts) and the configuration when it boots.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

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
if (!existsSync(buildId) || sourcesChanged()) {
  console.log("[trove-logs] Building the app (first start, or the sources changed)…");
  const build = spawnSync(process.execPath, [nextBin, "build"], {
    cwd: root,
    stdio: "inherit",
    env: { NEXT_TELEMETRY_DISABLED: "1", ...process.env },
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const hostname = process.env.HOSTNAME || "127.0.0.1";
const port = process.env.PORT || "3000";
// A small young generation: the server mostly streams logs through, and under that allocation rate V8
// grows the young generation towards ~48 MB. With 1 MB semi-spaces the peak RSS growth over a 1 GB
// download from Swift measured 2–13 MB instead of 50–72 MB (bench/openstack-1gb.ts).
const nodeOptions = [process.env.NODE_OPTIONS, "--max-semi-space-size=1"].filter(Boolean).join(" ");
const server = spawn(process.execPath, [nextBin, "start", "-H", hostname, "-p", port], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, NODE_OPTIONS: nodeOptions },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
