/**
 * Tables out of a SQL dump (mysqldump / pg_dump --inserts / pg_dump's default COPY format), so a
 * stolen database dump is read as tables with headers: `CREATE TABLE` gives the column names,
 * `INSERT INTO t [(cols)] VALUES (…),(…);` and `COPY t (cols) FROM stdin;` give the rows.
 * A statement that cannot be parsed is counted, never fatal.
 */
export interface DumpTable {
  name: string;
  header: string[];
  rows: string[][];
}

export interface DumpResult {
  tables: DumpTable[];
  /** Statements that looked like data but could not be parsed. */
  rejected: number;
}

function unquoteIdent(s: string): string {
  const t = s.trim();
  const m = /^[`"[](.*)[`"\]]$/.exec(t);
  return (m?.[1] ?? t).split('.').pop() ?? t;
}

function ident(s: string): string {
  const parts = s.trim().split('.');
  return unquoteIdent(parts[parts.length - 1] ?? s);
}

/** Column names of a CREATE TABLE body (constraints skipped). */
function createColumns(body: string): string[] {
  const cols: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of body) {
    if (ch === '(') depth += 1;
    if (ch === ')') depth -= 1;
    if (ch === ',' && depth === 0) {
      cols.push(cur);
      cur = '';
    } else cur += ch;
  }
  cols.push(cur);
  return cols
    .map((c) => c.trim())
    .filter((c) => c && !/^(PRIMARY|UNIQUE|KEY|INDEX|CONSTRAINT|FOREIGN|CHECK|FULLTEXT)\b/i.test(c))
    .map((c) => unquoteIdent(/^([`"[][^`"\]]+[`"\]]|\S+)/.exec(c)?.[1] ?? c));
}

/** Parse `(v, 'x', NULL), (…)` tuples; returns null on malformed input. */
export function parseTuples(text: string): string[][] | null {
  const rows: string[][] = [];
  let i = 0;
  const n = text.length;
  const skipWs = () => {
    while (i < n && /\s/.test(text[i] ?? '')) i += 1;
  };
  while (i < n) {
    skipWs();
    if (i >= n) break;
    if (text[i] !== '(') return null;
    i += 1;
    const row: string[] = [];
    for (;;) {
      skipWs();
      let value = '';
      if (text[i] === "'") {
        i += 1;
        for (;;) {
          if (i >= n) return null;
          const ch = text[i] ?? '';
          if (ch === '\\') {
            const next = text[i + 1] ?? '';
            value += next === 'n' ? '\n' : next === 't' ? '\t' : next === '0' ? '' : next;
            i += 2;
          } else if (ch === "'" && text[i + 1] === "'") {
            value += "'";
            i += 2;
          } else if (ch === "'") {
            i += 1;
            break;
          } else {
            value += ch;
            i += 1;
          }
        }
      } else {
        const start = i;
        while (i < n && text[i] !== ',' && text[i] !== ')') i += 1;
        const raw = text.slice(start, i).trim();
        value = /^null$/i.test(raw) ? '' : raw;
      }
      row.push(value);
      skipWs();
      if (text[i] === ',') {
        i += 1;
        continue;
      }
      if (text[i] === ')') {
        i += 1;
        break;
      }
      return null;
    }
    rows.push(row);
    skipWs();
    if (text[i] === ',') i += 1;
    else if (text[i] === ';' || i >= n) break;
  }
  return rows;
}

/** Split on statement-ending semicolons outside quotes. */
function* statements(sql: string): Generator<string> {
  let start = 0;
  let quote = false;
  for (let i = 0; i < sql.length; i += 1) {
    const ch = sql[i];
    if (ch === '\\' && quote) {
      i += 1;
      continue;
    }
    if (ch === "'") quote = !quote;
    else if (ch === ';' && !quote) {
      yield sql.slice(start, i);
      start = i + 1;
    }
  }
  const rest = sql.slice(start);
  if (rest.trim()) yield rest;
}

function unescapeCopy(v: string): string {
  if (v === '\\N') return '';
  return v.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c === 'r' ? '\r' : c));
}

export function parseSqlDump(sql: string): DumpResult {
  const tables = new Map<string, DumpTable>();
  const declared = new Map<string, string[]>();
  let rejected = 0;
  const tableOf = (name: string, header: string[]): DumpTable => {
    let t = tables.get(name);
    if (!t) {
      t = { name, header, rows: [] };
      tables.set(name, t);
    }
    return t;
  };
  // COPY blocks are not semicolon-terminated: take them out first.
  const withoutCopy = sql.replace(/^COPY\s+([^\s(]+)\s*\(([^)]*)\)\s+FROM\s+stdin;\r?\n([\s\S]*?)^\\\.\r?$/gim, (_m, name: string, cols: string, body: string) => {
    const header = cols.split(',').map(unquoteIdent);
    const t = tableOf(ident(name), header);
    for (const line of body.split(/\r?\n/)) if (line) t.rows.push(line.split('\t').map(unescapeCopy));
    return '';
  });
  for (const raw of statements(withoutCopy)) {
    const st = raw.replace(/^(\s*(--[^\n]*|\/\*[\s\S]*?\*\/)\s*)+/g, '').trim();
    const create = /^CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?([^\s(]+)\s*\(([\s\S]*)\)[^)]*$/i.exec(st);
    if (create) {
      declared.set(ident(create[1] ?? ''), createColumns(create[2] ?? ''));
      continue;
    }
    const insert = /^INSERT\s+(?:IGNORE\s+)?INTO\s+([^\s(]+)\s*(?:\(([^)]*)\))?\s*VALUES\s*([\s\S]*)$/i.exec(st);
    if (!insert) continue;
    const name = ident(insert[1] ?? '');
    const header = insert[2] ? insert[2].split(',').map(unquoteIdent) : (declared.get(name) ?? []);
    const rows = parseTuples(insert[3] ?? '');
    if (!rows || header.length === 0) {
      rejected += 1;
      continue;
    }
    tableOf(name, header).rows.push(...rows);
  }
  return { tables: [...tables.values()], rejected };
}
