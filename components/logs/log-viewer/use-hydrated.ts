"use client";

import { useSyncExternalStore } from "react";

const never = () => () => {};

/**
 * False in the server render and while the page hydrates (React uses the server value then), true
 * from the next render on, and at once on a page opened in the browser.
 */
export const useHydrated = (): boolean =>
  useSyncExternalStore(
    never,
    () => true,
    () => false,
  );
