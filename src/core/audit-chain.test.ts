import { describe, expect, it } from 'vitest';
import { AuditChainVerifier, GENESIS_HASH, hashAuditRecord, type StoredAuditRecord } from './audit-chain.js';

function chain(n: number): StoredAuditRecord[] {
  const rows: StoredAuditRecord[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq += 1) {
    const record = {
      seq,
      at: `2026-11-20T00:00:${String(seq).padStart(2, '0')}.000Z`,
      actorId: null,
      actorName: `user${seq}`,
      action: 'auth.login',
      targetType: null,
      targetId: null,
      outcome: 'success' as const,
      ip: '127.0.0.1',
      detail: '{}',
      prevHash: prev,
    };
    const hash = hashAuditRecord(record);
    rows.push({ ...record, hash });
    prev = hash;
  }
  return rows;
}

function verify(rows: StoredAuditRecord[], head?: { seq: number; hash: string }) {
  const v = new AuditChainVerifier();
  for (const row of rows) v.push(row);
  return v.finish(head);
}

describe('audit hash chain', () => {
  it('an intact chain verifies, including against its head', () => {
    const rows = chain(20);
    const last = rows.at(-1);
    expect(verify(rows, { seq: 20, hash: last?.hash ?? '' })).toEqual({ ok: true, problems: [] });
  });

  it('a modified field is reported at that row only', () => {
    const rows = chain(20);
    rows[6] = { ...rows[6]!, actorName: 'mallory' };
    const result = verify(rows);
    expect(result.problems).toEqual([expect.objectContaining({ kind: 'modified', seq: 7 })]);
  });

  it('a re-hashed forged row breaks the link to the next row', () => {
    const rows = chain(10);
    const forged = { ...rows[3]!, actorName: 'mallory' };
    rows[3] = { ...forged, hash: hashAuditRecord(forged) };
    expect(verify(rows).problems).toEqual([expect.objectContaining({ kind: 'broken_link', seq: 5 })]);
  });

  it('a deleted row is reported as missing', () => {
    const rows = chain(10).filter((r) => r.seq !== 4);
    expect(verify(rows).problems).toEqual([expect.objectContaining({ kind: 'missing', seq: 4 })]);
  });

  it('rows cut from the end are caught by the head record', () => {
    const rows = chain(10);
    const head = { seq: 10, hash: rows[9]!.hash };
    expect(verify(rows.slice(0, 8), head).problems).toEqual([expect.objectContaining({ kind: 'head_mismatch' })]);
  });

  it('moving bytes between adjacent fields changes the hash', () => {
    const [row] = chain(1);
    const a = hashAuditRecord({ ...row!, actorName: 'ab', action: 'c' });
    const b = hashAuditRecord({ ...row!, actorName: 'a', action: 'bc' });
    expect(a).not.toBe(b);
  });
});
