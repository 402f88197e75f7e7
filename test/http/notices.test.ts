import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../support/dialects.js';
import { createHarness, setupAdmin, signIn, type Harness, type TestClient } from '../support/harness.js';

interface Notice {
  id: string;
  edition: number;
  status: string;
  changed: string[];
  content: { title: string; sections: Array<{ key: string; heading: string; body: string }>; annex: Array<{ when: string; text: string }> };
}

/** Text of a .docx: every w:t of word/document.xml, paragraphs separated by newlines. */
async function docxText(bytes: ArrayBuffer): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')?.async('string');
  if (!xml) throw new Error('not a docx: word/document.xml missing');
  return xml
    .split(/<\/w:p>/)
    .map((p) => [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1] ?? '').join(''))
    .join('\n');
}

for (const dialect of testDialects()) {
  describe(`第N報 notices (${dialect})`, () => {
    let h: Harness;
    let admin: TestClient;
    let caseId = '';
    let exposureId = '';
    beforeAll(async () => {
      h = await createHarness(dialect);
      await setupAdmin(h);
      admin = (await signIn(h, 'admin1', 'correct horse battery')).client;
      await admin.call('PATCH', '/api/settings/hospital', { name: 'デモ総合病院', regime: 'art26', universityHospital: false, founderBody: null });
      caseId = String((await admin.post('/api/cases', { title: 'ランサムウェア', type: 'ransomware', knownAt: '2026-11-19T16:30:00Z', summary: 'ナースコールシステムサーバー 3台、病棟端末 1台' })).body.id);
      await admin.post(`/api/cases/${caseId}/timeline`, { date: '2026-11-20', time: '01:30', approximate: true, body: 'ナースコール端末の障害を確認', inPublicNotice: true });
      await admin.post(`/api/cases/${caseId}/timeline`, { date: '2026-11-20', time: '09:00', body: '社内の打合せ（非公表）', inPublicNotice: false });
      exposureId = String((await admin.post(`/api/cases/${caseId}/exposures`, { population: 'patient', count: 10_000, countIsEstimate: true, items: ['patient_id', 'name', 'sex', 'address', 'phone', 'birth_date'], malicious: true })).body.id);
    });
    afterAll(async () => {
      await h.close();
    });

    it('第1報: draft from facts, edit, publish; published editions are immutable', async () => {
      const draft = (await admin.post(`/api/cases/${caseId}/notices`)).body as unknown as Notice;
      expect(draft).toMatchObject({ edition: 1, status: 'draft' });
      expect(draft.content.title).toBe('ランサムウェアによる被害に関するご報告とお詫び（第1報）');
      expect(draft.content.annex).toEqual([{ when: '令和8年11月20日（金） 01:30頃', text: 'ナースコール端末の障害を確認' }]);
      expect((await admin.post(`/api/cases/${caseId}/notices`)).body.error).toBe('conflict');
      const edited = await admin.call('PATCH', `/api/cases/${caseId}/notices/${draft.id}`, { sections: [{ key: 'cause', body: '医療機器保守用VPN装置を経由した不正侵入と考えられます。' }] });
      expect(edited.status).toBe(200);
      const published = (await admin.post(`/api/cases/${caseId}/notices/${draft.id}/publish`)).body as unknown as Notice;
      expect(published).toMatchObject({ status: 'published', changed: [] });
      const refused = await admin.call('PATCH', `/api/cases/${caseId}/notices/${draft.id}`, { title: 'x' });
      expect(refused.body.error).toBe('conflict');
    });

    it('第2報 after the count grows marks 「漏洩した個人情報（更新）」 only', async () => {
      await admin.call('PATCH', `/api/cases/${caseId}/exposures/${exposureId}`, { population: 'patient', count: 130_000, countIsEstimate: true, items: ['patient_id', 'name', 'sex', 'address', 'phone', 'birth_date'], malicious: true });
      const draft = (await admin.post(`/api/cases/${caseId}/notices`)).body as unknown as Notice;
      expect(draft.edition).toBe(2);
      expect(draft.content.sections.find((s) => s.key === 'cause')?.body).toBe('医療機器保守用VPN装置を経由した不正侵入と考えられます。');
      const published = (await admin.post(`/api/cases/${caseId}/notices/${draft.id}/publish`)).body as unknown as Notice;
      expect(published.changed).toEqual(['leaked']);
      expect(published.content.sections.map((s) => s.heading)).toContain('漏洩した個人情報（更新）');
      expect(published.content.sections.filter((s) => s.heading.endsWith('（更新）'))).toHaveLength(1);
    });

    it('exports a real DOCX (parsed back), printable HTML and text', async () => {
      const list = (await admin.get(`/api/cases/${caseId}/notices`)).body.notices as Notice[];
      const second = list.find((n) => n.edition === 2);
      const res = await h.app.request(`/api/cases/${caseId}/notices/${second?.id}/export?format=docx`, { headers: { Cookie: admin.cookie } });
      expect(res.headers.get('content-type')).toContain('wordprocessingml');
      const text = await docxText(await res.arrayBuffer());
      expect(text).toContain('ランサムウェアによる被害に関するご報告とお詫び（第2報）');
      expect(text).toContain('2. 漏洩した個人情報（更新）');
      expect(text).toContain('①患者の情報 約130,000名');
      expect(text).toContain('令和8年11月20日（金） 01:30頃');
      expect(text).toContain('デモ総合病院');
      expect(text).not.toContain('社内の打合せ');
      const html = await (await h.app.request(`/api/cases/${caseId}/notices/${second?.id}/export?format=html`, { headers: { Cookie: admin.cookie } })).text();
      expect(html).toContain('<h2>2. 漏洩した個人情報（更新）</h2>');
      const txt = await (await h.app.request(`/api/cases/${caseId}/notices/${second?.id}/export?format=txt`, { headers: { Cookie: admin.cookie } })).text();
      expect(txt).toMatch(/^令和\d+年\d+月\d+日\n患者様・関係者各位/);
      expect(await h.container.audit.count({ action: 'case.notice_export' })).toBe(3);
    });
  });
}

describe('PPC report draft over HTTP', () => {
  it('builds the nine items as JSON and as a DOCX that parses back', async () => {
    const h = await createHarness('sqlite');
    try {
      await setupAdmin(h);
      const { client } = await signIn(h, 'admin1', 'correct horse battery');
      const id = String((await client.post('/api/cases', { title: 'r', type: 'ransomware', knownAt: '2026-02-08T16:50:00Z', summary: 'サーバー3台が暗号化された。' })).body.id);
      await client.post(`/api/cases/${id}/exposures`, { population: 'patient', count: 10_000, countIsEstimate: true, items: ['name', 'diagnosis'], malicious: true });
      await client.post(`/api/cases/${id}/timeline`, { date: '2026-02-09', time: '01:50', approximate: true, body: '障害を確認', inAuthorityReport: true });
      const json = await client.get(`/api/cases/${id}/ppc-report?kind=sokuho`);
      const items = json.body.items as Array<{ no: number; body: string }>;
      expect(items).toHaveLength(9);
      expect(items[0]?.body).toContain('令和8年2月9日');
      expect(items[2]?.body).toContain('合計: 約10,000人');
      const res = await h.app.request(`/api/cases/${id}/ppc-report?kind=kakuho&format=docx`, { headers: { Cookie: client.cookie } });
      const text = await docxText(await res.arrayBuffer());
      expect(text).toContain('個人データの漏えい等の報告（確報）下書き');
      expect(text).toContain('9. その他参考となる事項');
      expect(text).toContain('令和8年2月9日（月） 01:50頃');
    } finally {
      await h.close();
    }
  });
});
