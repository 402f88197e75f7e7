import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects, type TestDatabase } from '../../test/support/dialects.js';
import { IncidentStore } from './incident-store.js';
import { migrateToLatest } from './migrator.js';

const T = '2026-11-20T05:00:00.000Z';

function caseRow(id: string, seq: number) {
  return { id, number: `2026-${String(seq).padStart(4, '0')}`, year: 2026, seq, title: 't', type: 'ransomware', severity: 'high', status: 'open', phase: 'detect', known_at: T, occurred_at: null, owner_id: null, team: '[]', tags: '[]', summary: '', created_by: null, created_at: T, updated_at: T };
}

function entry(id: string, caseId: string, date: string, time: string | null) {
  return { id, case_id: caseId, date, time, approximate: 0, source: '', category: '', body: id, in_public_notice: 0, in_authority_report: 0, evidence_ids: '[]', deleted: 0, created_by: null, created_at: T, updated_at: T };
}

for (const dialect of testDialects()) {
  describe(`incident store (${dialect})`, () => {
    let t: TestDatabase;
    let store: IncidentStore;
    beforeEach(async () => {
      t = await createTestDatabase(dialect);
      await migrateToLatest(t.database);
      store = new IncidentStore(t.database.db);
    });
    afterEach(async () => {
      await t.cleanup();
    });

    it('a failing transaction leaves nothing half-written', async () => {
      await expect(
        store.transaction(async (tx) => {
          await tx.cases.insert(caseRow('c1', 1));
          await tx.timeline.insert([entry('e1', 'c1', '2026-11-20', '09:00')]);
          throw new Error('crash in the middle');
        }),
      ).rejects.toThrow('crash in the middle');
      expect(await store.cases.findById('c1')).toBeUndefined();
      expect(await store.timeline.findById('e1')).toBeUndefined();
    });

    it('case numbers are unique per year and sequence', async () => {
      await store.cases.insert(caseRow('c1', 1));
      expect(await store.cases.nextSeq(2026)).toBe(2);
      expect(await store.cases.nextSeq(2027)).toBe(1);
      await expect(store.cases.insert({ ...caseRow('c2', 1) })).rejects.toThrow();
    });

    it('timeline sorts by date then time, untimed entries first; deleted entries are hidden', async () => {
      await store.cases.insert(caseRow('c1', 1));
      await store.timeline.insert([entry('b', 'c1', '2026-11-20', '09:00'), entry('a', 'c1', '2026-11-20', null), entry('c', 'c1', '2026-11-19', '23:00'), entry('d', 'c1', '2026-11-21', '00:10')]);
      await store.timeline.update('d', { deleted: 1 });
      expect((await store.timeline.list('c1')).map((r) => r.id)).toEqual(['c', 'a', 'b']);
    });

    it('assessments are numbered per case; obligations are unique per case and kind', async () => {
      await store.cases.insert(caseRow('c1', 1));
      for (let i = 0; i < 3; i += 1) {
        await store.exposures.insertAssessment({ id: `a${i}`, case_id: 'c1', at: T, decided_by_id: null, decided_by_name: 'x', rationale: `r${i}`, regime: 'art26', decision: '{}', exposures: '[]' });
      }
      expect((await store.exposures.assessments('c1')).map((a) => [a.seq, a.rationale])).toEqual([[3, 'r2'], [2, 'r1'], [1, 'r0']]);
      const o = { case_id: 'c1', kind: 'ppc_sokuho', required: 1, basis: '', due_date: '2026-11-24', due_at: T, warn_at: null, status: 'open', submitted_at: null, channel: null, receipt_ref: null, note: '', created_at: T, updated_at: T };
      await store.obligations.insert({ id: 'o1', ...o });
      await expect(store.obligations.insert({ id: 'o2', ...o })).rejects.toThrow();
      expect((await store.obligations.authorities()).length).toBe(7);
    });
  });
}
