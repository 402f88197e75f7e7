/**
 * Event ids of a month of access log (12 million for a 1,000-staff hospital) kept as bytes in one
 * buffer with an open-addressing hash for de-duplication: as JS strings in a Set they cost about
 * 80 bytes each, here about 16 (the id's bytes, an offset and a hash slot). Ids are UTF-8.
 */
const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class EventIdStore {
  #bytes = new Uint8Array(1 << 20);
  #end = 0;
  /** offsets[i]..offsets[i+1] are id i's bytes. */
  #offsets = new Uint32Array(1 << 16);
  #count = 0;
  /**
   * Pairs (id index + 1, hash) per slot — 0 is empty; the hash beside the index means a probe
   * touches one cache line and growing the table does not re-read the ids. Dropped by `freeze`.
   */
  #slots: Int32Array | null = new Int32Array(2 << 17);

  get size(): number {
    return this.#count;
  }

  /** Adds `id` unless already present; returns whether it was added. */
  add(id: string): boolean {
    const slots = this.#slots;
    if (!slots) throw new Error('EventIdStore is frozen');
    const start = this.#end;
    const h = this.#write(id);
    const len = this.#end - start;
    const mask = (slots.length >>> 1) - 1;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const v = slots[2 * s] ?? 0;
      if (v === 0) {
        slots[2 * s] = this.#count + 1;
        slots[2 * s + 1] = h;
        break;
      }
      if (slots[2 * s + 1] === h && this.#equalsTail(v - 1, start, len)) {
        this.#end = start;
        return false;
      }
    }
    if (this.#count + 2 > this.#offsets.length) this.#offsets = grow(this.#offsets, this.#offsets.length * 2);
    this.#offsets[this.#count + 1] = this.#end;
    this.#count += 1;
    if (this.#count * 4 > slots.length) this.#rehash(slots.length * 2);
    return true;
  }

  get(i: number): string {
    const from = this.#offsets[i] ?? 0;
    const to = this.#offsets[i + 1] ?? from;
    const b = this.#bytes;
    // Ids are short and nearly always ASCII: char codes are cheaper than a decoder call.
    let ascii = '';
    for (let k = from; k < to; k++) {
      const c = b[k] ?? 0;
      if (c >= 0x80) return decoder.decode(b.subarray(from, to));
      ascii += String.fromCharCode(c);
    }
    return ascii;
  }

  /** Byte order of ids i and j (code-unit order for ASCII ids). */
  compare(i: number, j: number): number {
    const b = this.#bytes;
    const o = this.#offsets;
    let a = o[i] ?? 0;
    const aEnd = o[i + 1] ?? 0;
    let c = o[j] ?? 0;
    const cEnd = o[j + 1] ?? 0;
    for (; a < aEnd && c < cEnd; a++, c++) {
      const d = (b[a] ?? 0) - (b[c] ?? 0);
      if (d !== 0) return d;
    }
    return aEnd - a - (cEnd - c);
  }

  /** A copy holding the ids in `order`; the hash is not kept (no more adds). */
  permuted(order: Uint32Array): EventIdStore {
    const out = new EventIdStore();
    out.#slots = null;
    out.#bytes = new Uint8Array(this.#end);
    out.#offsets = new Uint32Array(this.#count + 1);
    let end = 0;
    for (let k = 0; k < order.length; k++) {
      const i = order[k] ?? 0;
      const from = this.#offsets[i] ?? 0;
      const to = this.#offsets[i + 1] ?? 0;
      out.#bytes.set(this.#bytes.subarray(from, to), end);
      end += to - from;
      out.#offsets[k + 1] = end;
    }
    out.#end = end;
    out.#count = this.#count;
    return out;
  }

  /** No more adds: the hash is dropped and the buffers trimmed. */
  freeze(): void {
    this.#slots = null;
    this.#bytes = this.#bytes.slice(0, this.#end);
    this.#offsets = this.#offsets.slice(0, this.#count + 1);
  }

  /** Appends the id's UTF-8 bytes; returns their FNV-1a hash (computed in the same pass for ASCII). */
  #write(id: string): number {
    const need = this.#end + id.length * 3;
    if (need > this.#bytes.length) {
      if (need > 0xffff_ffff) throw new Error('event ids exceed 4 GB');
      this.#bytes = grow(this.#bytes, Math.min(0xffff_ffff, Math.max(need, this.#bytes.length * 2)));
    }
    const b = this.#bytes;
    let end = this.#end;
    let h = 0x811c9dc5;
    for (let k = 0; k < id.length; k++) {
      const c = id.charCodeAt(k);
      if (c >= 0x80) {
        end = this.#end + encoder.encodeInto(id, b.subarray(this.#end)).written;
        h = 0x811c9dc5;
        for (let j = this.#end; j < end; j++) h = Math.imul(h ^ (b[j] ?? 0), 0x01000193);
        break;
      }
      b[end++] = c;
      h = Math.imul(h ^ c, 0x01000193);
    }
    this.#end = end;
    return h;
  }

  #equalsTail(i: number, start: number, len: number): boolean {
    const from = this.#offsets[i] ?? 0;
    if ((this.#offsets[i + 1] ?? 0) - from !== len) return false;
    const b = this.#bytes;
    for (let k = 0; k < len; k++) if (b[from + k] !== b[start + k]) return false;
    return true;
  }

  /** `size`: length of the pair array (twice the slot count). */
  #rehash(size: number): void {
    const old = this.#slots ?? new Int32Array(0);
    const slots = new Int32Array(size);
    const mask = (size >>> 1) - 1;
    for (let o = 0; o < old.length; o += 2) {
      const v = old[o] ?? 0;
      if (v === 0) continue;
      const h = old[o + 1] ?? 0;
      let s = h & mask;
      while ((slots[2 * s] ?? 0) !== 0) s = (s + 1) & mask;
      slots[2 * s] = v;
      slots[2 * s + 1] = h;
    }
    this.#slots = slots;
  }
}

export function grow<T extends Uint8Array | Int32Array | Uint32Array | Float64Array>(a: T, size: number): T {
  const next = new (a.constructor as new (n: number) => T)(size);
  next.set(a);
  return next;
}
