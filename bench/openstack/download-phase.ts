import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { cpuText, Watch } from "../lib/process-watch";
import { run, sha256File, type Ran } from "../lib/run-command";
import { mbps, say, sleep } from "../lib/stats";
import { CONTAINER } from "./app-config";
import type { PhaseContext } from "./phase-context";

/** What a download of ours needs: the app, the instance's log API and a signed-in session. */
type OursDownload = Pick<PhaseContext, "app" | "logPath" | "cookie">;

const downloadUrl = (ctx: OursDownload) => ctx.app.url(`${ctx.logPath}/general/download`);

/** Our GET …/download of the general log by curl into /dev/null; stdout: curl's `-w writeOut` figures. */
export function curlDownload(ctx: OursDownload, writeOut: string): Promise<Ran> {
  const args = ["-sS", "--fail", "-H", `Cookie: ${ctx.cookie}`, "-o", "/dev/null", "-w", writeOut];
  return run("/usr/bin/curl", [...args, downloadUrl(ctx)]);
}

async function oursDownload(ctx: PhaseContext, round: number) {
  const { download } = ctx.figures;
  const size = ctx.source.size;
  await sleep(500); // idle before sampling
  const watch = new Watch(ctx.pids());
  const ran = await curlDownload(ctx, "%{size_download} %{time_total}");
  const seen = watch.stop();
  const [bytes, total] = ran.stdout.trim().split(" ").map(Number) as [number, number];
  if (bytes !== size) throw new Error(`download returned ${bytes} of ${size} bytes`);
  download.ours.push(mbps(size, total));
  download.deltaMb.push(seen.deltaMb);
  download.idleMb.push(seen.idleMb);
  download.peakMb.push(seen.peakMb);
  download.oursCpu.push(cpuText(seen.cpu));
  say(
    `  ours download #${round + 1}: ${total.toFixed(2)} s, ${mbps(size, total).toFixed(1)} MB/s; app RSS ${seen.idleMb.toFixed(1)} → peak ${seen.peakMb.toFixed(1)} MB (Δ ${seen.deltaMb.toFixed(1)}); ${cpuText(seen.cpu)}`,
  );
}

interface PeerFigures {
  rates: number[];
  cpu: string[];
  peakMb: number[];
}

/**
 * A peer's download, timed whole (process start included), with its peak RSS and the servers' CPU;
 * `afterwards` checks and removes what it wrote before the line is printed.
 */
async function peerDownload(
  ctx: PhaseContext,
  label: string,
  figures: PeerFigures,
  download: () => Promise<Ran>,
  afterwards: () => Promise<void>,
) {
  const watch = new Watch(ctx.pids());
  const ran = await download();
  const seen = watch.stop();
  const peakMb = (ran.peakKib ?? 0) / 1024;
  figures.rates.push(mbps(ctx.source.size, ran.seconds));
  figures.cpu.push(cpuText(seen.cpu));
  figures.peakMb.push(peakMb);
  await afterwards();
  say(
    `  ${label}: ${ran.seconds.toFixed(2)} s, ${mbps(ctx.source.size, ran.seconds).toFixed(1)} MB/s (peak RSS ${peakMb.toFixed(0)} MB; ${cpuText(seen.cpu)})`,
  );
}

function peerSwiftDownload(ctx: PhaseContext, round: number) {
  const { download } = ctx.figures;
  const out = join(ctx.scratch, `swift-download-${round}`);
  mkdirSync(out);
  return peerDownload(
    ctx,
    `swift download #${round + 1}`,
    { rates: download.swift, cpu: download.swiftCpu, peakMb: download.swiftPeakMb },
    () =>
      ctx.account.swift(["download", CONTAINER, "--prefix", `${ctx.instanceId}/mysql-general/`, "-D", out], {
        timeRss: true,
      }),
    async () => {
      if (round === 0) {
        // The objects in name order make the source again.
        const dir = join(out, ctx.instanceId, "mysql-general");
        const hash = createHash("sha256");
        for (const name of readdirSync(dir).sort()) hash.update(readFileSync(join(dir, name)));
        download.swiftSha = hash.digest("hex") === ctx.source.sha256;
      }
      rmSync(out, { recursive: true, force: true });
    },
  );
}

function peerLogSave(ctx: PhaseContext, round: number) {
  const { download } = ctx.figures;
  const file = join(ctx.scratch, `saved-${round}.log`);
  return peerDownload(
    ctx,
    `log save #${round + 1}`,
    { rates: download.save, cpu: download.saveCpu, peakMb: download.savePeakMb },
    () =>
      run("/usr/bin/openstack", ["database", "log", "save", ctx.instanceId, "general", "--file", file], {
        env: ctx.openstackEnv,
        timeRss: true,
      }),
    async () => {
      if (round === 0) download.saveSha = (await sha256File(file)) === ctx.source.sha256;
      rmSync(file, { force: true });
    },
  );
}

/**
 * 3. Download: `swift download` of the log's objects and `openstack database log save` first and last,
 * ours in between; then, untimed, the sha256 of our download.
 */
export async function downloadPhase(ctx: PhaseContext) {
  say("3. download");
  for (let round = 0; round <= ctx.rounds; round += 1) {
    await peerSwiftDownload(ctx, round);
    await peerLogSave(ctx, round);
    if (round < ctx.rounds) await oursDownload(ctx, round);
  }
  ctx.figures.download.oursSha = (await oursDownloadSha(ctx)) === ctx.source.sha256;
}

/** The sha256 of one more download of ours (streamed through sha256sum, untimed). */
export async function oursDownloadSha(ctx: OursDownload): Promise<string> {
  const ran = await run("bash", [
    "-c",
    `curl -sS --fail -H "Cookie: $1" "$2" | sha256sum | cut -d' ' -f1`,
    "sha",
    ctx.cookie,
    downloadUrl(ctx),
  ]);
  return ran.stdout.trim();
}
