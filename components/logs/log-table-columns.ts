/**
 * The log table's columns, in order, with fixed widths (the table is `table-fixed`): a column keeps
 * its width whatever its cells show, so nothing moves as states change. Narrow screens keep the
 * name, the status and the actions menu; the Published cell stays the fifth <td> for tests.
 */
export const LOG_COLUMNS = {
  select: "w-10",
  name: "",
  type: "hidden w-16 sm:table-cell",
  status: "w-36 sm:w-40",
  published: "hidden w-20 text-right lg:table-cell",
  pending: "hidden w-20 text-right lg:table-cell",
  location: "hidden w-32 xl:table-cell",
  actions: "w-14 min-[1400px]:w-[31rem]",
} as const;

export type LogColumn = keyof typeof LOG_COLUMNS;
export const LOG_COLUMN_ORDER = Object.keys(LOG_COLUMNS) as LogColumn[];
