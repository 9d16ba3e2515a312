"use client";

import { ChevronDown, LogOut, UserRound } from "lucide-react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { focusRing } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { useLogout } from "@/lib/api/session";
import { paths } from "@/lib/paths";
import type { SessionView } from "@/lib/schemas/auth";
import { cn } from "@/lib/utils";

export function UserMenu({ session }: { session: SessionView }) {
  const router = useRouter();
  const logout = useLogout();
  const logOut = () =>
    logout.mutate(undefined, {
      onSuccess: () => router.replace(paths.login()),
      onError: (error) => toast.error("Could not log out", { description: error.message }),
    });

  return (
    <DropdownMenu>
      <DropdownMenuTrigger
        className={cn(
          "flex items-center gap-1.5 rounded-md px-2 py-1 text-sm text-zinc-100 hover:bg-zinc-800",
          focusRing,
          "focus-visible:ring-offset-zinc-900",
        )}
      >
        <UserRound aria-hidden className="size-4" />
        <span data-testid="current-user">
          {session.user.name}
          {session.is_admin ? <span className="text-zinc-400"> (admin)</span> : null}
        </span>
        <ChevronDown aria-hidden className="size-3.5 text-zinc-400" />
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end">
        <DropdownMenuLabel>
          Signed in as <span className="text-zinc-900 dark:text-zinc-100">{session.user.name}</span>
          {session.roles.length ? (
            <span className="block font-normal">Roles: {session.roles.join(", ")}</span>
          ) : null}
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        <DropdownMenuItem onSelect={logOut} disabled={logout.isPending}>
          <LogOut aria-hidden />
          Log out
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
