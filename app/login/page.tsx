import type { Metadata } from "next";
import { Database } from "lucide-react";
import { LoginForm } from "@/components/auth/login-form";
import { paths } from "@/lib/paths";
import { safeNextPath } from "@/lib/safe-next-path";

export const metadata: Metadata = { title: "Log in" };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string | string[]; reason?: string | string[] }>;
}) {
  const { next, reason } = await searchParams;
  const target = safeNextPath(typeof next === "string" ? next : undefined, paths.instances("project"));
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-sm rounded-lg border border-zinc-200 bg-white p-8 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
        <h1 className="mb-1 flex items-center gap-2 text-xl font-semibold">
          <Database aria-hidden className="size-5 text-sky-600 dark:text-sky-400" />
          Trove Logs
        </h1>
        <p className="mb-6 text-sm text-zinc-600 dark:text-zinc-400">
          Log in to see your database instances&apos; logs.
        </p>
        {reason === "expired" ? (
          <p
            role="status"
            className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100"
          >
            Your session has expired. Log in again to continue where you were.
          </p>
        ) : null}
        <LoginForm next={target} />
      </div>
    </main>
  );
}
