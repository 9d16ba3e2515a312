import type { Metadata } from "next";
import { LoginForm } from "@/components/auth/login-form";
import { safeNextPath } from "@/lib/safe-next-path";

export const metadata: Metadata = { title: "Log in" };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string | string[] }>;
}) {
  const { next } = await searchParams;
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-sm rounded-lg border border-zinc-200 bg-white p-8 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
        <h1 className="mb-1 text-xl font-semibold">Trove Logs</h1>
        <p className="mb-6 text-sm text-zinc-600 dark:text-zinc-400">
          Log in to see your database instances&apos; logs.
        </p>
        <LoginForm next={safeNextPath(typeof next === "string" ? next : undefined)} />
      </div>
    </main>
  );
}
