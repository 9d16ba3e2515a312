"use client";

import { useEffect } from "react";

const PRODUCT = "Trove Logs";

/**
 * Names the page in the tab and the history ("general · orders-db · Trove Logs") once the names are
 * known (the server's metadata has only the ids). Next's metadata may land after the page renders,
 * so the title is kept while the page is shown.
 */
export function useDocumentTitle(parts: ReadonlyArray<string | undefined> | null) {
  const title = parts && parts.every(Boolean) ? [...parts, PRODUCT].join(" · ") : null;
  useEffect(() => {
    if (!title) return;
    const apply = () => {
      if (document.title !== title) document.title = title;
    };
    apply();
    const observer = new MutationObserver(apply);
    // Streamed metadata may put its <title> in the body: watch the whole document.
    observer.observe(document.documentElement, { subtree: true, childList: true, characterData: true });
    return () => observer.disconnect();
  }, [title]);
}
