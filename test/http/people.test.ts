import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../support/dialects.js';
import { fakePeopleCsv } from '../support/fake-people.js';
import { createHarness, setupAdmin, signIn, type Harness, type TestClient } from '../support/harness.js';

interface Recipient {
  id: string;
  status: string;
}

for (const dialect of testDialects()) {
  describe(`affected people and notification (${dialect})`, () => {
    let h: Harness;
    let admin: TestClient;
    let auditor: TestClient;
    let caseId = '';
    beforeAll(async () => {
      h = await createHarness(dialect);
      await setupAdmin(h);
      admin = (await signIn(h, 'admin1', 'correct horse battery')).client;
      await h.container.users.create({ id: null, name: 't', ip: null }, { username: 'kansa1', displayName: 'A', role: 'auditor', password: 'kansa-yaku-no-pasuwaado', mustChangePassword: false });
      auditor = (await signIn(h, 'kansa1', 'kansa-yaku-no-pasuwaado')).client;
      caseId = String((await admin.post('/api/cases', { title: '流出', type: 'ransomware', knownAt: '2026-11-19T16:30:00Z' })).body.id);
    });
    afterAll(async () => {
      await h.close();
    });

    it('imports good rows, reports each bad row by line, and de-duplicates', async () => {
      const csv = `${fakePeopleCsv(5)}見本 次郎,,1980-02-30,,,,,\n,,,,,,,\n仮名 桜1,,S45.3.2,P000001,,,,検査結果\n`;
      const r = await admin.post(`/api/cases/${caseId}/people/import`, { csv, filename: 'list.csv' });
      expect(r.status).toBe(200);
      // Line 8 is a blank-record line skipped by the parser; line 9 has the same patient ID as line 2.
      expect(r.body).toMatchObject({ created: 5, merged: 1, errors: [{ line: 7, reason: '生年月日が不正です' }] });
      // Re-importing the same file (e.g. after a crash) creates nobody new.
      const again = await admin.post(`/api/cases/${caseId}/people/import`, { csv: fakePeopleCsv(5), filename: 'list.csv' });
      expect(again.body).toMatchObject({ created: 0, merged: 5 });
      const people = (await admin.get(`/api/cases/${caseId}/people`)).body.people as Array<{ patientId: string; items: string[]; sources: string[] }>;
      expect(people).toHaveLength(5);
      const first = people.find((p) => p.patientId === 'P000001');
      expect(first?.items.sort()).toEqual(['address', 'diagnosis', 'name', 'test_result']);
      expect(first?.sources).toEqual(['list.csv:2', 'list.csv:9']);
    });

    it('the same person under two IDs is matched by name + birth date', async () => {
      const csv = '氏名,生年月日,患者ID\n例示　葵,令和元年5月1日,X-1\nレイジ アオイ,2019-05-01,X-2\n例示 葵,2019-05-01,\n';
      const r = await admin.post(`/api/cases/${caseId}/people/import`, { csv, filename: 'b.csv' });
      expect(r.body).toMatchObject({ created: 2, merged: 1 });
    });

    it('reading the register needs pii:read and is audited', async () => {
      expect((await auditor.get(`/api/cases/${caseId}/people`)).status).toBe(403);
      const reads = await h.container.audit.count({ action: 'case.people_read' });
      await admin.get(`/api/cases/${caseId}/people`);
      expect(await h.container.audit.count({ action: 'case.people_read' })).toBe(reads + 1);
      const logged = await h.container.audit.page({ action: 'case.people_read', limit: 1 });
      expect(logged[0]?.detail).not.toContain('架空');
    });

    it('a 郵送 campaign tracks each person; the unreachable lead to 代替措置', async () => {
      const created = await admin.post(`/api/cases/${caseId}/campaigns`, { name: '第1回 郵送通知', channel: 'post' });
      expect(created.status).toBe(201);
      const cid = String(created.body.id);
      const recipients = (await admin.get(`/api/cases/${caseId}/campaigns/${cid}/recipients`)).body.recipients as Recipient[];
      expect(recipients).toHaveLength(7);
      const ids = recipients.map((r) => r.id);
      await admin.call('PATCH', `/api/cases/${caseId}/campaigns/${cid}/recipients`, { recipientIds: ids, status: 'sent' });
      await admin.call('PATCH', `/api/cases/${caseId}/campaigns/${cid}/recipients`, { recipientIds: ids.slice(0, 3), status: 'unreachable', note: '宛所不明で返送' });
      const campaigns = (await admin.get(`/api/cases/${caseId}/campaigns`)).body.campaigns as Array<{ counts: Record<string, number> }>;
      expect(campaigns[0]?.counts).toEqual({ sent: 4, unreachable: 3 });
      let reach = (await admin.get(`/api/cases/${caseId}/reachability`)).body;
      expect(reach).toMatchObject({ people: 7, unreachable: 3, alternativeNeeded: true });
      await admin.post(`/api/cases/${caseId}/alternative-measures`, { kind: 'public_notice', description: '当院ウェブサイトに第2報を掲載' });
      reach = (await admin.post(`/api/cases/${caseId}/alternative-measures`, { kind: 'hotline', description: '専用窓口 0120-000-000（平日9時〜17時）' })).body;
      expect(reach).toMatchObject({ unreachable: 3, alternativeNeeded: false });
      expect((reach.measures as Array<{ peopleCount: number }>).map((m) => m.peopleCount)).toEqual([3, 3]);
    });
  });
}
