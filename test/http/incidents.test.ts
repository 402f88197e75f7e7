import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../support/dialects.js';
import { createHarness, setupAdmin, signIn, type Harness, type TestClient } from '../support/harness.js';

interface Obligation {
  id: string;
  kind: string;
  dueDate: string;
  state: string;
  status: string;
}

for (const dialect of testDialects()) {
  describe(`incident cases over HTTP (${dialect})`, () => {
    let h: Harness;
    let admin: TestClient;
    let viewer: TestClient;
    let caseId = '';

    async function obligations(): Promise<Obligation[]> {
      return (await admin.get(`/api/cases/${caseId}/obligations`)).body.obligations as Obligation[];
    }

    beforeAll(async () => {
      h = await createHarness(dialect);
      await setupAdmin(h);
      admin = (await signIn(h, 'admin1', 'correct horse battery')).client;
      await h.container.users.create({ id: null, name: 't', ip: null }, { username: 'viewer1', displayName: 'V', role: 'viewer', password: 'etsuran-no-pasuwaado', mustChangePassword: false });
      viewer = (await signIn(h, 'viewer1', 'etsuran-no-pasuwaado')).client;
    });
    afterAll(async () => {
      await h.close();
    });

    it('creates a numbered case; a viewer can read but not write', async () => {
      // Known at 2026-11-20 01:30 JST (day 1 = 2026-11-20).
      const r = await admin.post('/api/cases', { title: 'ナースコールシステムへのランサムウェア攻撃', type: 'ransomware', knownAt: '2026-11-19T16:30:00Z', tags: ['VPN'] });
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({ number: '2026-0001', phase: 'detect', status: 'open', severity: 'high' });
      caseId = String(r.body.id);
      const second = await admin.post('/api/cases', { title: '誤送信', type: 'loss_missend', knownAt: '2026-11-20T01:00:00+09:00' });
      expect(second.body.number).toBe('2026-0002');
      expect((await viewer.get(`/api/cases/${caseId}`)).status).toBe(200);
      const refused = await viewer.post('/api/cases', { title: 'x', type: 'other', knownAt: '2026-11-19T16:30:00Z' });
      expect(refused.status).toBe(403);
    });

    it('records every change with who, when, before and after', async () => {
      await admin.call('PATCH', `/api/cases/${caseId}`, { phase: 'contain', severity: 'critical' });
      const changes = (await admin.get(`/api/cases/${caseId}/changes`)).body.changes as Array<{ field: string; before: unknown; after: unknown; actorName: string }>;
      expect(changes).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ field: 'phase', before: 'detect', after: 'contain', actorName: 'admin1' }),
          expect.objectContaining({ field: 'severity', before: 'high', after: 'critical' }),
        ]),
      );
    });

    it('ransomware without exposures: MHLW, prefecture, police, IPA — no PPC yet', async () => {
      const kinds = (await obligations()).map((o) => o.kind);
      expect(kinds).toEqual([]); // nothing assessed yet
      await admin.post(`/api/cases/${caseId}/assess`, { rationale: '初期評価: 漏えい未確認' });
      expect((await obligations()).map((o) => o.kind).sort()).toEqual(['ipa', 'mhlw', 'police', 'prefecture']);
    });

    it('10,000 patients with 要配慮 items → PPC 速報 day 5 and 確報 day 60 (3号)', async () => {
      const r = await admin.post(`/api/cases/${caseId}/exposures`, { population: 'patient', count: 10_000, countIsEstimate: true, items: ['patient_id', 'name', 'birth_date', 'diagnosis'], malicious: true });
      expect(r.status).toBe(201);
      const list = await obligations();
      const due = Object.fromEntries(list.map((o) => [o.kind, o.dueDate]));
      expect(due.ppc_sokuho).toBe('2026-11-24');
      expect(due.ppc_kakuho).toBe('2027-01-18');
      expect(due.individual_notice).toBe('2026-11-21');
      // Harness now = 2026-11-20 14:00 JST (day 1): 速報 not yet due.
      expect(list.find((o) => o.kind === 'ppc_sokuho')?.state).toBe('ok');
      const assessed = (await admin.get(`/api/cases/${caseId}/exposures`)).body.assessments as Array<{ decision: { r7_1_sensitive: boolean; r7_3_malicious: boolean; r7_4_over_threshold: boolean; people: number } }>;
      expect(assessed[0]?.decision).toMatchObject({ r7_1_sensitive: true, r7_3_malicious: true, r7_4_over_threshold: true, people: 10_000 });
    });

    it('a recorded 速報 submission survives re-assessment when the count grows to 130,000', async () => {
      const sokuho = (await obligations()).find((o) => o.kind === 'ppc_sokuho');
      const sub = await admin.call('PATCH', `/api/cases/${caseId}/obligations/${sokuho?.id}`, { status: 'submitted', submittedAt: '2026-11-22T02:00:00Z', channel: '漏えい等報告フォーム', receiptRef: 'PPC-2026-12345' });
      expect(sub.body).toMatchObject({ status: 'submitted', state: 'done', receiptRef: 'PPC-2026-12345' });
      const exposure = ((await admin.get(`/api/cases/${caseId}/exposures`)).body.exposures as Array<{ id: string }>)[0];
      await admin.call('PATCH', `/api/cases/${caseId}/exposures/${exposure?.id}`, { population: 'patient', count: 130_000, countIsEstimate: true, items: ['patient_id', 'name', 'birth_date', 'diagnosis'], malicious: true });
      const after = await obligations();
      expect(after.filter((o) => o.kind === 'ppc_sokuho')).toHaveLength(1);
      expect(after.find((o) => o.kind === 'ppc_sokuho')?.status).toBe('submitted');
      const assessments = (await admin.get(`/api/cases/${caseId}/exposures`)).body.assessments as Array<{ rationale: string; decision: { people: number } }>;
      expect(assessments.map((a) => a.decision.people)).toEqual([130_000, 10_000, 0]);
      expect(assessments[0]?.rationale).toContain('10,000人 → 130,000人');
    });

    it('moving knownAt moves every open deadline', async () => {
      await admin.call('PATCH', `/api/cases/${caseId}`, { knownAt: '2026-11-17T03:00:00Z' });
      const list = await obligations();
      expect(list.find((o) => o.kind === 'ppc_kakuho')?.dueDate).toBe('2027-01-15');
      // Day 1 = 11-17; now is 11-20 (day 4): the open 確報 is far, the individual notice (day 2) is overdue.
      expect(list.find((o) => o.kind === 'individual_notice')?.state).toBe('overdue');
      const cases = (await admin.get('/api/cases')).body.cases as Array<{ id: string; overdue: number }>;
      expect(cases[0]?.id).toBe(caseId);
      expect(cases[0]?.overdue).toBeGreaterThan(0);
      const dash = (await admin.get('/api/dashboard')).body as { incidents: { open: number; overdueObligations: number } };
      expect(dash.incidents.open).toBe(2);
      expect(dash.incidents.overdueObligations).toBe(cases[0]?.overdue);
    });

    it('timeline import: impossible dates are rejected with line numbers and nothing is written', async () => {
      const bad = '日付,時刻,内容,別表\n2026-11-20,1:30頃,端末の障害を確認,○\n2026-11-31,,ありえない日付,\n2026-11-21,25:00,時刻が不正,\n';
      const r = await admin.post(`/api/cases/${caseId}/timeline/import`, { csv: bad });
      expect(r.status).toBe(400);
      expect(r.body.details).toEqual({
        errors: [
          { line: 3, reason: '日付「2026-11-31」は存在しない日付か形式が不正です' },
          { line: 4, reason: '時刻「25:00」が不正です' },
        ],
      });
      expect(((await admin.get(`/api/cases/${caseId}/timeline`)).body.entries as unknown[]).length).toBe(0);
      const good = '\uFEFF日付,時刻,出典,内容,別表\n令和8年11月20日,1:30頃,病棟,ナースコール端末の障害を確認,○\n2026/11/20,9:00,情報システム室,外部接続を遮断,○\n2026-11-21,,院長,対策本部を設置,\n';
      expect((await admin.post(`/api/cases/${caseId}/timeline/import`, { csv: good })).body).toEqual({ imported: 3 });
      const entries = (await admin.get(`/api/cases/${caseId}/timeline`)).body.entries as Array<{ date: string; time: string | null; approximate: boolean; inPublicNotice: boolean }>;
      expect(entries.map((e) => [e.date, e.time, e.approximate, e.inPublicNotice])).toEqual([
        ['2026-11-20', '01:30', true, true],
        ['2026-11-20', '09:00', false, true],
        ['2026-11-21', null, false, false],
      ]);
      const csv = await h.app.request(`/api/cases/${caseId}/timeline/export.csv`, { headers: { Cookie: admin.cookie } });
      const text = new TextDecoder().decode(new Uint8Array(await csv.arrayBuffer()).slice(3));
      expect(text.split('\r\n')[1]).toBe('2026-11-20,01:30,○,病棟,,ナースコール端末の障害を確認,○,');
    });

    it('法68条 profile lowers the 4号 threshold to 100', async () => {
      const other = await admin.post('/api/cases', { title: '誤送信', type: 'loss_missend', knownAt: '2026-11-19T16:30:00Z' });
      const id = String(other.body.id);
      await admin.post(`/api/cases/${id}/exposures`, { population: 'patient', count: 150, items: ['name', 'address'] });
      let kinds = ((await admin.get(`/api/cases/${id}/obligations`)).body.obligations as Obligation[]).map((o) => o.kind);
      expect(kinds).toEqual([]);
      const p = await admin.call('PATCH', '/api/settings/hospital', { name: 'テスト市民病院', regime: 'art68', universityHospital: false, founderBody: 'テスト市' });
      expect(p.status).toBe(200);
      await admin.post(`/api/cases/${id}/assess`, { rationale: '行政機関等として再評価' });
      kinds = ((await admin.get(`/api/cases/${id}/obligations`)).body.obligations as Obligation[]).map((o) => o.kind).sort();
      expect(kinds).toEqual(['founder', 'individual_notice', 'mhlw', 'ppc_kakuho', 'ppc_sokuho', 'prefecture']);
      expect((await viewer.call('PATCH', '/api/settings/hospital', { name: 'x', regime: 'art26', universityHospital: false, founderBody: null })).status).toBe(403);
    });

    it('the authority registry is editable by administrators only', async () => {
      const list = (await viewer.get('/api/authorities')).body.authorities as Array<{ id: string; kind: string }>;
      expect(list.map((a) => a.kind)).toContain('mhlw');
      const mhlw = list.find((a) => a.kind === 'mhlw');
      expect((await viewer.call('PATCH', `/api/authorities/${mhlw?.id}`, { name: 'x' })).status).toBe(403);
      const r = await admin.call('PATCH', `/api/authorities/${mhlw?.id}`, { name: '厚生労働省 医政局', phone: '03-0000-0000' });
      expect((r.body.authorities as Array<{ id: string; phone: string }>).find((a) => a.id === mhlw?.id)?.phone).toBe('03-0000-0000');
    });
  });
}
