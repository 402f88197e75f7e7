/**
 * A vendor's own CSV export read without code changes: `mapping.json` in the input folder names,
 * per Mamori file, the vendor file, which vendor column feeds each Mamori column, value maps for
 * coded columns, and the time zone of offset-less times. Example (docs/ehr-input.md):
 *
 *   { "access_log": { "file": "操作ログ.csv", "encoding": "shift_jis", "timezone": "+09:00",
 *       "columns": { "event_id": "ログID", "at": "操作日時", "user_id": "利用者ID", … },
 *       "values": { "action": { "参照": "view", "登録": "create" } } } }
 */
import type { EhrFile } from './model.js';

export interface FileMapping {
  file: string;
  encoding?: 'utf-8' | 'shift_jis';
  /** Offset for times written without one, e.g. "+09:00". */
  timezone?: string;
  /** Mamori column → vendor column. */
  columns: Record<string, string>;
  /** Mamori column → vendor value → Mamori value. */
  values?: Record<string, Record<string, string>>;
}

export type ColumnMapping = Partial<Record<EhrFile, FileMapping>>;

const TIME_COLUMNS = new Set(['at', 'start_at', 'end_at', 'created_at', 'deleted_at']);

export function validateMapping(raw: unknown): ColumnMapping | string {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return 'mapping.json はオブジェクトではありません';
  const out: ColumnMapping = {};
  for (const [file, m] of Object.entries(raw as Record<string, unknown>)) {
    if (!['staff', 'patients', 'contacts', 'encounters', 'care_team', 'appointments', 'orders', 'shifts', 'terminals', 'access_log'].includes(file)) return `mapping.json: 不明なファイル「${file}」`;
    const fm = m as Partial<FileMapping> | null;
    if (!fm || typeof fm.file !== 'string' || typeof fm.columns !== 'object') return `mapping.json: ${file} に file と columns が必要です`;
    if (fm.timezone !== undefined && !/^[+-]\d{2}:\d{2}$/.test(fm.timezone)) return `mapping.json: ${file} の timezone は +09:00 の形式です`;
    out[file as EhrFile] = fm as FileMapping;
  }
  return out;
}

/** 2026/10/01 9:05 or 2026-10-01 09:05:00 (no offset) → ISO with the mapping's offset. */
export function normalizeTime(value: string, timezone: string | undefined): string {
  const v = value.trim();
  if (!v || /(Z|[+-]\d{2}:?\d{2})$/.test(v)) return v;
  const m = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(v);
  if (!m || !timezone) return v;
  const p = (s: string | undefined) => (s ?? '0').padStart(2, '0');
  return `${m[1] ?? ''}-${p(m[2])}-${p(m[3])}T${p(m[4])}:${p(m[5])}:${p(m[6])}${timezone}`;
}

/** Vendor records → Mamori records (columns renamed, values mapped, times given their offset). */
export function applyMapping(m: FileMapping, records: ReadonlyArray<Record<string, string>>): Array<Record<string, string>> {
  return records.map((r) => {
    const out: Record<string, string> = {};
    for (const [ours, theirs] of Object.entries(m.columns)) {
      let v = (r[theirs] ?? '').trim();
      const map = m.values?.[ours];
      if (map && v in map) v = map[v] ?? v;
      if (TIME_COLUMNS.has(ours)) v = normalizeTime(v, m.timezone);
      out[ours] = v;
    }
    return out;
  });
}
