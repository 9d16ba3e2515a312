import "server-only";
import type { GuestLog } from "@/lib/schemas/log";
import type { FollowBody, FollowState } from "@/lib/schemas/log-follow";
import { remoteInterval } from "./publish-policy";

/** How a remote Trove is asked (the openstack backend's log actions, with the caller's token). */
export interface RemoteLogActions {
  show(): Promise<GuestLog>;
  publish(): Promise<GuestLog>;
  enable(): Promise<GuestLog>;
}

interface Schedule {
  /** Earliest time of the next publish. */
  due: number;
  /** Publishes in a row that brought nothing new. */
  empty: number;
  running?: Promise<GuestLog>;
}

/** Schedules kept at most (old ones are forgotten first; a forgotten log simply starts at the minimum). */
const MAX_SCHEDULES = 10_000;

/**
 * Follow through a remote Trove, which alone can read the file: the only way to new lines is its
 * publish. So it publishes at most once per REMOTE_MIN_INTERVAL_MS per log and account, backs off
 * (doubling, up to REMOTE_MAX_INTERVAL_MS) while publishes bring nothing new, and shares that
 * schedule by every follower of the log in this process. Trove's publish turns a Disabled log on,
 * so a Disabled log is never published unless the follower said yes to enabling it.
 */
export class RemoteFollow {
  private readonly schedules = new Map<string, Schedule>();

  constructor(private readonly now: () => number = Date.now) {}

  async poll(key: string, actions: RemoteLogActions, body: FollowBody): Promise<FollowState> {
    const pollMs = 2_000;
    let log = await actions.show();
    if (body.leave) return { mode: "published", state: "left", log, poll_ms: pollMs };
    if (log.type === "USER" && log.status === "Disabled") {
      if (!body.enable) return { mode: "published", state: "disabled", log, poll_ms: pollMs };
      log = await actions.enable();
    }
    const schedule = this.schedule(key);
    let publishedNow = false;
    if (!schedule.running && this.now() >= schedule.due) {
      const before = log.published;
      schedule.running = actions.publish().finally(() => (schedule.running = undefined));
      const after = await schedule.running.catch((error: unknown) => {
        schedule.due = this.now() + remoteInterval(schedule.empty); // a failing Trove is not asked at once either
        throw error;
      });
      schedule.empty = after.published !== before ? 0 : schedule.empty + 1;
      schedule.due = this.now() + remoteInterval(schedule.empty);
      log = after;
      publishedNow = true;
    } else if (schedule.running) log = await schedule.running;
    return {
      mode: "published",
      state: "following",
      log,
      ...(publishedNow && { published_now: "remote" as const }),
      next_publish: new Date(schedule.due).toISOString(),
      poll_ms: Math.max(pollMs, Math.min(schedule.due - this.now(), 30_000)),
    };
  }

  private schedule(key: string): Schedule {
    let schedule = this.schedules.get(key);
    if (!schedule) {
      schedule = { due: 0, empty: 0 };
      if (this.schedules.size >= MAX_SCHEDULES) this.schedules.delete(this.schedules.keys().next().value!);
      this.schedules.set(key, schedule);
    }
    return schedule;
  }
}
