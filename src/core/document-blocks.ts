/** A minimal document model shared by every report Mamori writes (notices, PPC drafts, letters). */
export type DocBlock =
  | { kind: 'title'; text: string }
  | { kind: 'heading'; text: string }
  | { kind: 'text'; text: string; align?: 'left' | 'right' | 'center' }
  | { kind: 'table'; header: string[]; rows: string[][] }
  | { kind: 'pageBreak' };
