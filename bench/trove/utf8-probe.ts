import { say } from "../lib/stats";
import type { SourceLog } from "../openstack/source-log";
import type { DemoAccount } from "../openstack/swift-service";
import { oursDownloadSha } from "../openstack/download-phase";
import type { Guest } from "./guest";
import { readCopy, type CopyFacts } from "./published-copy";
import { oursPublishOnce, trovePublish, type PublishSides, type TrovePublished } from "./publish-rounds";
import type { TroveApi } from "./trove-api";

/**
 * The file itself (CRLF, UTF-8 text beyond Latin-1) once on each side: does the publish
 * succeed, and what reaches Swift. Trove's guest hands swiftclient the text as a str, which
 * http.client encodes as Latin-1.
 */

export interface Utf8Probe {
  source: SourceLog;
  trove: TrovePublished;
  /** What Trove left under its prefix (objects of a failed publish stay). */
  troveCopy: CopyFacts;
  ours: { seconds: number; published: number; copy: CopyFacts; downloadSha: string };
}

export async function utf8Probe(
  guest: Guest,
  trove: TroveApi,
  account: DemoAccount,
  ours: PublishSides["ours"],
  source: SourceLog,
): Promise<Utf8Probe> {
  say("0. the UTF-8 file, once each");
  await guest.placeGeneralLog(source);
  const published = await trovePublish(trove, account);
  const troveCopy = await readCopy(account, published.log.metafile.replace(/_metafile$/, "/"), 50);
  say(
    `  Trove: API ${published.api}; ${published.log.status}, published ${published.log.published}; ${troveCopy.objects} objects, ${troveCopy.bytes} B in Swift`,
  );
  const mine = await oursPublishOnce(ours);
  const copy = await readCopy(account, mine.prefix, 50);
  const downloadSha = await oursDownloadSha(ours);
  say(
    `  ours: ${mine.seconds.toFixed(2)} s, published ${mine.published} B, copy ${copy.sha256 === source.sha256 ? "=" : "≠"} source`,
  );
  return { source, trove: published, troveCopy, ours: { ...mine, copy, downloadSha } };
}
