import { rmSync } from "node:fs";
import { join } from "node:path";
import { run, sha256File, type Env } from "../lib/run-command";
import { median, now, say } from "../lib/stats";
import type { AppClient } from "../openstack/app-server";
import { curlDownload, oursDownloadSha } from "../openstack/download-phase";
import type { CopyFacts } from "./published-copy";

/**
 * 2. Tail and 3. download of the log the real Trove published: our dashboard (openstack backend) vs
 * `openstack database log tail|save` on the same Trove; the CLI first and last, ours in between.
 */

export const TAIL_LINES = 50;
const OURS_TAILS_PER_ROUND = 10;
const CLI_TAILS_PER_ROUND = 2;

export interface ReadFigures {
  oursTailMs: number[];
  cliTailS: number[];
  oursTailEqual: boolean;
  cliTailEqual: boolean;
  oursDownloadS: number[];
  saveS: number[];
  oursDownloadSha?: string;
  saveSha?: string;
}

export interface ReadSides {
  /** The dashboard (openstack backend), a demo session and the instance's log API there. */
  dashboard: { app: AppClient; cookie: string; logPath: string };
  instanceId: string;
  /** The openstack CLI's environment (demo user, Trove's region). */
  cliEnv: Env;
  /** Trove's copy, read straight from Swift: what both sides should show. */
  copy: CopyFacts;
  scratch: string;
  rounds: number;
}

const cli = (sides: ReadSides, argv: string[]) =>
  run("/usr/bin/openstack", ["database", "log", ...argv], { env: sides.cliEnv, timeRss: true });

async function oursTail(sides: ReadSides, figures: ReadFigures) {
  const { app, cookie, logPath } = sides.dashboard;
  const started = now();
  const answer = await app.expectOk("tail", "GET", `${logPath}/general/tail?lines=${TAIL_LINES}`, { cookie });
  figures.oursTailMs.push(now() - started);
  if (!answer.body.equals(sides.copy.tail)) figures.oursTailEqual = false;
}

async function cliTail(sides: ReadSides, figures: ReadFigures) {
  const ran = await cli(sides, ["tail", sides.instanceId, "general", "--lines", String(TAIL_LINES)]);
  figures.cliTailS.push(ran.seconds);
  if (ran.stdout.trim() !== sides.copy.tail.toString("utf8").trim()) figures.cliTailEqual = false;
}

async function logSave(sides: ReadSides, figures: ReadFigures, round: number) {
  const file = join(sides.scratch, `saved-${round}.log`);
  const ran = await cli(sides, ["save", sides.instanceId, "general", "--file", file]);
  figures.saveS.push(ran.seconds);
  if (round === 0) figures.saveSha = await sha256File(file);
  rmSync(file, { force: true });
  say(
    `  log save #${round + 1}: ${ran.seconds.toFixed(2)} s (peak RSS ${((ran.peakKib ?? 0) / 1024).toFixed(0)} MB)`,
  );
}

async function oursDownload(sides: ReadSides, figures: ReadFigures, round: number) {
  const ran = await curlDownload(sides.dashboard, "%{size_download} %{time_total}");
  const [bytes, seconds] = ran.stdout.trim().split(" ").map(Number) as [number, number];
  if (bytes !== sides.copy.bytes) throw new Error(`download returned ${bytes} of ${sides.copy.bytes} bytes`);
  figures.oursDownloadS.push(seconds);
  say(`  ours download #${round + 1}: ${seconds.toFixed(2)} s`);
}

export async function readRounds(sides: ReadSides): Promise<ReadFigures> {
  const figures: ReadFigures = {
    ...{ oursTailMs: [], cliTailS: [], oursTailEqual: true, cliTailEqual: true },
    ...{ oursDownloadS: [], saveS: [] },
  };
  say(`2. tail --lines ${TAIL_LINES}`);
  for (let i = 0; i < 3; i += 1) await oursTail(sides, { ...figures, oursTailMs: [] }); // warm, untimed
  for (let round = 0; round <= sides.rounds; round += 1) {
    for (let i = 0; i < CLI_TAILS_PER_ROUND; i += 1) await cliTail(sides, figures);
    if (round < sides.rounds)
      for (let i = 0; i < OURS_TAILS_PER_ROUND; i += 1) await oursTail(sides, figures);
    say(
      `  round ${round + 1}: CLI ${figures.cliTailS
        .slice(-CLI_TAILS_PER_ROUND)
        .map((s) => s.toFixed(2))
        .join(", ")} s` +
        (round < sides.rounds
          ? `; ours median ${median(figures.oursTailMs.slice(-OURS_TAILS_PER_ROUND)).toFixed(1)} ms`
          : ""),
    );
  }
  say("3. download");
  for (let round = 0; round <= sides.rounds; round += 1) {
    await logSave(sides, figures, round);
    if (round < sides.rounds) await oursDownload(sides, figures, round);
  }
  figures.oursDownloadSha = await oursDownloadSha(sides.dashboard);
  return figures;
}
