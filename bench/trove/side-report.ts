import { mbps, median, percentile, range } from "../lib/stats";
import { printTable } from "../lib/table";
import type { SourceLog } from "../openstack/source-log";
import type { CopyFacts, troveModel } from "./published-copy";
import type { PublishFigures } from "./publish-rounds";
import type { ReadFigures } from "./read-rounds";
import type { Utf8Probe } from "./utf8-probe";

/** What the byte checks found, next to the timings. */
export interface Exactness {
  source: SourceLog;
  /** Trove's last copy and ours, read straight from Swift. */
  troveCopy: CopyFacts;
  oursCopy: CopyFacts;
  /** Trove's upload as its guest code makes it (sha256, bytes, characters), and the source's CRLFs. */
  model: ReturnType<typeof troveModel>;
  /** Our embedded app's download of our copy. */
  oursRoundTripSha: string;
}

const equal = (yes: boolean) => (yes ? "equal" : "DIFFERENT");
const n = (value: number) => value.toLocaleString("en");

/** The side-by-side table: medians (min–max), ratios as "how many times faster ours is". */
export function sideReport(
  probe: Utf8Probe,
  publish: PublishFigures,
  read: ReadFigures,
  x: Exactness,
  rounds: number,
) {
  const { source, troveCopy: trove, oursCopy: ours } = x;
  const p = probe;
  const seconds = (values: number[], digits = 2) =>
    `${median(values).toFixed(digits)} s (${range(values, digits)}), n=${values.length}`;
  const tailP50 = median(read.oursTailMs);
  const cliTailMs = median(read.cliTailS) * 1000;
  const rows = [
    ["Phase", "Trove Logs", "OpenStack (real Trove 18)", "Ratio"],
    [
      `UTF-8 file: publish ${(p.source.size / 1e6).toFixed(0)} MB`,
      `${p.ours.seconds.toFixed(2)} s; copy ${equal(p.ours.copy.sha256 === p.source.sha256)} to the source (${n(p.ours.copy.bytes)} B), download ${equal(p.ours.downloadSha === p.source.sha256)}`,
      `${p.trove.seconds === undefined ? "FAILED" : `${p.trove.seconds.toFixed(1)} s`}: HTTP ${p.trove.api}; ${p.troveCopy.objects} objects (${n(p.troveCopy.bytes)} B) in Swift`,
      p.trove.seconds === undefined ? "—" : `${(p.trove.seconds / p.ours.seconds).toFixed(1)}× faster`,
    ],
    [
      `ASCII file: publish ${(source.size / 1e6).toFixed(0)} MB`,
      `embedded publisher: ${seconds(publish.ours)}, ${mbps(source.size, median(publish.ours)).toFixed(1)} MB/s`,
      `API → guest agent → Swift: ${seconds(publish.trove, 1)}, ${mbps(source.size, median(publish.trove)).toFixed(2)} MB/s`,
      `${(median(publish.trove) / median(publish.ours)).toFixed(1)}× faster`,
    ],
    [
      `Tail ${50} lines of Trove's copy`,
      `dashboard: p50 ${tailP50.toFixed(1)} ms, p95 ${percentile(read.oursTailMs, 95).toFixed(1)} ms, n=${read.oursTailMs.length}`,
      `openstack database log tail: ${cliTailMs.toFixed(0)} ms (${range(
        read.cliTailS.map((s) => s * 1000),
        0,
      )}), n=${read.cliTailS.length}`,
      `${(cliTailMs / tailP50).toFixed(0)}× faster`,
    ],
    [
      "Download Trove's copy",
      `dashboard (curl): ${seconds(read.oursDownloadS)}, ${mbps(trove.bytes, median(read.oursDownloadS)).toFixed(1)} MB/s`,
      `openstack database log save: ${seconds(read.saveS)}, ${mbps(trove.bytes, median(read.saveS)).toFixed(1)} MB/s`,
      `${(median(read.saveS) / median(read.oursDownloadS)).toFixed(1)}× faster`,
    ],
    [
      "Published copy = source (sha256)",
      `${equal(ours.sha256 === source.sha256)}: ${n(ours.bytes)} B in ${ours.objects} objects; download ${equal(x.oursRoundTripSha === source.sha256)}`,
      `${equal(trove.sha256 === source.sha256)}: ${n(trove.bytes)} B, ${n(trove.lines)} lines in ${trove.objects} objects`,
      "",
    ],
    [
      "`published` after publishing",
      `${publish.oursPublished.map(n).join(", ")} (bytes)`,
      `${n(publish.troveLog?.published ?? 0)}, status ${publish.troveLog?.status}, pending ${n(publish.troveLog?.pending ?? 0)}`,
      "",
    ],
    [
      "Reading Trove's copy",
      `download ${equal(read.oursDownloadSha === trove.sha256)} to it; tail ${equal(read.oursTailEqual)} to its last 50 lines`,
      `log save ${equal(read.saveSha === trove.sha256)} to it; CLI tail ${equal(read.cliTailEqual)} (whitespace-trimmed)`,
      `ours = log save: ${read.oursDownloadSha === read.saveSha ? "yes" : "NO"}`,
    ],
  ];
  console.log("");
  console.log(
    `Trove Logs vs the real Trove 18 — UTF-8 file ${n(p.source.size)} B (CRLF, text beyond Latin-1), once each; ` +
      `ASCII file ${n(source.size)} B, ${n(source.lines)} lines (CRLF, the same lines in ASCII): ${rounds} rounds, Trove first and last; medians (min–max); MB = 10^6 B`,
  );
  printTable(rows);
  console.log("");
  const lostCr = x.model.crlf;
  const extraNewlines = trove.lines - source.lines;
  console.log(
    `Trove's copy vs the source: ${n(trove.bytes - source.size)} bytes (${n(lostCr)} CRLF → LF, ${n(extraNewlines)} newlines more: ` +
      `lines cut at its 1,000,000-character reads); Trove's guest code as read (text mode, 1,000,000-character reads) predicts ` +
      `${n(x.model.bytes)} B / ${n(x.model.chars)} characters, sha256 ${equal(x.model.sha256 === trove.sha256)} to the copy; ` +
      `Trove counts ${n(publish.troveLog?.published ?? 0)} as published (characters, the file has ${n(source.size)} bytes).`,
  );
  publish.troveApi.forEach((answer, i) => console.log(`  Trove publish #${i + 1}: API answered ${answer}`));
}
