import Link from "next/link";
import { Fragment, type ReactNode } from "react";
import { focusRing } from "@/components/ui/button";
import { cn } from "@/lib/utils";

export interface Crumb {
  label: string;
  href?: string;
}

export interface PageHeaderProps {
  crumbs: Crumb[];
  title: ReactNode;
  /** Beside the title: status badges and the like. */
  meta?: ReactNode;
  description?: ReactNode;
  /** Right of the title: the page's actions (Horizon's "Actions" button). */
  actions?: ReactNode;
}

/** Breadcrumbs (Horizon's "Project / Database / Instances"), the page title and a line about it. */
export function PageHeader({ crumbs, title, meta, description, actions }: PageHeaderProps) {
  return (
    <div className="mb-5">
      <nav aria-label="Breadcrumb">
        <ol className="flex flex-wrap items-center gap-1 text-xs text-zinc-500 dark:text-zinc-400">
          {crumbs.map((crumb, index) => (
            <Fragment key={`${crumb.label}-${index}`}>
              {index > 0 ? <li aria-hidden>/</li> : null}
              <li>
                {crumb.href ? (
                  <Link href={crumb.href} className={cn("rounded hover:underline", focusRing)}>
                    {crumb.label}
                  </Link>
                ) : (
                  crumb.label
                )}
              </li>
            </Fragment>
          ))}
        </ol>
      </nav>
      <div className="mt-1 flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold">{title}</h1>
        {meta}
        {actions ? <div className="ml-auto">{actions}</div> : null}
      </div>
      {description ? (
        <div className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{description}</div>
      ) : null}
    </div>
  );
}
