"use client";

import { Database } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { ErrorState } from "@/components/common/error-state";
import { focusRing } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { TooltipProvider } from "@/components/ui/tooltip";
import { isUnauthorized } from "@/lib/api/session-expiry";
import { useSession } from "@/lib/api/session";
import { paths } from "@/lib/paths";
import { cn } from "@/lib/utils";
import { NavMenu } from "./nav-menu";
import { ProjectSwitcher } from "./project-switcher";
import { SideNav } from "./side-nav";
import { UserMenu } from "./user-menu";

/** Horizon's frame: top bar (product, project, user), side navigation, content. */
export function AppShell({ children }: { children: ReactNode }) {
  const session = useSession();
  const view = session.data;

  return (
    <TooltipProvider delayDuration={300}>
      <a
        href="#main"
        className="sr-only z-50 rounded bg-white px-3 py-2 text-sm focus:not-sr-only focus:fixed focus:top-2 focus:left-2 dark:bg-zinc-900"
      >
        Skip to content
      </a>
      <div className="flex min-h-screen flex-col">
        <header className="flex h-12 shrink-0 items-center gap-2 bg-zinc-900 px-3 text-zinc-100 sm:gap-3 sm:px-4 dark:border-b dark:border-zinc-800 dark:bg-zinc-950">
          <NavMenu isAdmin={view?.is_admin ?? false} />
          <Link
            href={paths.instances("project")}
            className={cn(
              "flex items-center gap-2 rounded font-semibold",
              focusRing,
              "focus-visible:ring-offset-zinc-900",
            )}
          >
            <Database aria-hidden className="size-5 text-sky-400" />
            <span className="hidden min-[400px]:inline">Trove Logs</span>
            <span className="sr-only min-[400px]:hidden">Trove Logs</span>
          </Link>
          <span aria-hidden className="hidden h-5 w-px bg-zinc-700 sm:block" />
          {view ? (
            <ProjectSwitcher session={view} />
          ) : (
            <Skeleton className="w-32 bg-zinc-700 dark:bg-zinc-800" />
          )}
          <div className="ml-auto">{view ? <UserMenu session={view} /> : null}</div>
        </header>
        <div className="flex flex-1">
          <SideNav isAdmin={view?.is_admin ?? false} />
          <main id="main" className="min-w-0 flex-1 p-3 sm:p-4 md:p-5">
            {/* The page starts its own requests while the session loads: no waterfall. */}
            {view || session.isPending ? children : null}
            {/* A 401 is already on its way to the login page. */}
            {session.error && !isUnauthorized(session.error) ? (
              <ErrorState
                title="Could not load your session"
                error={session.error}
                onRetry={() => void session.refetch()}
                retrying={session.isFetching}
              />
            ) : null}
          </main>
        </div>
      </div>
    </TooltipProvider>
  );
}
