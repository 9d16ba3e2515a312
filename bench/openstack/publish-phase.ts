import { cpuText, Watch } from "../lib/process-watch";
import { mbps, now, say } from "../lib/stats";
import { CONTAINER, OBJECT_LIMIT } from "./app-config";
import { logAction, type PhaseContext } from "./phase-context";

/**
 * 1. Publish: `swift upload --segment-size 1000000` of the source first and last, our publish (engine →
 * Swift, objects of the same size) in between. Returns how many objects our publish made.
 *
 * `scratchContainers` lists the upload containers not yet deleted, for the cleanup of a failed run.
 */
export async function publishPhase(ctx: PhaseContext, scratchContainers: string[]): Promise<number> {
  const { figures, source } = ctx;
  const peerUpload = async (round: number) => {
    const container = `bench-upload-${process.pid}-${round}`;
    scratchContainers.push(container, `${container}_segments`);
    const watch = new Watch(ctx.pids());
    const ran = await ctx.account.swift([
      "upload",
      "--segment-size",
      String(OBJECT_LIMIT),
      "--object-name",
      "general.log",
      container,
      source.path,
    ]);
    const seen = watch.stop();
    figures.publish.peer.push(mbps(source.size, ran.seconds));
    figures.publish.peerCpu.push(cpuText(seen.cpu));
    say(
      `  swift upload #${round + 1}: ${ran.seconds.toFixed(2)} s, ${mbps(source.size, ran.seconds).toFixed(1)} MB/s (${cpuText(seen.cpu)})`,
    );
    await ctx.account.swift(["delete", container], { check: false });
    await ctx.account.swift(["delete", `${container}_segments`], { check: false });
    scratchContainers.splice(scratchContainers.indexOf(container), 2);
  };
  const oursPublish = async (round: number) => {
    if (round > 0) {
      const discarded = now();
      await logAction(ctx, "discard");
      say(`  (discard before publish #${round + 1}: ${((now() - discarded) / 1000).toFixed(1)} s)`);
    }
    const watch = new Watch(ctx.pids());
    const startedAt = now();
    const answer = await logAction(ctx, "publish");
    const seconds = (now() - startedAt) / 1000;
    const seen = watch.stop();
    const log = JSON.parse(answer.body.toString("utf8")).log as { published: number };
    if (log.published !== source.size) throw new Error(`published ${log.published} of ${source.size} bytes`);
    figures.publish.ours.push(mbps(source.size, seconds));
    figures.publish.oursCpu.push(cpuText(seen.cpu));
    figures.publish.oursPeakMb.push(seen.deltaMb);
    say(
      `  ours publish #${round + 1}: ${seconds.toFixed(2)} s, ${mbps(source.size, seconds).toFixed(1)} MB/s (${cpuText(seen.cpu)}; app ΔRSS ${seen.deltaMb.toFixed(1)} MB)`,
    );
  };

  say("1. publish");
  for (let round = 0; round <= ctx.rounds; round += 1) {
    await peerUpload(round);
    if (round < ctx.rounds) await oursPublish(round);
  }
  const listing = `${ctx.account.storageUrl}/${CONTAINER}?format=json&prefix=${ctx.instanceId}/mysql-general/`;
  const objects = await fetch(listing, { headers: { "x-auth-token": ctx.account.token } }).then(
    (response) => response.json() as Promise<{ name: string; bytes: number }[]>,
  );
  say(`  published as ${objects.length} objects (largest ${Math.max(...objects.map((o) => o.bytes))} B)`);
  return objects.length;
}
