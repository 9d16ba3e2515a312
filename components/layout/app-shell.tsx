"use client";

import { usePathname, useRouter } from "next/navigation";
import { useEffect, type ReactNode } from "react";
import { ApiError } from "@/lib/api/fetcher";
import { useLogout, useSession } from "@/lib/api/session";

/** Horizon's frame: top bar (product, project, user), side navigation, content. */
export function AppShell({ children }: { children: ReactNode }) {
  const router = useRouter();
  const pathname = usePathname();
  const session = useSession();
  const logout = useLogout();
  const expired = session.error instanceof ApiError && session.error.status === 401;

  useEffect(() => {
    if (expired) router.replace(`/login?next=${encodeURIComponent(pathname)}`);
  }, [expired, pathname, router]);

  const view = session.data;
  return (
    <div className="flex min-h-screen flex-col">
      <header className="flex h-12 items-center gap-4 border-b border-zinc-200 bg-zinc-900 px-4 text-zinc-100 dark:border-zinc-800">
        <span className="font-semibold">Trove Logs</span>
        {view ? (
          <span className="text-sm text-zinc-300" data-testid="current-project">
            Project: <strong className="text-white">{view.project.name}</strong>
          </span>
        ) : null}
        <div className="ml-auto flex items-center gap-3 text-sm">
          {view ? (
            <span data-testid="current-user">
              Signed in as <strong>{view.user.name}</strong>
              {view.is_admin ? " (admin)" : ""}
            </span>
          ) : null}
          <button
            type="button"
            onClick={() => logout.mutate(undefined, { onSuccess: () => router.replace("/login") })}
            className="rounded px-2 py-1 hover:bg-zinc-700 focus-visible:ring-2 focus-visible:ring-sky-400 focus-visible:outline-none"
          >
            Log out
          </button>
        </div>
      </header>
      <div className="flex flex-1">
        <nav
          aria-label="Main"
          className="w-56 border-r border-zinc-200 bg-white p-4 text-sm dark:border-zinc-800 dark:bg-zinc-900"
        >
          <p className="font-semibold">Project</p>
          <p className="mt-2 pl-2 text-zinc-600 dark:text-zinc-400">Database</p>
          <p className="pl-4">Instances</p>
        </nav>
        <main className="flex-1 p-6">
          {session.isPending ? <p className="text-sm text-zinc-500">Loading…</p> : null}
          {session.error && !expired ? (
            <p role="alert" className="text-sm text-red-700 dark:text-red-300">
              {session.error.message}
            </p>
          ) : null}
          {view ? children : null}
        </main>
      </div>
    </div>
  );
}
