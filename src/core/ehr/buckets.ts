import { NONE } from './event-table.js';

/**
 * Event indexes grouped by one of the table's id columns (user, session, object): a counting sort
 * into one array, each group in the order the indexes were given (time order), no array per group.
 */
export class Buckets {
  private constructor(
    readonly start: Int32Array,
    readonly items: Int32Array,
  ) {}

  /** Groups `indexes` (all rows when omitted) by `keys[i]`, ids 0 … size-1; NONE is left out. */
  static by(keys: Int32Array, size: number, indexes?: ArrayLike<number>): Buckets {
    const count = indexes ? indexes.length : keys.length;
    const at = (k: number): number => (indexes ? (indexes[k] ?? 0) : k);
    const start = new Int32Array(size + 1);
    for (let k = 0; k < count; k++) {
      const key = keys[at(k)] ?? NONE;
      if (key !== NONE) start[key + 1] = (start[key + 1] ?? 0) + 1;
    }
    for (let b = 0; b < size; b++) start[b + 1] = (start[b + 1] ?? 0) + (start[b] ?? 0);
    const fill = start.slice(0, size);
    const items = new Int32Array(start[size] ?? 0);
    for (let k = 0; k < count; k++) {
      const i = at(k);
      const key = keys[i] ?? NONE;
      if (key === NONE) continue;
      const pos = fill[key] ?? 0;
      fill[key] = pos + 1;
      items[pos] = i;
    }
    return new Buckets(start, items);
  }

  /** Number of keys. */
  get size(): number {
    return this.start.length - 1;
  }

  /** The indexes of one key (empty for an id outside the range). */
  of(key: number): Int32Array {
    if (key < 0 || key >= this.size) return this.items.subarray(0, 0);
    return this.items.subarray(this.start[key] ?? 0, this.start[key + 1] ?? 0);
  }
}
