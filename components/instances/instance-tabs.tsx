"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, type KeyboardEvent } from "react";
import { focusRing } from "@/components/ui/button";
import { paths, type Scope } from "@/lib/paths";
import { cn } from "@/lib/utils";

export type InstanceTab = "overview" | "logs";

const TABS: { tab: InstanceTab; label: string }[] = [
  { tab: "overview", label: "Overview" },
  { tab: "logs", label: "Logs" },
];

export const tabId = (tab: InstanceTab) => `instance-tab-${tab}`;
export const panelId = (tab: InstanceTab) => `instance-panel-${tab}`;

/** Horizon's detail tabs; the tab lives in the URL (?tab=logs), arrow keys move between tabs. */
export function InstanceTabs({ scope, id, current }: { scope: Scope; id: string; current: InstanceTab }) {
  const router = useRouter();
  const refs = useRef(new Map<InstanceTab, HTMLAnchorElement>());

  const onKeyDown = (event: KeyboardEvent) => {
    const index = TABS.findIndex(({ tab }) => tab === current);
    const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
    if (step === undefined) return;
    event.preventDefault();
    const next = TABS[(index + step + TABS.length) % TABS.length]!.tab;
    router.replace(paths.instance(scope, id, next), { scroll: false });
    refs.current.get(next)?.focus();
  };

  return (
    <div
      role="tablist"
      aria-label="Instance details"
      onKeyDown={onKeyDown}
      className="mb-4 flex gap-1 border-b border-zinc-200 dark:border-zinc-800"
    >
      {TABS.map(({ tab, label }) => {
        const selected = tab === current;
        return (
          <Link
            key={tab}
            ref={(element) => {
              if (element) refs.current.set(tab, element);
              else refs.current.delete(tab);
            }}
            href={paths.instance(scope, id, tab)}
            replace
            scroll={false}
            role="tab"
            id={tabId(tab)}
            aria-selected={selected}
            aria-controls={panelId(tab)}
            tabIndex={selected ? 0 : -1}
            className={cn(
              "-mb-px rounded-t-md border-b-2 px-3 py-2 text-sm font-medium",
              focusRing,
              selected
                ? "border-sky-600 text-sky-800 dark:border-sky-400 dark:text-sky-200"
                : "border-transparent text-zinc-600 hover:border-zinc-300 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100",
            )}
          >
            {label}
          </Link>
        );
      })}
    </div>
  );
}
