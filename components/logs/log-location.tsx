import type { GuestLog } from "@/lib/schemas/log";

const isSet = (value: string) => value !== "" && value !== "None";

/** Where the published objects are: container, then the prefix; a dash before the first publish. */
export function LogLocation({ log }: { log: Pick<GuestLog, "container" | "prefix"> }) {
  if (!isSet(log.container)) {
    return (
      <span className="text-zinc-400 dark:text-zinc-500" title="Nothing published yet">
        —
      </span>
    );
  }
  const prefix = isSet(log.prefix) ? log.prefix : "";
  return (
    <span
      className="block max-w-32 font-mono text-xs"
      title={prefix ? `${log.container}/${prefix}` : log.container}
    >
      <span className="block truncate">{log.container}/</span>
      {prefix ? <span className="block truncate text-zinc-500 dark:text-zinc-400">{prefix}</span> : null}
    </span>
  );
}
