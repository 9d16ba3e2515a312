import { spawnSync } from "node:child_process";
import { createReadStream, createWriteStream, readFileSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { REPO_ROOT } from "../lib/repo-root";
import { parseEnvText, sha256File } from "../lib/run-command";
import type { SourceLog } from "../openstack/source-log";
import { servicePid } from "../openstack/services";

/**
 * The real Trove's guest "a" (scripts/services/trove.sh): a MariaDB and Trove's guest agent in a private
 * mount namespace. Its files are reached as the guest sees them, through the namespace holder's
 * /proc/<pid>/root, and its MariaDB as root over the guest's own socket (no namespace entered).
 */

/** `trove.sh env`: the real Trove's URL, region and instance ids (TROVE_LOGS_TEST_TROVE_*). */
export function troveEnv(): Record<string, string> {
  const ran = spawnSync("bash", [join(REPO_ROOT, "scripts/services/trove.sh"), "env"], { encoding: "utf8" });
  if (ran.status !== 0) throw new Error(`trove.sh env failed (is the real Trove running?):\n${ran.stderr}`);
  return parseEnvText(ran.stdout);
}

export class Guest {
  private readonly root: string;
  private saved: Buffer | undefined;

  /** `key`: trove.sh's guest ("a"); `manager`: its datastore manager (mariadb). */
  constructor(
    readonly key: string,
    private readonly manager: string,
  ) {
    const holder = servicePid("trove", `guest-${key}-ns`);
    if (!holder)
      throw new Error(`Trove's guest ${key} is not running (bash scripts/services/trove.sh status)`);
    this.root = `/proc/${holder}/root`;
  }

  /** A path inside the guest, as the host reaches it. */
  path(guestPath: string) {
    return `${this.root}${guestPath}`;
  }

  /** Runs SQL as the guest's MariaDB root (unix-socket authentication: we are root); tab-separated rows. */
  sql(statement: string): string[][] {
    const socket = this.path("/run/mysqld/mysqld.sock");
    const ran = spawnSync(
      "mariadb",
      ["--no-defaults", `--socket=${socket}`, "-uroot", "--batch", "--skip-column-names", "-e", statement],
      { encoding: "utf8" },
    );
    if (ran.status !== 0) throw new Error(`guest SQL "${statement}" failed: ${ran.stderr}`);
    return ran.stdout
      .split("\n")
      .filter(Boolean)
      .map((row) => row.split("\t"));
  }

  /**
   * The general log's file as Trove names it: <datadir>/<manager>-general.log (build_log_file_name),
   * which Trove's enable makes MariaDB's general_log_file.
   */
  generalLogFile(): string {
    const datadir = this.sql("SELECT @@datadir")[0]![0]!;
    return `${datadir.replace(/\/?$/, "/")}${this.manager}-general.log`;
  }

  /** Throws unless MariaDB writes its general log where Trove reads it (after Trove's enable). */
  checkGeneralLogFile() {
    const used = this.sql("SELECT @@general_log_file")[0]![0]!;
    if (used !== this.generalLogFile()) {
      throw new Error(`MariaDB's general log is ${used}, Trove reads ${this.generalLogFile()}`);
    }
  }

  /** MariaDB's general_log switch: off while the benchmark owns the file, so no query lands in it. */
  setGeneralLog(on: boolean) {
    this.sql(`SET GLOBAL general_log = ${on ? "ON" : "OFF"}`);
  }

  /** Keeps the general log's current contents, to put back with restoreGeneralLog. */
  saveGeneralLog() {
    this.saved = readFileSync(this.path(this.generalLogFile()));
  }

  /**
   * Makes `source` the general log's contents: written over the existing file (truncated, not
   * replaced), which keeps its owner and mode (the guest's `database` user), as MariaDB left it.
   */
  async placeGeneralLog(source: SourceLog): Promise<void> {
    const file = this.path(this.generalLogFile());
    await pipeline(createReadStream(source.path), createWriteStream(file, { flags: "w" }));
    if ((await sha256File(file)) !== source.sha256) throw new Error(`${file} is not ${source.path}`);
  }

  /** Puts back what saveGeneralLog kept (or empties the file). */
  restoreGeneralLog() {
    const file = this.path(this.generalLogFile());
    if (this.saved) writeFileSync(file, this.saved);
    else truncateSync(file, 0);
  }
}
