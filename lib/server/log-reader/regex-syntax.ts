/**
 * Where an escape ends: `\p{Greek}`, `\pL`, `\x{263a}`, `\u{1F600}`, `\x41`, `\101` (octal) and
 * `\Q…\E` span more than one character.
 */
export function escapeEnd(source: string, at: number): number {
  const next = source[at + 1];
  if (next === "Q") {
    const end = source.indexOf("\\E", at + 2);
    return end === -1 ? source.length : end + 2;
  }
  if ("pPxu".includes(next ?? "") && source[at + 2] === "{") {
    const end = source.indexOf("}", at + 3);
    return end === -1 ? source.length : end + 1;
  }
  // `\pL`: a one-letter class name; `\x41`: two hex digits.
  if (next === "p" || next === "P") return Math.min(source.length, at + 3);
  if (next === "x") return Math.min(source.length, at + 4);
  const octal = /^[0-7]{1,3}/.exec(source.slice(at + 1));
  return octal ? at + 1 + octal[0].length : at + 2;
}

/** Where a character class `[…]` ends (a first `]` is literal; `[:alpha:]` and escapes inside). */
export function classEnd(source: string, at: number): number {
  let i = at + 1;
  if (source[i] === "^") i += 1;
  if (source[i] === "]") i += 1;
  while (i < source.length && source[i] !== "]") {
    if (source[i] === "\\") i = escapeEnd(source, i);
    else if (source.startsWith("[:", i)) i = Math.max(i + 2, source.indexOf(":]", i + 2) + 2);
    else i += 1;
  }
  return i + 1;
}

/** A counted repetition at the start of the text: `{n}`, `{n,}`, `{n,m}`. */
export const COUNTED_REPEAT = /^\{(\d+)(?:,(\d*))?\}/;
