import { median, percentile, range } from "../lib/stats";
import { printTable } from "../lib/table";
import { TARGETS, type Figures } from "./figures";

/** The results table (ours, the peer, ratio, target, met or MISSED) and the CPU and Swift-bytes details. */
export function report(f: Figures, log: { size: number; lines: number; objects: number }, rounds: number) {
  const yes = (met: boolean) => (met ? "met" : "MISSED");
  const publishRatio = median(f.publish.ours) / median(f.publish.peer);
  const tailP50 = median(f.tail.oursMs);
  const tailP95 = percentile(f.tail.oursMs, 95);
  const cliMedianMs = median(f.tail.cliS) * 1000;
  const libMedian = median(f.tail.libMs);
  const tailBytes = Math.max(...f.tail.oursSwiftBytes);
  const downloadRatio = median(f.download.ours) / median(f.download.swift);
  const saveRatio = median(f.download.ours) / median(f.download.save);
  const deltaMax = Math.max(...f.download.deltaMb);

  const rows: string[][] = [
    ["Metric", "Ours", "Peer", "Ratio", "Target", "Result"],
    [
      "Publish 1 GB (MB/s)",
      `${median(f.publish.ours).toFixed(1)} (${range(f.publish.ours)}), n=${f.publish.ours.length}`,
      `swift upload --segment-size 1000000: ${median(f.publish.peer).toFixed(1)} (${range(f.publish.peer)}), n=${f.publish.peer.length}`,
      `${publishRatio.toFixed(2)}×`,
      `≥ ${TARGETS.publish}×`,
      yes(publishRatio >= TARGETS.publish),
    ],
    [
      "Tail 50 lines vs CLI",
      `p50 ${tailP50.toFixed(2)} ms, p95 ${tailP95.toFixed(2)} ms, n=${f.tail.oursMs.length}`,
      `openstack database log tail: ${cliMedianMs.toFixed(0)} ms (${range(
        f.tail.cliS.map((s) => s * 1000),
        0,
      )}), n=${f.tail.cliS.length}`,
      `${(cliMedianMs / tailP50).toFixed(0)}× (p95: ${(cliMedianMs / tailP95).toFixed(0)}×)`,
      `≥ ${TARGETS.tailVsCli}× faster`,
      yes(cliMedianMs / tailP95 >= TARGETS.tailVsCli),
    ],
    [
      "Tail 50 lines vs warm library",
      `p50 ${tailP50.toFixed(2)} ms`,
      `log_generator(lines=50), warm: ${libMedian.toFixed(1)} ms (${range(f.tail.libMs)}), n=${f.tail.libMs.length}`,
      `${(libMedian / tailP50).toFixed(1)}×`,
      "(info; M1a: ≥ 3×)",
      yes(libMedian / tailP50 >= 3),
    ],
    [
      "Swift bytes per tail",
      `${tailBytes.toLocaleString("en")} B TCP in ${Math.max(...f.tail.oursSwiftRequests)} requests (max of ${f.tail.oursSwiftBytes.length})`,
      `CLI ${Math.round(f.tail.cliSwift?.bytesSent ?? 0).toLocaleString("en")} B body in ${(f.tail.cliSwift?.requests ?? 0).toFixed(0)} req; library ${Math.round(f.tail.libSwift?.bytesSent ?? 0).toLocaleString("en")} B in ${(f.tail.libSwift?.requests ?? 0).toFixed(1)} req`,
      `${((f.tail.libSwift?.bytesSent ?? 0) / tailBytes).toFixed(0)}× fewer`,
      `≤ ${TARGETS.tailSwiftBytes.toLocaleString("en")} B`,
      yes(tailBytes <= TARGETS.tailSwiftBytes),
    ],
    [
      "Download vs swift download (MB/s)",
      `${median(f.download.ours).toFixed(1)} (${range(f.download.ours)}), n=${f.download.ours.length}`,
      `swift download (tmpfs): ${median(f.download.swift).toFixed(1)} (${range(f.download.swift)}), n=${f.download.swift.length}`,
      `${downloadRatio.toFixed(2)}×`,
      `≥ ${TARGETS.download}×`,
      yes(downloadRatio >= TARGETS.download),
    ],
    [
      "Download vs log save (MB/s)",
      `${median(f.download.ours).toFixed(1)}`,
      `openstack database log save: ${median(f.download.save).toFixed(1)} (${range(f.download.save)}), n=${f.download.save.length}`,
      `${saveRatio.toFixed(2)}×`,
      "(info; M2: ≥ 3×)",
      yes(saveRatio >= 3),
    ],
    [
      "Server ΔRSS during download",
      `max ${deltaMax.toFixed(1)} MB (each: ${f.download.deltaMb.map((d) => d.toFixed(1)).join(", ")}; idle ${median(f.download.idleMb).toFixed(0)} MB)`,
      `peak RSS: swift download ${median(f.download.swiftPeakMb).toFixed(0)} MB, log save ${median(f.download.savePeakMb).toFixed(0)} MB`,
      "",
      `≤ ${TARGETS.deltaRssMb} MB`,
      yes(deltaMax <= TARGETS.deltaRssMb),
    ],
    [
      "Byte-exact (sha256 = source)",
      `download ${f.download.oursSha ? "equal" : "DIFFERENT"}; tail ${f.tail.correct ? "equal" : "DIFFERENT"}`,
      `log save ${f.download.saveSha ? "equal" : "DIFFERENT"}; swift objects ${f.download.swiftSha ? "equal" : "DIFFERENT"}`,
      "",
      "equal",
      yes(f.download.oursSha && f.tail.correct),
    ],
  ];
  console.log("");
  console.log(
    `Trove Logs vs OpenStack tools — ${log.size.toLocaleString("en")} B, ${log.lines.toLocaleString("en")} lines, ${log.objects} objects; ${rounds} rounds, peers first and last; medians (min–max); MB = 10^6 B`,
  );
  printTable(rows);
  console.log("");
  console.log(
    "CPU share during each run (app = next-server, swift = proxy on :8080, object = object server):",
  );
  f.publish.oursCpu.forEach((cpu, i) => console.log(`  publish ours #${i + 1}: ${cpu}`));
  f.publish.peerCpu.forEach((cpu, i) => console.log(`  publish swift upload #${i + 1}: ${cpu}`));
  f.download.oursCpu.forEach((cpu, i) => console.log(`  download ours #${i + 1}: ${cpu}`));
  f.download.swiftCpu.forEach((cpu, i) => console.log(`  swift download #${i + 1}: ${cpu}`));
  f.download.saveCpu.forEach((cpu, i) => console.log(`  log save #${i + 1}: ${cpu}`));
  console.log(
    `Behind the counting proxy: tail p50 ${median(f.tail.oursCountedMs).toFixed(2)} ms; Swift → app per tail ${f.tail.oursSwiftBytes.join(", ")} B; ` +
      `one download read ${(f.download.countedFromSwift ?? 0).toLocaleString("en")} B from Swift in ${f.download.countedRequests} requests ` +
      `(log ${log.size.toLocaleString("en")} B).`,
  );
  console.log(
    "Peers' Swift bytes come from Swift's proxy-logging (bytes_sent: bodies only); ours are TCP bytes (headers included).",
  );
}
