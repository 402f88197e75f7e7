/**
 * People, not matches. A scan turns findings into person records (a table row, or a name in prose
 * with the attributes near it), and a PersonIndex de-duplicates them across a whole source.
 *
 * Rule (docs/adr/0009-breach-scoping.md): two records are one person when they share an identifier
 * (patient ID, My Number, insurer number) or the same normalised name with the same birth date —
 * the affected-people register's rule (ADR 0008). A name found in prose with neither birth date nor
 * identifier merges only with other such prose names: a patient named in a referral and again in
 * the reply thread is one person. Rows of lists never merge on a name alone (a 3,463-row list
 * holds people who share names), and a bare name never swallows a record that carries a birth
 * date (over-counting by one is safer than hiding a person).
 */
import { normalizeName, normalizePatientId } from '../incidents/person-matching.js';
import type { Finding, PiiKind } from './pii-kinds.js';

export const PERSON_WINDOW = 120;

/** One value per kind (the first seen); kinds lists everything found about the person. */
export interface PersonRecord {
  values: Partial<Record<PiiKind, string>>;
  kinds: PiiKind[];
  /** Named in prose (a letter, a mail body) rather than a row of a list. */
  prose?: boolean;
}

const IDS: readonly PiiKind[] = ['patient_id', 'my_number', 'insurance_no'];
const IDENTIFYING: ReadonlySet<PiiKind> = new Set<PiiKind>(['name', 'name_kana', 'patient_id', 'my_number', 'insurance_no', 'phone', 'email', 'address', 'birth_date']);

export function isIdentifying(kind: PiiKind): boolean {
  return IDENTIFYING.has(kind);
}

/** De-duplication keys of one record (empty when it has nothing to match on). */
export function recordKeys(r: PersonRecord): string[] {
  const keys: string[] = [];
  for (const k of IDS) {
    const v = r.values[k];
    if (v) keys.push(`${k}:${k === 'patient_id' ? normalizePatientId(v) : v.replace(/\D/g, '')}`);
  }
  const name = r.values.name ? normalizeName(r.values.name) : '';
  const birth = r.values.birth_date ?? '';
  if (name && birth) keys.push(`nb:${name}|${birth}`);
  else if (name && keys.length === 0 && r.prose) keys.push(`n:${name}`);
  return keys;
}

/**
 * Records from prose findings: each distinct name is a person and takes the attributes nearest to
 * it (within PERSON_WINDOW characters); an identifier with no name near it is a person of its own.
 * Attributes near no name (a phone number in a newsletter) are kinds of the item, not people.
 */
export function recordsFromFindings(findings: readonly Finding[]): PersonRecord[] {
  const names = findings.filter((f) => f.kind === 'name');
  const byName = new Map<string, PersonRecord>();
  const nameRecord = (f: Finding): PersonRecord => {
    const key = normalizeName(f.value);
    let r = byName.get(key);
    if (!r) {
      r = { values: { name: f.value }, kinds: ['name'], prose: true };
      byName.set(key, r);
    }
    return r;
  };
  for (const n of names) nameRecord(n);
  const lone: PersonRecord[] = [];
  const loneById = new Map<string, PersonRecord>();
  for (const f of findings) {
    if (f.kind === 'name') continue;
    let nearest: Finding | null = null;
    for (const n of names) {
      const d = Math.abs(n.start - f.start);
      if (d <= PERSON_WINDOW && (!nearest || d < Math.abs(nearest.start - f.start))) nearest = n;
    }
    if (nearest) {
      add(nameRecord(nearest), f.kind, f.value);
    } else if (IDS.includes(f.kind)) {
      const key = `${f.kind}:${f.value}`;
      if (!loneById.has(key)) {
        const r: PersonRecord = { values: { [f.kind]: f.value }, kinds: [f.kind], prose: true };
        loneById.set(key, r);
        lone.push(r);
      }
    }
  }
  return [...byName.values(), ...lone];
}

function add(r: PersonRecord, kind: PiiKind, value: string): void {
  if (!r.kinds.includes(kind)) r.kinds.push(kind);
  if (r.values[kind] === undefined && value) r.values[kind] = value;
}

/** One record per data row that holds an identifying value (columns from the header). */
export function recordFromRow(columns: ReadonlyArray<PiiKind | null>, row: readonly string[], normalize: (kind: PiiKind, raw: string) => string): PersonRecord | null {
  const r: PersonRecord = { values: {}, kinds: [] };
  let identifying = false;
  columns.forEach((kind, i) => {
    const raw = (row[i] ?? '').trim();
    if (!kind || !raw) return;
    add(r, kind, normalize(kind, raw));
    if (IDENTIFYING.has(kind)) identifying = true;
  });
  return identifying ? r : null;
}

/**
 * Distinct persons over a whole source: union-find over de-duplication keys. Records without keys
 * (a row with only a phone number) are each their own person.
 */
export class PersonIndex {
  readonly #parent: number[] = [];
  readonly #byKey = new Map<string, number>();
  #records = 0;

  add(record: PersonRecord): number {
    const id = this.#records;
    this.#records += 1;
    this.#parent.push(id);
    for (const key of recordKeys(record)) {
      const other = this.#byKey.get(key);
      if (other === undefined) this.#byKey.set(key, id);
      else this.#union(id, other);
    }
    return id;
  }

  /** Representative of a record's person (stable once all records are added). */
  find(id: number): number {
    let root = id;
    while (this.#parent[root] !== root) root = this.#parent[root] ?? root;
    let cur = id;
    while (this.#parent[cur] !== root) {
      const next = this.#parent[cur] ?? root;
      this.#parent[cur] = root;
      cur = next;
    }
    return root;
  }

  #union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.#parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }

  get records(): number {
    return this.#records;
  }

  /** Number of distinct persons. */
  get persons(): number {
    let n = 0;
    for (let i = 0; i < this.#records; i += 1) if (this.find(i) === i) n += 1;
    return n;
  }
}
