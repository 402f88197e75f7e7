/**
 * Strings kept from millions of parsed log lines. A regex match or slice is a V8 "sliced string"
 * that keeps its parent — the line, itself a slice of a multi-megabyte read chunk — alive, so
 * keeping one value per line would keep the whole file in memory. `flatCopy` makes an independent
 * copy; `StringPool` keeps one such copy per distinct value (ids that repeat across events).
 */
export function flatCopy(s: string): string {
  return ` ${s}`.slice(1);
}

export class StringPool {
  readonly #strings = new Map<string, string>();

  /** The pool's copy of `s` ('' stays ''). */
  get(s: string): string {
    if (s === '') return s;
    const known = this.#strings.get(s);
    if (known !== undefined) return known;
    const copy = flatCopy(s);
    this.#strings.set(copy, copy);
    return copy;
  }
}
