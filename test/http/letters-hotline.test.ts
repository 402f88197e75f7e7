import type { AddressInfo } from 'node:net';
import JSZip from 'jszip';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../support/dialects.js';
import { createHarness, setupAdmin, signIn, type Harness, type TestClient } from '../support/harness.js';

/** A local SMTP sink: accepts everything on loopback and keeps the messages (never the internet). */
async function startSink(): Promise<{ url: string; messages: Array<{ to: string[]; raw: string }>; close: () => Promise<void> }> {
  const messages: Array<{ to: string[]; raw: string }> = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, cb) {
      if (address.address.endsWith('@bounce.invalid')) return cb(new Error('550 no such user'));
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        messages.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return { url: `smtp://127.0.0.1:${port}`, messages, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

for (const dialect of testDialects()) {
  describe(`letters, e-mail and hotline (${dialect})`, () => {
    let h: Harness;
    let admin: TestClient;
    let sink: Awaited<ReturnType<typeof startSink>>;
    let caseId = '';
    beforeAll(async () => {
      sink = await startSink();
      h = await createHarness(dialect, { MAMORI_SMTP_URL: sink.url, MAMORI_SMTP_FROM: 'privacy@demo-hospital.invalid' });
      await setupAdmin(h);
      admin = (await signIn(h, 'admin1', 'correct horse battery')).client;
      await admin.call('PATCH', '/api/settings/hospital', { name: 'デモ総合病院', regime: 'art26', universityHospital: false, founderBody: null });
      caseId = String((await admin.post('/api/cases', { title: 'm', type: 'mailbox_takeover', knownAt: '2026-11-19T16:30:00Z' })).body.id);
      const csv = '氏名,生年月日,患者ID,郵便番号,住所,メールアドレス,項目\n架空 一郎,1970-01-02,P1,100-0001,架空県見本市1-1,ichiro@example.invalid,氏名・検査結果\n架空 花子,1980-03-04,P2,100-0002,架空県見本市2-2,,氏名\n架空 次郎,1990-05-06,P3,100-0003,架空県見本市3-3,jiro@bounce.invalid,氏名\n';
      await admin.post(`/api/cases/${caseId}/people/import`, { csv, filename: 'p.csv' });
      await admin.post(`/api/cases/${caseId}/alternative-measures`, { kind: 'hotline', description: '専用窓口 0120-000-000（9時〜17時）' });
    });
    afterAll(async () => {
      await h.close();
      await sink.close();
    });

    it('mail-merged letters: one page per person, each with their own items', async () => {
      const cid = String((await admin.post(`/api/cases/${caseId}/campaigns`, { name: '郵送', channel: 'post' })).body.id);
      const res = await h.app.request(`/api/cases/${caseId}/campaigns/${cid}/letters?format=docx`, { headers: { Cookie: admin.cookie } });
      const xml = (await (await JSZip.loadAsync(await res.arrayBuffer())).file('word/document.xml')?.async('string')) ?? '';
      expect(xml.match(/個人情報の漏えいに関するお知らせとお詫び/g)).toHaveLength(3);
      expect(xml.match(/w:pageBreakBefore/g)?.length).toBe(2);
      expect(xml).toContain('架空 一郎 様');
      expect(xml).toContain('氏名、検査結果');
      expect(xml).toContain('専用窓口 0120-000-000');
      expect(await h.container.audit.count({ action: 'case.letters_export' })).toBe(1);
    });

    it('e-mail campaign runs as a job through SMTP: sent, no address → unreachable, refused → returned', async () => {
      const cid = String((await admin.post(`/api/cases/${caseId}/campaigns`, { name: 'メール', channel: 'email' })).body.id);
      const q = await admin.post(`/api/cases/${caseId}/campaigns/${cid}/send-email`);
      expect(q.status).toBe(202);
      await h.container.worker.drain();
      const job = await admin.get(`/api/jobs/${String(q.body.jobId)}`);
      expect(job.body).toMatchObject({ state: 'succeeded', summary: 'sent 1, unreachable 1, returned 1' });
      expect(sink.messages.map((m) => m.to)).toEqual([['ichiro@example.invalid']]);
      expect(sink.messages[0]?.raw).toMatch(/Subject: =\?UTF-8\?/);
      const campaigns = (await admin.get(`/api/cases/${caseId}/campaigns`)).body.campaigns as Array<{ id: string; counts: Record<string, number> }>;
      expect(campaigns.find((c) => c.id === cid)?.counts).toEqual({ sent: 1, unreachable: 1, returned: 1 });
      // Running it again mails nobody twice.
      await admin.post(`/api/cases/${caseId}/campaigns/${cid}/send-email`);
      await h.container.worker.drain();
      expect(sink.messages).toHaveLength(1);
    });

    it('hotline: lookup by patient ID or by name + birth date (和暦 ok), and the call log', async () => {
      expect((await admin.post(`/api/cases/${caseId}/hotline/lookup`, { patientId: 'p-1' })).body).toEqual({ found: true, method: 'patient_id', items: ['name', 'test_result'] });
      expect((await admin.post(`/api/cases/${caseId}/hotline/lookup`, { name: '架空　花子', birthDate: 'S55.3.4' })).body).toMatchObject({ found: true, method: 'name_birth' });
      expect((await admin.post(`/api/cases/${caseId}/hotline/lookup`, { name: '架空 花子', birthDate: '1980-03-05' })).body).toMatchObject({ found: false });
      expect((await admin.post(`/api/cases/${caseId}/hotline/lookup`, { name: '架空 花子' })).status).toBe(400);
      await admin.post(`/api/cases/${caseId}/hotline/calls`, { topic: '自分が対象か', patientId: 'P1' });
      await admin.post(`/api/cases/${caseId}/hotline/calls`, { topic: '不審な電話があった', note: '対象外の方' });
      const log = (await admin.get(`/api/cases/${caseId}/hotline/calls`)).body;
      expect(log).toMatchObject({ total: 2, inRegister: 1 });
    });
  });
}
