// No "server-only" here: the Playwright specs use this too (they run outside Next's bundler).
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * A real filesystem of `sizeBytes` (tmpfs) at a fresh directory, for tests of a full disk: writes
 * past its size fail with ENOSPC as on a full disk. Mounting needs root (or CAP_SYS_ADMIN), as the
 * test machines and CI have; without it the test fails and says why.
 */
export function mountSmallTmpfs(sizeBytes: number, name = "trove-logs-full-disk-") {
  const dir = mkdtempSync(join(tmpdir(), name));
  const mountPoint = join(dir, "mnt");
  mkdirSync(mountPoint);
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", `size=${sizeBytes},mode=0755`, "tmpfs", mountPoint], {
      stdio: ["ignore", "ignore", "pipe"],
    });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const said = (error as { stderr?: Buffer }).stderr?.toString().trim();
    throw new Error(
      `Cannot mount a ${sizeBytes}-byte tmpfs for the full-disk test (it needs root or CAP_SYS_ADMIN): ` +
        (said || (error as Error).message),
    );
  }
  return {
    dir: mountPoint,
    unmount() {
      try {
        execFileSync("umount", [mountPoint], { stdio: "ignore" });
      } catch {
        execFileSync("umount", ["-l", mountPoint], { stdio: "ignore" }); // still busy: detach it now
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
