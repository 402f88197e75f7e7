/**
 * Tables of a SQLite database file (a stolen application database), read-only, for the scanner.
 * Rows are read with an iterator and capped per table, so a huge table is bounded and reported.
 */
import Database from 'better-sqlite3';

export interface SourceTable {
  name: string;
  header: string[];
  rows: string[][];
  /** True when the table had more rows than the cap. */
  truncated: boolean;
}

export const SQLITE_MAGIC = Buffer.from('SQLite format 3\u0000', 'latin1');

export function isSqlite(head: Buffer): boolean {
  return head.subarray(0, SQLITE_MAGIC.length).equals(SQLITE_MAGIC);
}

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (Buffer.isBuffer(v)) return '';
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean' ? String(v) : '';
}

/** Every user table with its column names and rows (as text). Null when the file is not a readable database. */
export function readSqliteTables(file: string, maxRowsPerTable = 2_000_000): SourceTable[] | null {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch {
    return null;
  }
  try {
    const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as Array<{ name: string }>;
    return names.map(({ name }) => {
      const quoted = `"${name.replace(/"/g, '""')}"`;
      const header = (db.prepare(`PRAGMA table_info(${quoted})`).all() as Array<{ name: string }>).map((c) => c.name);
      const rows: string[][] = [];
      let truncated = false;
      for (const r of db.prepare(`SELECT * FROM ${quoted}`).raw(true).iterate() as Iterable<unknown[]>) {
        if (rows.length >= maxRowsPerTable) {
          truncated = true;
          break;
        }
        rows.push(r.map(cell));
      }
      return { name, header, rows, truncated };
    });
  } catch {
    return null;
  } finally {
    db.close();
  }
}
