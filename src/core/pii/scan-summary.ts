/**
 * Running summary of a scan: items, items with personal data, distinct persons over the whole
 * source (PersonIndex) and the breach table. Holds only the items' counts and the de-duplication
 * keys, so a 130,000-row dump or an 8,335-message mailbox stays small in memory.
 */
import { breachTable, type BreachRow } from './breach-table.js';
import { PersonIndex, type PersonRecord } from './person-records.js';
import { presentItem, type ScanItem, type ScannedItem } from './scan-item.js';

export interface ScanSummaryLine {
  items: number;
  items_with_pii: number;
  /** Distinct persons after de-duplication across the source. */
  persons: number;
  /** Person records before de-duplication (the sum of the items' counts). */
  person_records: number;
  /** Items with a part that could not be inspected (encrypted, unreadable, too large, unsupported). */
  items_uninspected: number;
  table: BreachRow[];
}

export class ScanSummary {
  readonly #items: ScanItem[] = [];
  readonly #index = new PersonIndex();

  add(item: ScannedItem): ScanItem {
    const shown = presentItem(item);
    this.addItem(shown);
    this.addPeople(item.people);
    return shown;
  }

  /** Items and people separately, for summaries rebuilt from stored rows. */
  addItem(item: ScanItem): void {
    this.#items.push(item);
  }

  addPeople(people: Iterable<PersonRecord>): void {
    for (const p of people) this.#index.add(p);
  }

  result(): ScanSummaryLine {
    return {
      items: this.#items.length,
      items_with_pii: this.#items.filter((i) => i.persons > 0).length,
      persons: this.#index.persons,
      person_records: this.#index.records,
      items_uninspected: this.#items.filter((i) => i.parts.some((p) => p.status !== 'ok')).length,
      table: breachTable(this.#items),
    };
  }
}
