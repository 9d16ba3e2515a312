/**
 * Puts the keyboard in the log: its scrollable list (PageUp/PageDown scroll it), or the log region
 * itself while it shows no lines.
 */
export function focusLogLines(region: HTMLElement | null) {
  const list = region?.querySelector<HTMLElement>("[data-virtuoso-scroller]");
  (list ?? region)?.focus({ preventScroll: true });
}
