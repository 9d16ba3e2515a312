import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { now } from "./stats";

/** Linux /proc readings: memory and CPU of running processes. */

const CLK_TCK = Number(spawnSync("getconf", ["CLK_TCK"]).stdout.toString().trim()) || 100;

/** The fields of /proc/<pid>/stat after the command name (which may hold spaces). */
const statFields = (pid: number | string) => {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
};

/** A /proc/<pid>/status figure in KiB: VmRSS (now) or VmHWM (peak since start or the last reset). */
function statusKib(pid: number, field: "VmRSS" | "VmHWM"): number {
  try {
    const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

export const rssKib = (pid: number) => statusKib(pid, "VmRSS");

/** Resets the kernel's peak-RSS mark to the current RSS (`5` > clear_refs); false when not allowed. */
function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, "5");
    return true;
  } catch {
    return false;
  }
}

/** utime + stime of a process in seconds. */
export function cpuSeconds(pid: number): number {
  try {
    const fields = statFields(pid);
    return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
  } catch {
    return 0;
  }
}

/** Every process below `pid` (children, their children, …). */
export function descendants(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const ppid = Number(statFields(entry)[1]);
      if (ppid === pid) children.push(Number(entry), ...descendants(Number(entry)));
    } catch {
      // gone
    }
  }
  return children;
}

export interface Watched {
  seconds: number;
  /** Each process's CPU share over the interval (1 = one core). */
  cpu: Record<string, number>;
  idleMb: number;
  peakMb: number;
  deltaMb: number;
}

/**
 * CPU used by the named processes over an interval, and the peak RSS of the one named `app`: the
 * kernel's own high-water mark (exact, and nothing polls the app meanwhile), or sampling every 10 ms
 * where the mark cannot be reset.
 */
export class Watch {
  private readonly cpuAtStart: Map<string, number>;
  private readonly timer: NodeJS.Timeout | undefined;
  private readonly kernelPeak: boolean;
  readonly idleKib: number;
  peakKib: number;
  private readonly started = now();

  constructor(private readonly pids: Record<string, number | undefined>) {
    this.cpuAtStart = new Map(Object.entries(pids).map(([name, pid]) => [name, pid ? cpuSeconds(pid) : 0]));
    const app = pids.app;
    this.idleKib = app ? rssKib(app) : 0;
    this.peakKib = this.idleKib;
    this.kernelPeak = app !== undefined && resetPeak(app);
    if (app && !this.kernelPeak) {
      this.timer = setInterval(() => (this.peakKib = Math.max(this.peakKib, rssKib(app))), 10);
    }
  }

  stop(): Watched {
    clearInterval(this.timer);
    const app = this.pids.app;
    if (app) this.peakKib = Math.max(this.peakKib, statusKib(app, this.kernelPeak ? "VmHWM" : "VmRSS"));
    const seconds = (now() - this.started) / 1000;
    const cpu = Object.fromEntries(
      Object.entries(this.pids).map(([name, pid]) => [
        name,
        pid ? (cpuSeconds(pid) - (this.cpuAtStart.get(name) ?? 0)) / seconds : 0,
      ]),
    );
    const idleMb = this.idleKib / 1024;
    const peakMb = this.peakKib / 1024;
    return { seconds, cpu, idleMb, peakMb, deltaMb: peakMb - idleMb };
  }
}

/** "app 85%, swift 40%, object 12%". */
export const cpuText = (cpu: Record<string, number>) =>
  Object.entries(cpu)
    .map(([name, share]) => `${name} ${(share * 100).toFixed(0)}%`)
    .join(", ");
