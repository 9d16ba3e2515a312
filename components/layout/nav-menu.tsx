"use client";

import { Menu } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { focusRing } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { paths } from "@/lib/paths";
import { cn } from "@/lib/utils";
import { DASHBOARDS } from "./side-nav";

/** Below md the side navigation folds into this menu button at the start of the top bar. */
export function NavMenu({ isAdmin }: { isAdmin: boolean }) {
  const pathname = usePathname();
  const dashboards = DASHBOARDS.filter(({ scope }) => scope === "project" || isAdmin);
  return (
    <DropdownMenu>
      <DropdownMenuTrigger
        aria-label="Navigation menu"
        className={cn(
          "-ml-1 flex size-8 items-center justify-center rounded-md text-zinc-100 hover:bg-zinc-800 md:hidden",
          focusRing,
          "focus-visible:ring-offset-zinc-900",
        )}
      >
        <Menu aria-hidden className="size-5" />
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" aria-label="Main">
        {dashboards.map(({ scope, label }, index) => {
          const href = paths.instances(scope);
          const within = pathname === href || pathname.startsWith(`${href}/`);
          return (
            <div key={scope}>
              {index > 0 ? <DropdownMenuSeparator /> : null}
              <DropdownMenuLabel>{label} · Database</DropdownMenuLabel>
              <DropdownMenuItem asChild>
                <Link
                  href={href}
                  aria-current={pathname === href ? "page" : within ? "true" : undefined}
                  className={cn(within && "font-medium text-sky-800 dark:text-sky-200")}
                >
                  Instances
                </Link>
              </DropdownMenuItem>
            </div>
          );
        })}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
