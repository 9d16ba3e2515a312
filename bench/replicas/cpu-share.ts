import { readdirSync, readFileSync } from "node:fs";
import { cpuSeconds } from "../lib/process-watch";
import { now } from "../lib/stats";

/** Every process whose command line matches `pattern` (from /proc). */
export function pidsMatching(pattern: RegExp): number[] {
  const found: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, "utf8").replaceAll("\0", " ");
      if (pattern.test(cmdline)) found.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

/** Busy and total jiffies of the whole machine (/proc/stat), for its overall load. */
function machineJiffies(): { busy: number; total: number } {
  const fields = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((sum, value) => sum + value, 0);
  const idle = fields[3]! + fields[4]!; // idle + iowait
  return { busy: total - idle, total };
}

/**
 * CPU used by groups of processes over an interval, in cores (1 = one core busy the whole time), plus
 * this process (the load generator) and the whole machine's busy share.
 */
export class CpuShare {
  private readonly atStart: Map<number, number>;
  private readonly started = now();
  private readonly ownAtStart = process.cpuUsage();
  private readonly machineAtStart = machineJiffies();

  constructor(private readonly groups: Record<string, number[]>) {
    this.atStart = new Map(
      Object.values(groups)
        .flat()
        .map((pid) => [pid, cpuSeconds(pid)]),
    );
  }

  /** `{group: cores}`, `bench client`, and `machine` (all cores' busy share × cores). */
  stop(cores: number): Record<string, number> {
    const seconds = (now() - this.started) / 1000;
    const shares: Record<string, number> = {};
    for (const [name, pids] of Object.entries(this.groups)) {
      const used = pids.reduce(
        (sum, pid) => sum + Math.max(0, cpuSeconds(pid) - (this.atStart.get(pid) ?? 0)),
        0,
      );
      shares[name] = used / seconds;
    }
    const own = process.cpuUsage(this.ownAtStart);
    shares["bench client"] = (own.user + own.system) / 1e6 / seconds;
    const machine = machineJiffies();
    shares.machine =
      ((machine.busy - this.machineAtStart.busy) / (machine.total - this.machineAtStart.total)) * cores;
    return shares;
  }
}

/** "replicas 1.21, haproxy 0.05, …" (cores). */
export const coresText = (shares: Record<string, number>) =>
  Object.entries(shares)
    .map(([name, cores]) => `${name} ${cores.toFixed(2)}`)
    .join(", ");
