import type { FollowState } from "@/lib/schemas/log-follow";

/** A live line and the file offset it starts at (to drop it once it is published). */
export interface LiveLine {
  at: number;
  text: string;
}

/** The lines Follow shows past the published end: the newest LIVE_LINES_KEPT of them. */
export interface LiveBuffer {
  lines: LiveLine[];
  /** File offset the buffer reaches (the next poll's `from`). */
  to: number;
  /** Older live lines were left out (more were live than one read holds). */
  skipped: boolean;
}

export const EMPTY_LIVE: LiveBuffer = { lines: [], to: 0, skipped: false };
/** The browser keeps no more than this (the published part is in the virtualized view). */
export const LIVE_LINES_KEPT = 2_000;

const encoder = new TextEncoder();

/**
 * Adds a poll's live lines: lines now published leave the buffer (the viewer shows them as published),
 * and a read that does not continue where the buffer ends (a publish, rotation, lines skipped) replaces it.
 */
export function mergeLive(buffer: LiveBuffer, live: FollowState["live"], published: number): LiveBuffer {
  const kept = buffer.lines.filter((line) => line.at >= published);
  if (!live) return { ...buffer, lines: kept };
  const continues = live.from === buffer.to && !live.skipped;
  const lines = continues ? kept : [];
  let at = live.from;
  for (const piece of live.text.split(/(?<=\n)/)) {
    if (!piece) continue;
    lines.push({ at, text: piece.replace(/\r?\n$/, "") });
    at += encoder.encode(piece).length;
  }
  return {
    lines: lines.slice(-LIVE_LINES_KEPT),
    to: live.to,
    skipped: continues ? buffer.skipped : live.skipped,
  };
}
