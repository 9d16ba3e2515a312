import { mbps, say } from "../lib/stats";
import type { AppClient } from "../openstack/app-server";
import { logAction } from "../openstack/phase-context";
import type { SourceLog } from "../openstack/source-log";
import type { DemoAccount } from "../openstack/swift-service";
import { guestPublishDone, type TroveApi, type TroveLog } from "./trove-api";

/** 1. Publish of the same file into the same Swift: the real Trove first and last, ours in between. */

export interface PublishFigures {
  /** Seconds until the guest agent had written the last object and the metafile. */
  trove: number[];
  /** What the API answered each time: "200 in 140.2 s" or "400 in 15.1 s (GuestTimeout …)". */
  troveApi: string[];
  ours: number[];
  /** Trove's log after its last publish (status, published, pending). */
  troveLog?: TroveLog;
  /** Our `published` after each publish (bytes). */
  oursPublished: number[];
  oursPrefix?: string;
}

export interface PublishSides {
  trove: TroveApi;
  account: DemoAccount;
  /** Our embedded app and its signed-in session. */
  ours: { app: AppClient; cookie: string; logPath: string };
  source: SourceLog;
  rounds: number;
}

/** Trove's tenant discard answers 400 when nothing is published (the metafile it deletes is missing). */
export async function troveDiscard(trove: TroveApi) {
  const answer = await trove.action("discard");
  if (answer.status !== 200 && answer.status !== 400) {
    throw new Error(`Trove discard: HTTP ${answer.status} ${answer.error}`);
  }
}

export interface TrovePublished {
  /** Seconds until the guest had published: the API's answer, or (when the API stopped waiting for
   *  the agent first) the metafile's second write; undefined when the publish failed. */
  seconds?: number;
  /** "200 in 140.2 s" or "400 in 1.6 s (…message…)". */
  api: string;
  /** Trove's log afterwards. */
  log: TroveLog;
}

/** One timed publish by the real Trove, after a discard. */
export async function trovePublish(trove: TroveApi, account: DemoAccount): Promise<TrovePublished> {
  await troveDiscard(trove);
  // Before: a show while the guest publishes would wait for it (and time out the same way).
  const { metafile } = await trove.expect("show");
  const started = Date.now();
  const answer = await trove.action("publish");
  const api = `${answer.status} in ${answer.seconds.toFixed(1)} s${answer.error ? ` (${answer.error.replace(/^(.{110}).+$/s, "$1…")})` : ""}`;
  let seconds: number | undefined = answer.seconds;
  if (!answer.log) {
    // GuestTimeout: the agent goes on uploading; anything else: the publish failed.
    seconds = /timeout|timed out/i.test(answer.error ?? "")
      ? await guestPublishDone(account, metafile, started)
      : undefined;
  }
  return { seconds, api, log: answer.log ?? (await trove.expect("show")) };
}

async function troveRound(sides: PublishSides, figures: PublishFigures, round: number) {
  const { seconds, api, log } = await trovePublish(sides.trove, sides.account);
  say(
    `  Trove publish #${round + 1}: ${seconds === undefined ? "FAILED" : `guest done after ${seconds.toFixed(1)} s, ${mbps(sides.source.size, seconds).toFixed(2)} MB/s`}; ` +
      `API ${api}; then ${log.status}, published ${log.published.toLocaleString("en")}, pending ${log.pending.toLocaleString("en")}`,
  );
  if (seconds === undefined) throw new Error(`Trove's publish failed: ${api}`);
  figures.trove.push(seconds);
  figures.troveApi.push(api);
  figures.troveLog = log;
}

type Ours = PublishSides["ours"];

/** One timed publish by our embedded publisher, after a discard; `published` in bytes. */
export async function oursPublishOnce(ours: Ours) {
  await logAction(ours, "discard");
  const started = Date.now();
  const answer = await logAction(ours, "publish");
  const seconds = (Date.now() - started) / 1000;
  const log = (JSON.parse(answer.body.toString("utf8")) as { log: { published: number; prefix: string } })
    .log;
  return { seconds, published: log.published, prefix: log.prefix };
}

async function oursRound(sides: PublishSides, figures: PublishFigures, round: number) {
  const { seconds, published, prefix } = await oursPublishOnce(sides.ours);
  figures.ours.push(seconds);
  figures.oursPublished.push(published);
  figures.oursPrefix = prefix;
  say(
    `  ours publish #${round + 1}: ${seconds.toFixed(2)} s, ${mbps(sides.source.size, seconds).toFixed(1)} MB/s; published ${published.toLocaleString("en")} of ${sides.source.size.toLocaleString("en")} bytes`,
  );
}

/** Leaves Trove's last copy published (the read phases use it) and ours published (checked after). */
export async function publishRounds(sides: PublishSides): Promise<PublishFigures> {
  const figures: PublishFigures = { trove: [], troveApi: [], ours: [], oursPublished: [] };
  say("1. publish");
  for (let round = 0; round <= sides.rounds; round += 1) {
    await troveRound(sides, figures, round);
    if (round < sides.rounds) await oursRound(sides, figures, round);
  }
  return figures;
}
