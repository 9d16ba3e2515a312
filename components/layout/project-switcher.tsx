"use client";

import { useQueryClient } from "@tanstack/react-query";
import { ChevronDown, FolderKanban, LoaderCircle } from "lucide-react";
import { usePathname, useRouter } from "next/navigation";
import { toast } from "sonner";
import { focusRing } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { forgetProjectQueries, useSwitchProject } from "@/lib/api/session";
import { paths } from "@/lib/paths";
import type { SessionView } from "@/lib/schemas/auth";
import { cn } from "@/lib/utils";

/** The session's project; switching lands on the instance list of the same dashboard. */
export function ProjectSwitcher({ session }: { session: SessionView }) {
  const router = useRouter();
  const pathname = usePathname();
  const queryClient = useQueryClient();
  const switchProject = useSwitchProject();

  const choose = (projectId: string) => {
    if (projectId === session.project.id) return;
    switchProject.mutate(projectId, {
      onSuccess: async (next) => {
        const target = paths.instances(pathname.startsWith("/admin") ? "admin" : "project");
        if (pathname !== target) router.push(target);
        await forgetProjectQueries(queryClient, { refetch: pathname === target });
        toast.success(`Switched to project ${next.project.name}`);
      },
      onError: (error) => toast.error("Could not switch the project", { description: error.message }),
    });
  };

  const label = (
    <span data-testid="current-project">
      <span className="text-zinc-400">Project: </span>
      <strong className="font-semibold text-white">{session.project.name}</strong>
    </span>
  );
  if (session.projects.length < 2) {
    return <span className="flex items-center gap-1.5 px-2 text-sm text-zinc-200">{label}</span>;
  }
  return (
    <DropdownMenu>
      <DropdownMenuTrigger
        aria-label={`Project: ${session.project.name}. Switch project`}
        className={cn(
          "flex items-center gap-1.5 rounded-md px-2 py-1 text-sm text-zinc-200 hover:bg-zinc-800",
          focusRing,
          "focus-visible:ring-offset-zinc-900",
        )}
      >
        {switchProject.isPending ? (
          <LoaderCircle aria-hidden className="size-4 animate-spin" />
        ) : (
          <FolderKanban aria-hidden className="size-4 text-zinc-400" />
        )}
        {label}
        <ChevronDown aria-hidden className="size-3.5 text-zinc-400" />
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start">
        <DropdownMenuLabel>Switch project</DropdownMenuLabel>
        <DropdownMenuRadioGroup value={session.project.id} onValueChange={choose}>
          {session.projects.map((project) => (
            <DropdownMenuRadioItem key={project.id} value={project.id} disabled={switchProject.isPending}>
              {project.name}
            </DropdownMenuRadioItem>
          ))}
        </DropdownMenuRadioGroup>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
