"use client";

import { useEffect, useState } from "react";
import type { SearchMatcher, SearchSpec } from "./processing";

/**
 * The matcher for a search, built once re2js has loaded: the viewer's first load does not carry it
 * (most visits never search). Until it is there, lines show without match paint.
 */
export function useSearchMatcher(spec: SearchSpec | null): SearchMatcher | null {
  const [built, setBuilt] = useState<{ spec: SearchSpec; matcher: SearchMatcher | null } | null>(null);
  useEffect(() => {
    if (!spec) return;
    let current = true;
    void import("./search-matcher").then(({ buildMatcher }) => {
      if (current) setBuilt({ spec, matcher: buildMatcher(spec) });
    });
    return () => {
      current = false;
    };
  }, [spec]);
  return spec && built?.spec === spec ? built.matcher : null;
}
