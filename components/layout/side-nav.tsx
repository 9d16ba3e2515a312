"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { focusRing } from "@/components/ui/button";
import { paths, type Scope } from "@/lib/paths";
import { cn } from "@/lib/utils";

export const DASHBOARDS: { scope: Scope; label: string }[] = [
  { scope: "project", label: "Project" },
  { scope: "admin", label: "Admin" },
];

/**
 * Horizon's navigation: dashboard → panel group → panel. Admin appears for admins only. From md up it
 * is a column beside the page; below, the header's menu button (NavMenu) offers the same links.
 */
export function SideNav({ isAdmin }: { isAdmin: boolean }) {
  const pathname = usePathname();
  return (
    <nav
      aria-label="Main"
      className="hidden w-48 shrink-0 border-r border-zinc-200 bg-white px-3 py-4 text-sm md:block dark:border-zinc-800 dark:bg-zinc-900"
    >
      <ul className="flex flex-col gap-5">
        {DASHBOARDS.filter(({ scope }) => scope === "project" || isAdmin).map(({ scope, label }) => {
          const href = paths.instances(scope);
          const exact = pathname === href;
          const within = exact || pathname.startsWith(`${href}/`);
          return (
            <li key={scope}>
              <p className="px-2 text-xs font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">
                {label}
              </p>
              <p className="mt-1.5 px-2 text-zinc-600 dark:text-zinc-400">Database</p>
              <Link
                href={href}
                aria-current={exact ? "page" : within ? "true" : undefined}
                className={cn(
                  "mt-0.5 block rounded-md py-1.5 pr-2 pl-5",
                  focusRing,
                  within
                    ? "bg-sky-50 font-medium text-sky-800 dark:bg-sky-950 dark:text-sky-200"
                    : "text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800",
                )}
              >
                Instances
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
