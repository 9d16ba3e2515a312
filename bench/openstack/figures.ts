/** What the run measures, and the targets the report holds the figures to. */

export const TARGETS = {
  publish: 0.8, // × swift upload
  tailVsCli: 20, // × faster than the CLI
  tailSwiftBytes: 64 * 1024,
  download: 0.9, // × swift download
  deltaRssMb: 32,
};

/** MB/s, ms and MB per round; the *Cpu lists hold each round's CPU shares as text. */
export interface Figures {
  publish: { ours: number[]; peer: number[]; oursCpu: string[]; peerCpu: string[]; oursPeakMb: number[] };
  tail: {
    oursMs: number[];
    cliS: number[];
    libMs: number[];
    oursSwiftBytes: number[];
    oursSwiftRequests: number[];
    oursCountedMs: number[];
    cliSwift?: { requests: number; bytesSent: number };
    libSwift?: { requests: number; bytesSent: number };
    correct: boolean;
  };
  download: {
    ours: number[];
    swift: number[];
    save: number[];
    deltaMb: number[];
    idleMb: number[];
    peakMb: number[];
    oursCpu: string[];
    swiftCpu: string[];
    saveCpu: string[];
    swiftPeakMb: number[];
    savePeakMb: number[];
    oursSha: boolean;
    saveSha: boolean;
    swiftSha: boolean;
    countedFromSwift?: number;
    countedRequests?: number;
  };
}

export const emptyFigures = (): Figures => ({
  publish: { ours: [], peer: [], oursCpu: [], peerCpu: [], oursPeakMb: [] },
  tail: {
    oursMs: [],
    cliS: [],
    libMs: [],
    oursSwiftBytes: [],
    oursSwiftRequests: [],
    oursCountedMs: [],
    correct: true,
  },
  download: {
    ...{ ours: [], swift: [], save: [], deltaMb: [], idleMb: [], peakMb: [] },
    ...{ oursCpu: [], swiftCpu: [], saveCpu: [], swiftPeakMb: [], savePeakMb: [] },
    ...{ oursSha: false, saveSha: false, swiftSha: false },
  },
});
