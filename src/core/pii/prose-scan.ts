/**
 * Scanning a text as a person would read it: lists pasted into it (lines with the same number of
 * tabs under a header row, as Excel pastes them) are read as tables — one person per row — and
 * the rest is prose for the recognisers.
 */
import { recordsFromFindings, type PersonRecord } from './person-records.js';
import type { Finding } from './pii-kinds.js';
import { mergeKinds, type KindCounts } from './scan-item.js';
import { countKinds, scanText } from './scan-text.js';
import { classifyHeader, summarizeTable, type TableSummary } from './table-columns.js';

export interface ProseScan {
  kinds: KindCounts;
  people: PersonRecord[];
  /** The largest list found in the text, if any. */
  table: TableSummary | null;
}

const MIN_ROWS = 2;

/** Blocks of consecutive lines with the same tab count (≥ 1), header first, at least MIN_ROWS data rows. */
export function tabBlocks(lines: readonly string[]): Array<{ from: number; to: number }> {
  const blocks: Array<{ from: number; to: number }> = [];
  let i = 0;
  while (i < lines.length) {
    const tabs = (lines[i] ?? '').split('\t').length - 1;
    let j = i + 1;
    if (tabs > 0) while (j < lines.length && (lines[j] ?? '').split('\t').length - 1 === tabs) j += 1;
    if (tabs > 0 && j - i - 1 >= MIN_ROWS) blocks.push({ from: i, to: j });
    i = j;
  }
  return blocks;
}

/** Texts are scanned in windows of this many characters, cut at a line end, so memory per item is bounded. */
export const PROSE_WINDOW = 1_000_000;

export function scanProse(text: string, keep: (f: Finding) => boolean = () => true): ProseScan {
  if (text.length <= PROSE_WINDOW) return scanWindow(text, keep);
  const out: ProseScan = { kinds: {}, people: [], table: null };
  for (let from = 0; from < text.length; ) {
    let to = Math.min(text.length, from + PROSE_WINDOW);
    const nl = text.lastIndexOf('\n', to);
    if (to < text.length && nl > from + PROSE_WINDOW / 2) to = nl + 1;
    const w = scanWindow(text.slice(from, to), keep);
    mergeKinds(out.kinds, w.kinds);
    out.people.push(...w.people);
    if (w.table && (!out.table || w.table.persons > out.table.persons)) out.table = w.table;
    from = to;
  }
  return out;
}

function scanWindow(text: string, keep: (f: Finding) => boolean): ProseScan {
  const lines = text.split(/\r?\n/);
  const kinds: KindCounts = {};
  const people: PersonRecord[] = [];
  let table: TableSummary | null = null;
  const consumed = new Set<number>();
  for (const b of tabBlocks(lines)) {
    const [header, ...rows] = lines.slice(b.from, b.to).map((l) => l.split('\t'));
    if (!header) continue;
    // A key–value layout (患者氏名 | 山田 太郎 / 生年月日 | …) is a form, not a list: its labels are
    // read by the prose recognisers.
    const labelled = rows.filter((r) => classifyHeader([r[0] ?? ''])[0] !== null).length;
    if (labelled * 2 >= rows.length) continue;
    const s = summarizeTable(header, rows);
    if (s.persons === 0) continue;
    mergeKinds(kinds, s.kinds);
    people.push(...s.people);
    if (!table || s.persons > table.persons) table = s;
    for (let k = b.from; k < b.to; k += 1) consumed.add(k);
  }
  const rest = consumed.size ? lines.map((l, k) => (consumed.has(k) ? '' : l)).join('\n') : text;
  const findings = scanText(rest).filter(keep);
  mergeKinds(kinds, countKinds(findings));
  people.push(...recordsFromFindings(findings));
  return { kinds, people, table };
}
