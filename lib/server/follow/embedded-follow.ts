import "server-only";
import type { GuestLog } from "@/lib/schemas/log";
import type { FollowBody, FollowPublishReason, FollowState } from "@/lib/schemas/log-follow";
import type { Caller } from "@/lib/server/engine/guest-log-engine";
import { isEngineError } from "@/lib/server/engine/errors";
import { readLive } from "./live-read";
import { MAX_PENDING_AGE_MS, publishReason } from "./publish-policy";

/** What the hub needs of the embedded engine (GuestLogEngine has it). */
export interface FollowEngine {
  followView(caller: Caller, instanceId: string, logName: string): Promise<{ log: GuestLog; file: string }>;
  publishIfEnabled(caller: Caller, instanceId: string, logName: string): Promise<GuestLog>;
  logAction(caller: Caller, instanceId: string, action: { name: string; enable: boolean }): Promise<GuestLog>;
}

export interface EmbeddedFollowOptions {
  limit: number;
  nowMillis?: () => number;
  /** A follower that has not polled for this long has left (closed tab): the last one flushes. */
  followerTimeoutMs?: number;
  /** How often to look for followers that left. */
  sweepMs?: number;
  pollMs?: number;
}

interface Followed {
  caller: Caller;
  instanceId: string;
  logName: string;
  followers: Map<string, number>;
  pendingSince?: number;
  /** Published size at the last poll: less later means someone discarded the copy meanwhile. */
  lastPublished: number;
  publishing?: Promise<GuestLog>;
}

/**
 * Follow on the embedded service: the live lines are read from the log file past the published
 * end, and the log is published only when that makes objects close to guest_log_limit (publishReason):
 * not every few seconds. One entry per followed log, shared by all its followers in this process.
 */
export class EmbeddedFollow {
  private readonly followed = new Map<string, Followed>();
  private sweeper?: ReturnType<typeof setInterval>;
  private readonly now: () => number;

  constructor(
    private readonly engine: FollowEngine,
    private readonly options: EmbeddedFollowOptions,
  ) {
    this.now = options.nowMillis ?? Date.now;
  }

  async poll(caller: Caller, instanceId: string, logName: string, body: FollowBody): Promise<FollowState> {
    const key = `${instanceId}/${logName}`;
    let { log, file } = await this.engine.followView(caller, instanceId, logName);
    const entry = this.followed.get(key);
    const pollMs = this.options.pollMs ?? 2_000;

    if (body.leave) {
      entry?.followers.delete(body.follower);
      const flushed = entry && entry.followers.size === 0 ? await this.release(key, "leave") : undefined;
      return { mode: "live", state: "left", log: flushed?.log ?? log, poll_ms: pollMs, ...flushed?.reason };
    }
    if (log.status === "Disabled") {
      if (!body.enable) {
        // Off (from the start, or someone disabled it meanwhile): nothing is published, nothing turned on.
        entry?.followers.delete(body.follower);
        if (entry && entry.followers.size === 0) this.followed.delete(key);
        return { mode: "live", state: "disabled", log, poll_ms: pollMs };
      }
      log = await this.engine.logAction(caller, instanceId, { name: logName, enable: true });
    }

    const watched = entry ?? {
      caller,
      instanceId,
      logName,
      followers: new Map<string, number>(),
      lastPublished: 0,
    };
    watched.caller = caller;
    watched.lastPublished = log.published;
    watched.followers.set(body.follower, this.now());
    this.followed.set(key, watched);
    this.startSweeping();

    const rotated = log.status === "Rotated";
    if (log.pending > 0) watched.pendingSince ??= this.now();
    else watched.pendingSince = undefined;
    const reason = publishReason({
      pending: log.pending,
      limit: this.options.limit,
      pendingSince: watched.pendingSince,
      now: this.now(),
      rotated,
      leaving: false,
    });
    if (reason) {
      const after = await this.publish(watched).catch((error: unknown) => {
        if (isEngineError(error) && error.code === "conflict") return undefined; // disabled meanwhile
        throw error;
      });
      if (!after) return this.poll(caller, instanceId, logName, body);
      log = after;
      ({ file } = await this.engine.followView(caller, instanceId, logName));
    }
    // The file's end as this look saw it: published bytes plus pending (after a rotation, all pending).
    const fileEnd = log.status === "Rotated" ? log.pending : log.published + log.pending;
    const start = Math.max(body.from ?? 0, log.status === "Rotated" ? 0 : log.published);
    const live = await readLive(file, Math.min(start, fileEnd), fileEnd).catch(() => undefined);
    return {
      mode: "live",
      state: "following",
      log,
      ...(live && { live }),
      ...(reason && { published_now: reason }),
      ...(watched.pendingSince !== undefined && {
        next_publish: new Date(watched.pendingSince + MAX_PENDING_AGE_MS).toISOString(),
      }),
      poll_ms: pollMs,
    };
  }

  /** One publish per log at a time: followers polling meanwhile join it. */
  private publish(watched: Followed): Promise<GuestLog> {
    watched.publishing ??= this.engine
      .publishIfEnabled(watched.caller, watched.instanceId, watched.logName)
      .then((log) => {
        watched.pendingSince = log.pending > 0 ? this.now() : undefined;
        return log;
      })
      .finally(() => (watched.publishing = undefined));
    return watched.publishing;
  }

  /** The last follower left: publish what is pending (a disabled log stays as it is) and forget the log. */
  private async release(key: string, why: FollowPublishReason) {
    const watched = this.followed.get(key);
    if (!watched) return undefined;
    this.followed.delete(key);
    if (this.followed.size === 0) this.stopSweeping();
    const { log } = await this.engine.followView(watched.caller, watched.instanceId, watched.logName);
    // Off, nothing new, or discarded since (a flush would publish the whole log again): leave it.
    if (log.status === "Disabled" || log.pending <= 0 || log.published < watched.lastPublished)
      return { log };
    return { log: await this.publish(watched), reason: { published_now: why } };
  }

  /** Followers that stopped polling (tab closed, network gone) have left; the last one flushes. */
  async sweep(): Promise<void> {
    const timeout = this.options.followerTimeoutMs ?? 30_000;
    const now = this.now();
    for (const [key, watched] of [...this.followed]) {
      for (const [follower, seen] of watched.followers) {
        if (now - seen > timeout) watched.followers.delete(follower);
      }
      if (watched.followers.size === 0) await this.release(key, "leave").catch(() => undefined);
    }
  }

  /** Logs followed right now (for tests and the bench). */
  get size(): number {
    return this.followed.size;
  }

  private startSweeping(): void {
    if (this.sweeper) return;
    this.sweeper = setInterval(() => void this.sweep(), this.options.sweepMs ?? 10_000);
    this.sweeper.unref?.();
  }

  private stopSweeping(): void {
    clearInterval(this.sweeper);
    this.sweeper = undefined;
  }

  /** Publishes what every followed log has pending (server stop). */
  async close(): Promise<void> {
    this.stopSweeping();
    for (const key of [...this.followed.keys()]) await this.release(key, "leave").catch(() => undefined);
  }
}
