import { appendFileSync } from "node:fs";
import type { KeystoneTestEnv } from "../../scripts/services/keystone-env";
import type { ReplicaSet } from "../../scripts/services/replica-set";
import { now, say, sleep } from "../lib/stats";
import { follow, type FollowFigures } from "./follower";
import { HttpClient } from "./http-client";

export interface RestartStep {
  name: string;
  stopS: number;
  code: number | null;
  startS: number;
}

/**
 * While a member follows the log (the database keeps writing to it), each replica in turn gets
 * SIGTERM, exits, starts again and answers /readyz 200 before the next one goes. Whatever the user
 * saw fail is counted.
 */
export async function rollingRestart(
  set: ReplicaSet,
  keystone: KeystoneTestEnv,
): Promise<{ steps: RestartStep[]; totalS: number; follow: FollowFigures }> {
  const client = new HttpClient(set.url, "", 2);
  await client.login("demo", keystone.passwords.demo);
  let line = 0;
  const writer = setInterval(
    () =>
      appendFileSync(set.logFile, `2026-12-02T12:00:00.000000Z 7 Query SELECT ${line++} /* followed */\n`),
    100,
  );
  const follower = follow(client, `/api/instances/${set.instanceId}/log/general`);
  await sleep(3000);
  const steps: RestartStep[] = [];
  const started = now();
  for (const [index, replica] of set.replicas.entries()) {
    const stopping = now();
    const code = await set.terminate(index);
    const starting = now();
    await set.restart(index);
    steps.push({
      name: replica.name,
      stopS: (starting - stopping) / 1000,
      code,
      startS: (now() - starting) / 1000,
    });
    say(`${replica.name} restarted: ${JSON.stringify(steps.at(-1))}`);
  }
  const totalS = (now() - started) / 1000;
  await sleep(3000);
  clearInterval(writer);
  const figures = await follower.stop();
  client.close();
  return { steps, totalS, follow: figures };
}
