import { AppShell } from "@/components/layout/app-shell";

export default function HomePage() {
  return (
    <AppShell>
      <h1 className="text-lg font-semibold">Instances</h1>
      <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
        The instance and log screens arrive with the dashboard; the JSON API under /api is live.
      </p>
    </AppShell>
  );
}
