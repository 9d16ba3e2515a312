import { randomUUID } from "node:crypto";
import { sleep } from "../lib/stats";
import { HttpClient } from "./http-client";

export interface FollowFigures {
  polls: number;
  /** Non-2xx answers and network errors the user would have seen, with what they were. */
  errors: string[];
  /** The slowest poll (ms): a restart may make one wait, never fail. */
  slowestMs: number;
  /** Bytes of live lines the polls brought (the writer's lines reached the user). */
  liveBytes: number;
}

/**
 * A member following a log as the viewer does: every second one Follow poll (`POST …/follow` with the
 * offset its live lines reach) and a 50-line tail, on kept-alive connections. Runs until
 * `stop()`; every non-2xx answer or network error counts as an error the user saw.
 */
export function follow(client: HttpClient, logPath: string) {
  const follower = randomUUID();
  const figures: FollowFigures = { polls: 0, errors: [], slowestMs: 0, liveBytes: 0 };
  let running = true;
  let from: number | undefined;
  const note = (what: string, answer: { status: number; body: string; error?: string; ms: number }) => {
    figures.slowestMs = Math.max(figures.slowestMs, answer.ms);
    if (answer.status >= 200 && answer.status <= 299) return true;
    figures.errors.push(`${what}: ${answer.status || answer.error} ${answer.body.slice(0, 160)}`);
    return false;
  };
  const loop = (async () => {
    while (running) {
      const poll = await client.send("POST", `${logPath}/follow`, {
        follower,
        ...(from !== undefined && { from }),
      });
      figures.polls += 1;
      if (note("follow", poll)) {
        const state = JSON.parse(poll.body) as { live?: { to: number; text: string } };
        if (state.live) {
          from = state.live.to;
          figures.liveBytes += Buffer.byteLength(state.live.text);
        }
      }
      note("tail", await client.send("GET", `${logPath}/tail?lines=50`));
      await sleep(1000);
    }
  })();
  return {
    figures,
    async stop(): Promise<FollowFigures> {
      running = false;
      await loop;
      await client.send("POST", `${logPath}/follow`, { follower, leave: true });
      return figures;
    },
  };
}
