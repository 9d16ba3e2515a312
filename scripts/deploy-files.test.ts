import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { validate } from "dockerfile-utils";
import { describe, expect, it } from "vitest";

const dockerfile = readFileSync(new URL("../Dockerfile", import.meta.url), "utf8");
const unitPath = new URL("../deploy/trove-logs.service", import.meta.url).pathname;
const unit = readFileSync(unitPath, "utf8");

describe("the container image definition", () => {
  it("passes the Dockerfile linter (dockerfile-utils, as VS Code's Docker extension runs it)", () => {
    const problems = validate(dockerfile).map(
      (problem) => `line ${problem.range.start.line + 1}: ${problem.message}`,
    );
    expect(problems).toEqual([]);
  });

  it("builds in stages and runs as a non-root user, with the data volume and a health check", () => {
    expect(dockerfile.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(3);
    const runtime = dockerfile.slice(dockerfile.lastIndexOf("\nFROM "));
    expect(runtime).toMatch(/^USER 10001:10001$/m);
    expect(runtime).not.toMatch(/^RUN .*npm (ci|install)/m); // no build tools in what runs
    expect(runtime).toMatch(/^VOLUME \["\/data"\]$/m);
    expect(runtime).toMatch(/TROVE_LOGS_DATA_DIR=\/data/);
    expect(runtime).toMatch(/^HEALTHCHECK .*\n.*\/healthz/m);
    // The bundle is made at build time: at run time nothing is written outside /data and the tmpfs.
    expect(dockerfile).toMatch(/start\.mjs --prepare/);
    expect(runtime).toMatch(/CMD \["node", "--max-semi-space-size=1", "\.next\/trove-logs-server\.mjs"\]/);
  });
});

describe("the systemd unit", () => {
  it("passes systemd-analyze verify", () => {
    const found = spawnSync("systemd-analyze", ["--version"]);
    // A missing tool fails with the reason rather than skipping the check.
    expect(found.status, "systemd-analyze is missing: apt-get install systemd").toBe(0);
    const result = spawnSync("systemd-analyze", ["verify", unitPath], { encoding: "utf8" });
    // Other units on the machine may be reported too; nothing may be about ours.
    const ours = `${result.stdout}${result.stderr}`.split("\n").filter((line) => line.includes("trove-logs"));
    expect(ours).toEqual([]);
    expect(result.status).toBe(0);
  });

  it("is hardened: no new privileges, read-only system, writable data directory only, private /tmp", () => {
    for (const setting of [
      "NoNewPrivileges=yes",
      "ProtectSystem=strict",
      "ProtectHome=yes",
      "PrivateTmp=yes",
      "PrivateDevices=yes",
      "CapabilityBoundingSet=",
      "ReadWritePaths=/var/lib/trove-logs",
      "StateDirectory=trove-logs",
      "Environment=NODE_ENV=production TROVE_LOGS_DATA_DIR=/var/lib/trove-logs",
    ]) {
      expect(unit.split("\n")).toContain(setting);
    }
    // Stopping waits for the server's own grace time (20 s by default) and then some.
    expect(Number(/^TimeoutStopSec=(\d+)$/m.exec(unit)?.[1])).toBeGreaterThan(20);
  });
});
