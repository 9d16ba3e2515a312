"use client";

import { useQuery } from "@tanstack/react-query";
import { Suspense, use, useEffect, useState, type ReactNode } from "react";
import { logTimelineQueryOptions } from "@/lib/api/log-time";
import type { LogRef } from "@/lib/api/log-viewer";
import type { LogTimeline as Timeline } from "@/lib/schemas/log-time";
import { formatUtc } from "@/lib/api/utc-time";
import {
  bucketsOnScreen,
  describeBucket,
  describeSpan,
  lineOfBucket,
  type BucketSpan,
  type TimelineBucket,
} from "./timeline-geometry";
import { TimelineTrack } from "./timeline-track";
import type { VisibleListener } from "./use-viewer-navigation";

export interface LogTimelineProps {
  log: LogRef;
  /** Published bytes: the timeline is asked for again only when this changes. */
  publishedSize: number;
  /**
   * The timeline the page came with or streams after its lines (used while the published size is the
   * one it was made for; null: ask the API). A promise suspends until it arrives: render it inside
   * <Suspense>.
   */
  initial?: InitialTimeline;
  /** The lines on screen now, and a way to hear when they change. */
  visible: { current: { first: number; last: number } };
  subscribeVisible: (listener: VisibleListener) => () => void;
  onGoToLine: (line: number) => void;
}

const same = (a: BucketSpan | null, b: BucketSpan | null) => a?.from === b?.from && a?.to === b?.to;

/** Follows the lines on screen as buckets; re-renders only when the shaded buckets change. */
function useOnScreen(
  buckets: readonly TimelineBucket[],
  visible: LogTimelineProps["visible"],
  subscribe: LogTimelineProps["subscribeVisible"],
) {
  const [span, setSpan] = useState<BucketSpan | null>(null);
  useEffect(() => {
    const update: VisibleListener = (first, last) => {
      const next = bucketsOnScreen(buckets, first, last);
      setSpan((previous) => (same(previous, next) ? previous : next));
    };
    update(visible.current.first, visible.current.last);
    return subscribe(update);
  }, [buckets, visible, subscribe]);
  return span;
}

const NO_BUCKETS: TimelineBucket[] = [];
const muted = "text-xs text-zinc-600 dark:text-zinc-400";

/** Where the timeline will be, while it is on its way. */
export const TimelinePlaceholder = () => (
  <section aria-label="Timeline" className={muted}>
    <div aria-busy className="h-14 animate-pulse rounded bg-zinc-100 dark:bg-zinc-900" />
  </section>
);

/** The timeline a page came with: ready, still on its way (streamed after the lines), or none. */
export type InitialTimeline = Timeline | Promise<Timeline | null> | null | undefined;
const isStreamed = (initial: InitialTimeline): initial is Promise<Timeline | null> =>
  !!initial && "then" in initial;

/**
 * Where the timeline goes: a streamed one waits behind a placeholder; one the page came with is
 * rendered with the lines (a boundary would let it come later, on its own, when its data is large).
 */
export const TimelineSlot = ({ initial, children }: { initial: InitialTimeline; children: ReactNode }) =>
  isStreamed(initial) ? <Suspense fallback={<TimelinePlaceholder />}>{children}</Suspense> : children;

/**
 * The whole log over time above the lines: volume per bucket, errors (red) and warnings (amber)
 * marked, the part on screen shaded; a click or a drag goes there. One small request, from the
 * indexes written at publish time, so it never waits on the log's size.
 */
export function LogTimeline(props: LogTimelineProps) {
  const { log, publishedSize, visible, subscribeVisible, onGoToLine } = props;
  const initial = isStreamed(props.initial) ? use(props.initial) : (props.initial ?? null);
  const query = useQuery({
    ...logTimelineQueryOptions(log, publishedSize),
    enabled: publishedSize > 0,
    initialData: initial?.size === publishedSize ? initial : undefined,
  });
  const timeline = query.data;
  const buckets = timeline?.buckets ?? NO_BUCKETS;
  const onScreen = useOnScreen(buckets, visible, subscribeVisible);
  const [pointed, setPointed] = useState<BucketSpan | null>(null);

  if (!timeline)
    return query.isError ? (
      <section aria-label="Timeline" className={muted}>
        <p>No timeline for this log: {query.error.message}</p>
      </section>
    ) : (
      <TimelinePlaceholder />
    );
  if (!timeline.first_time || !timeline.last_time || buckets.length === 0)
    return (
      <section aria-label="Timeline" className={muted}>
        <p>No timeline: no line of this log carries a time the viewer can read.</p>
      </section>
    );

  const readout = pointed
    ? pointed.from === pointed.to
      ? describeBucket(buckets[pointed.from] as TimelineBucket)
      : describeSpan(buckets, pointed)
    : onScreen
      ? `On screen: ${describeSpan(buckets, onScreen)}`
      : "";
  const choose = (span: BucketSpan) => {
    const line = lineOfBucket(buckets, span.from);
    if (line !== null) onGoToLine(line);
  };

  return (
    <section aria-label="Timeline" className="space-y-1">
      <div className={`flex flex-wrap items-baseline justify-between gap-x-3 ${muted}`}>
        {/* When the timeline is painted can be measured in the page (the Element Timing API). */}
        <span {...{ elementtiming: "viewer-timeline" }}>
          <time dateTime={timeline.first_time}>{formatUtc(timeline.first_time, "minute")}</time>
          {" – "}
          <time dateTime={timeline.last_time}>{formatUtc(timeline.last_time, "minute")}</time> UTC
        </span>
        <span data-testid="timeline-readout" className="min-w-0 truncate font-mono">
          {readout}
        </span>
        <span className="flex items-center gap-2 max-sm:hidden" aria-hidden>
          <span className="inline-block size-2 rounded-sm bg-red-600" /> errors
          <span className="inline-block size-2 rounded-sm bg-amber-500" /> warnings
        </span>
      </div>
      <TimelineTrack buckets={buckets} onScreen={onScreen} onChoose={choose} onPoint={setPointed} />
      {timeline.unindexed_objects > 0 ? (
        <p className="text-xs text-amber-800 dark:text-amber-300">
          Estimated in part: {timeline.unindexed_objects.toLocaleString("en-US")} published{" "}
          {timeline.unindexed_objects === 1 ? "object has" : "objects have"} no time index (published by a
          real Trove or an older version): their part of the timeline is estimated.
        </p>
      ) : null}
    </section>
  );
}
