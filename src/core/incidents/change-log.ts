/** Field-level differences between two versions of a record, for the case change history. */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export function diffFields<T extends object>(before: T, after: Partial<T>): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const [field, value] of Object.entries(after)) {
    if (value === undefined) continue;
    const old: unknown = (before as Record<string, unknown>)[field];
    if (JSON.stringify(old) !== JSON.stringify(value)) changes.push({ field, before: old ?? null, after: value });
  }
  return changes;
}
