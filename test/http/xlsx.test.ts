import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../support/dialects.js';
import { createHarness, setupAdmin, signIn, type Harness, type TestClient } from '../support/harness.js';

for (const dialect of testDialects()) {
  describe(`xlsx import and export (${dialect})`, () => {
    let h: Harness;
    let admin: TestClient;
    let caseId = '';
    beforeAll(async () => {
      h = await createHarness(dialect);
      await setupAdmin(h);
      admin = (await signIn(h, 'admin1', 'correct horse battery')).client;
      caseId = String((await admin.post('/api/cases', { title: 'x', type: 'ransomware', knownAt: '2026-11-19T16:30:00Z' })).body.id);
    });
    afterAll(async () => {
      await h.close();
    });

    it('imports people from the first sheet, with real Excel dates, reporting bad rows by row number', async () => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('対象者');
      ws.addRow(['氏名', '生年月日', '患者ID', '項目']);
      ws.addRow(['架空 一郎', new Date(Date.UTC(1970, 2, 2)), 'P1', '氏名、病名']);
      ws.addRow(['', '', '', '']);
      ws.addRow(['架空 花子', '1980-02-30', 'P2', '氏名']);
      ws.addRow(['架空 次郎', 'S45.3.2', 'P3', '氏名']);
      const data = Buffer.from(await wb.xlsx.writeBuffer());
      const res = await h.app.request(`/api/cases/${caseId}/people/import.xlsx?filename=list.xlsx`, {
        method: 'POST',
        headers: { Cookie: admin.cookie, 'X-CSRF-Token': admin.csrf, 'Content-Type': 'application/octet-stream' },
        body: data,
      });
      expect(await res.json()).toMatchObject({ created: 2, merged: 0, errors: [{ line: 4, reason: '生年月日が不正です' }] });
      const people = (await admin.get(`/api/cases/${caseId}/people`)).body.people as Array<{ patientId: string; birthDate: string; sources: string[] }>;
      expect(people.map((p) => [p.patientId, p.birthDate, p.sources[0]])).toEqual([
        ['P1', '1970-03-02', 'list.xlsx:2'],
        ['P3', '1970-03-02', 'list.xlsx:5'],
      ]);
    });

    it('a broken xlsx is a clear 400, not a crash', async () => {
      const res = await h.app.request(`/api/cases/${caseId}/people/import.xlsx`, {
        method: 'POST',
        headers: { Cookie: admin.cookie, 'X-CSRF-Token': admin.csrf, 'Content-Type': 'application/octet-stream' },
        body: Buffer.from('PK\u0003\u0004 not really a zip'),
      });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: string }).error).toBe('validation_failed');
    });

    it('exports the 経緯 as xlsx that Excel (exceljs) reads back', async () => {
      await admin.post(`/api/cases/${caseId}/timeline`, { date: '2026-11-20', time: '01:30', approximate: true, body: '=HYPERLINK("x") 障害を確認', inPublicNotice: true });
      const res = await h.app.request(`/api/cases/${caseId}/timeline/export.xlsx`, { headers: { Cookie: admin.cookie } });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(await res.arrayBuffer());
      const ws = wb.worksheets[0];
      expect(ws?.name).toBe('経緯');
      expect(ws?.getRow(2).values).toEqual([undefined, '2026-11-20', '01:30', '○', '', '', '=HYPERLINK("x") 障害を確認', '○', '']);
      expect(ws?.getRow(2).getCell(6).formula).toBeUndefined();
    });
  });
}
