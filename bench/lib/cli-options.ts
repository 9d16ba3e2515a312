/**
 * The value given as `--name value` on the command line, or `fallback` when the option is absent
 * (or is last, with no value after it).
 */
export function option(name: string, fallback: string): string {
  const args = process.argv.slice(2);
  const at = args.indexOf(`--${name}`);
  return at === -1 ? fallback : (args[at + 1] ?? fallback);
}
