import type { KeystoneTestEnv } from "../../scripts/services/keystone-env";
import type { ReplicaSet } from "../../scripts/services/replica-set";
import { rssKib } from "../lib/process-watch";
import { say } from "../lib/stats";
import { CpuShare, coresText, pidsMatching } from "./cpu-share";
import { HttpClient } from "./http-client";
import { closedLoop, type LoadFigures } from "./load";

export interface ReplicaRound {
  count: number;
  listing: LoadFigures & { cpu: string };
  tail: LoadFigures & { cpu: string };
  rssMb: number[];
  wrapperMb: number[];
}

const CORES = 2;

/** The processes whose CPU a run accounts for: the replicas' servers and what they call. */
function processGroups(set: ReplicaSet): Record<string, number[]> {
  const servers = set.replicas.map((_, index) => set.serverPid(index)).filter((pid) => pid !== undefined);
  const haproxy = set.haproxyPid();
  return {
    replicas: servers,
    haproxy: haproxy ? [haproxy] : [],
    swift: pidsMatching(/swift-\w+-server .*trove-logs-services/),
    keystone: pidsMatching(/uwsgi .*keystone/),
    memcached: pidsMatching(/memcached .*-p 11212/),
  };
}

/** CPU not used by the groups or the load generator: the rest of the machine (other jobs). */
function withRest(shares: Record<string, number>): string {
  const accounted = Object.entries(shares)
    .filter(([name]) => name !== "machine")
    .reduce((sum, [, cores]) => sum + cores, 0);
  return coresText({ ...shares, rest: Math.max(0, shares.machine! - accounted) });
}

/**
 * A member signs in through haproxy, enables and publishes the log, then each route gets a 2 s warm-up
 * and `seconds` of closed-loop load; RSS of each replica's server is read after the load.
 */
export async function measureReplicas(
  set: ReplicaSet,
  keystone: KeystoneTestEnv,
  load: { seconds: number; concurrency: number; lines: number },
): Promise<ReplicaRound> {
  const client = new HttpClient(set.url, "", load.concurrency);
  await client.login("demo", keystone.passwords.demo);
  const logPath = `/api/instances/${set.instanceId}/log`;
  for (const body of [
    { name: "general", enable: 1 },
    { name: "general", publish: 1 },
  ]) {
    const answer = await client.send("POST", logPath, body);
    if (answer.status !== 200)
      throw new Error(`POST ${JSON.stringify(body)}: ${answer.status} ${answer.body}`);
  }
  say(`published ${load.lines} lines; loading ${set.replicas.length} replica(s)`);
  const routes = { listing: logPath, tail: `${logPath}/general/tail?lines=50` };
  const measured = {} as Pick<ReplicaRound, "listing" | "tail">;
  for (const [route, path] of Object.entries(routes) as Array<[keyof typeof routes, string]>) {
    await closedLoop(client, path, load.concurrency, 2);
    const cpu = new CpuShare(processGroups(set));
    const figures = await closedLoop(client, path, load.concurrency, load.seconds);
    measured[route] = { ...figures, cpu: withRest(cpu.stop(CORES)) };
    say(
      `${route}: ${figures.perSecond.toFixed(1)} req/s, p50 ${figures.p50.toFixed(1)} ms, p95 ` +
        `${figures.p95.toFixed(1)} ms, ${figures.failed} failed; CPU (cores): ${measured[route].cpu}`,
    );
  }
  client.close();
  const rssMb = set.replicas.map((_, index) => rssKib(set.serverPid(index) ?? 0) / 1024);
  const wrapperMb = set.replicas.map((_, index) => rssKib(set.wrapperPid(index) ?? 0) / 1024);
  return { count: set.replicas.length, ...measured, rssMb, wrapperMb };
}
