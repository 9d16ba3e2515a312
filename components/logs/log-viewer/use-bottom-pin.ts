"use client";

import { useCallback, useRef } from "react";

/**
 * A list that sits at its bottom stays there when its box gets shorter: Follow's live lines grow
 * below it, and a smaller window shows fewer rows. Without this the last lines slide out of view and
 * the list believes the reader scrolled away from the end. Answers a ref callback for the scroller.
 */
export function useBottomPin(slackPx: number) {
  const detach = useRef<(() => void) | null>(null);
  return useCallback(
    (element: HTMLElement | Window | null) => {
      detach.current?.();
      detach.current = null;
      if (!(element instanceof HTMLElement)) return;
      let height = element.clientHeight;
      const observer = new ResizeObserver(() => {
        // Where the bottom was at the old height (a box that shrinks does not scroll).
        const gapBefore = element.scrollHeight - element.scrollTop - height;
        const shrank = element.clientHeight < height;
        height = element.clientHeight;
        if (shrank && gapBefore <= slackPx) element.scrollTop = element.scrollHeight;
      });
      observer.observe(element);
      detach.current = () => observer.disconnect();
    },
    [slackPx],
  );
}
