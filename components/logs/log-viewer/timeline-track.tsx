"use client";

import { useId, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from "react";
import { cn } from "@/lib/utils";
import {
  barHeights,
  bucketAt,
  describeBucket,
  type BucketSpan,
  type TimelineBucket,
} from "./timeline-geometry";

export interface TimelineTrackProps {
  buckets: readonly TimelineBucket[];
  onScreen: BucketSpan | null;
  /** Go to the start of a bucket run (a click: one bucket; a drag: the range chosen). */
  onChoose: (span: BucketSpan) => void;
  /** What the pointer or the keyboard points at now, for the readout (null: nothing). */
  onPoint: (span: BucketSpan | null) => void;
}

const KEY_STEPS: Record<string, (index: number, last: number) => number> = {
  ArrowLeft: (index) => index - 1,
  ArrowRight: (index) => index + 1,
  PageUp: (index) => index - 10,
  PageDown: (index) => index + 10,
  Home: () => 0,
  End: (_, last) => last,
};

const percent = (value: number, count: number) => `${(value / count) * 100}%`;

/** The bars: one per bucket, errors and warnings marked under them, the part on screen shaded. */
export function TimelineTrack({ buckets, onScreen, onChoose, onPoint }: TimelineTrackProps) {
  const hintId = useId();
  const heights = useMemo(() => barHeights(buckets), [buckets]);
  const count = buckets.length;
  const drag = useRef<number | null>(null);
  const [chosen, setChosen] = useState<BucketSpan | null>(null);
  const [cursor, setCursor] = useState<number | null>(null);
  const at = (event: PointerEvent<HTMLDivElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    return bucketAt(event.clientX - box.left, box.width, count);
  };
  const spanFrom = (a: number, b: number) => ({ from: Math.min(a, b), to: Math.max(a, b) });

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = at(event);
    setChosen(spanFrom(drag.current, drag.current));
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const index = at(event);
    const span = drag.current === null ? spanFrom(index, index) : spanFrom(drag.current, index);
    if (drag.current !== null) setChosen(span);
    onPoint(span);
  };
  const onPointerUp = (event: PointerEvent<HTMLDivElement>) => {
    if (drag.current === null) return;
    const span = spanFrom(drag.current, at(event));
    drag.current = null;
    setChosen(span);
    onChoose(span);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const current = cursor ?? onScreen?.from ?? count - 1;
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      setChosen({ from: current, to: current });
      onChoose({ from: current, to: current });
      return;
    }
    const step = KEY_STEPS[event.key];
    if (!step) return;
    event.preventDefault();
    const next = Math.min(count - 1, Math.max(0, step(current, count - 1)));
    setCursor(next);
    onPoint({ from: next, to: next });
  };
  const focused = cursor ?? onScreen?.from ?? count - 1;

  return (
    <>
      <div
        role="slider"
        tabIndex={0}
        aria-label="Timeline of the whole log"
        aria-describedby={hintId}
        aria-valuemin={0}
        aria-valuemax={count - 1}
        aria-valuenow={focused}
        aria-valuetext={buckets[focused] ? describeBucket(buckets[focused]) : undefined}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerLeave={() => drag.current === null && onPoint(null)}
        onKeyDown={onKeyDown}
        onBlur={() => {
          setCursor(null);
          onPoint(null);
        }}
        className="relative flex h-10 max-sm:h-8 cursor-pointer touch-pan-y items-stretch rounded border border-zinc-200 bg-zinc-50 outline-none select-none focus-visible:ring-2 focus-visible:ring-sky-500 dark:border-zinc-800 dark:bg-zinc-900"
      >
        {onScreen ? (
          <div
            aria-hidden
            data-testid="timeline-on-screen"
            data-from={onScreen.from}
            data-to={onScreen.to}
            className="pointer-events-none absolute inset-y-0 border-x-2 border-sky-600 bg-sky-400/25 dark:border-sky-400"
            style={{
              left: percent(onScreen.from, count),
              width: percent(onScreen.to - onScreen.from + 1, count),
            }}
          />
        ) : null}
        {chosen ? (
          <div
            aria-hidden
            className="pointer-events-none absolute inset-y-0 bg-amber-300/30 dark:bg-amber-500/20"
            style={{ left: percent(chosen.from, count), width: percent(chosen.to - chosen.from + 1, count) }}
          />
        ) : null}
        {buckets.map((bucket, index) => (
          <div
            key={index}
            title={describeBucket(bucket)}
            data-bucket={index}
            className={cn("flex min-w-0 flex-1 flex-col justify-end", cursor === index && "bg-sky-200/60")}
          >
            <div
              className="bg-zinc-400 sm:mx-px dark:bg-zinc-500"
              style={{ height: heights[index] ? `max(2px, calc(${heights[index]}% - 4px))` : 0 }}
            />
            <div
              className={cn(
                "h-1 shrink-0 sm:mx-px",
                bucket.errors > 0 ? "bg-red-600" : bucket.warnings > 0 ? "bg-amber-500" : "bg-transparent",
              )}
            />
          </div>
        ))}
      </div>
      <p id={hintId} className="sr-only">
        Arrow keys choose a time, Enter goes there. The shaded part is on screen.
      </p>
    </>
  );
}
