import { now, percentile } from "../lib/stats";
import type { HttpClient } from "./http-client";

export interface LoadFigures {
  requests: number;
  /** Answers that were not 2xx, and network errors. */
  failed: number;
  firstFailure?: string;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
}

/**
 * A closed loop: `concurrency` workers each send the next request as soon as the last one is answered
 * (body read), for `seconds`. Latency is request start to the body's end.
 */
export async function closedLoop(
  client: HttpClient,
  path: string,
  concurrency: number,
  seconds: number,
): Promise<LoadFigures> {
  const latencies: number[] = [];
  let failed = 0;
  let firstFailure: string | undefined;
  const started = now();
  const deadline = started + seconds * 1000;
  const worker = async () => {
    while (now() < deadline) {
      const answer = await client.send("GET", path);
      latencies.push(answer.ms);
      if (answer.status < 200 || answer.status > 299) {
        failed += 1;
        firstFailure ??= `${answer.status} ${answer.error ?? answer.body.slice(0, 200)}`;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (now() - started) / 1000;
  return {
    requests: latencies.length,
    failed,
    firstFailure,
    seconds: elapsed,
    perSecond: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
  };
}
