import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MailGenerator, type InboundLabel } from '../../src/services/mail/mail-generator.js';
import { testDialects } from '../support/dialects.js';
import { createHarness, setupAdmin, signIn, type Harness, type TestClient } from '../support/harness.js';

const TOKEN = 'mta-ingest-token-0123456789abcdef';

for (const dialect of testDialects()) {
  describe(`mail threats API (${dialect})`, () => {
    let h: Harness;
    let admin: TestClient;
    let auditor: TestClient;
    const labels: InboundLabel[] = [];
    let inbound = '';
    let history = '';
    let gen: MailGenerator;
    beforeAll(async () => {
      h = await createHarness(dialect, { MAMORI_MAIL_DOMAINS: 'mihon-hospital.example.jp', MAMORI_MAIL_INGEST_TOKEN: TOKEN });
      await setupAdmin(h);
      admin = (await signIn(h, 'admin1', 'correct horse battery')).client;
      await h.container.users.create({ id: null, name: 't', ip: null }, { username: 'kansa1', displayName: '監査', role: 'auditor', password: 'kansa-yaku-no-pasuwaado', mustChangePassword: false });
      auditor = (await signIn(h, 'kansa1', 'kansa-yaku-no-pasuwaado')).client;
      gen = new MailGenerator({ seed: 5, staff: 30, threads: 60, inbound: 60, attackShare: 0.4 });
      history = [...gen.history()].join('');
      for await (const m of gen.inbound()) {
        inbound += m.mbox;
        labels.push(m.label);
      }
    });
    afterAll(async () => {
      await h.close();
    });

    it('learns the staff directory and history, judges an uploaded mbox, and is idempotent', async () => {
      expect((await admin.call('POST', '/api/mail/staff', gen.staffCsv(), { 'Content-Type': 'text/csv' })).body).toEqual({ staff: 30 });
      const learned = await admin.call('POST', '/api/mail/history?filename=history.mbox', history, { 'Content-Type': 'application/mbox' });
      expect(Number(learned.body.learned)).toBeGreaterThan(100);
      const up = await admin.call('POST', '/api/mail/messages?filename=inbound.mbox', inbound, { 'Content-Type': 'application/mbox' });
      expect(up.status).toBe(201);
      const messages = up.body.messages as Array<{ messageId: string; verdict: string }>;
      expect(messages.length).toBe(labels.length);
      const verdict = new Map(messages.map((m) => [m.messageId, m.verdict]));
      const hijacks = labels.filter((l) => l.type.startsWith('hijack') || l.type === 'staff_impersonation');
      expect(hijacks.length).toBeGreaterThan(3);
      for (const l of hijacks) expect(verdict.get(l.message_id), l.type).toBe('危険');
      for (const l of labels.filter((x) => x.type === 'reply' || x.type === 'internal')) expect(verdict.get(l.message_id), l.type).toBe('安全');
      // The uploaded mbox itself is spooled and removed; only its messages are kept.
      expect(readdirSync(path.join(h.container.config.dataDir, 'evidence', 'tmp'))).toEqual([]);
      // The same bytes again: no new rows.
      await admin.call('POST', '/api/mail/messages?filename=inbound.mbox', inbound, { 'Content-Type': 'application/mbox' });
      const list = await auditor.get('/api/mail/messages?limit=500');
      expect(list.body.total).toBe(labels.length);
      const danger = (await auditor.get(`/api/mail/messages?verdict=${encodeURIComponent('危険')}&limit=500`)).body.messages as Array<{ messageId: string; reasons: Array<{ code: string }> }>;
      // A partner who shares a staff member's name is flagged until their address is known (ADR 0011).
      const legitDanger = danger.filter((m) => !labels.find((x) => x.message_id === m.messageId)?.attack);
      expect(legitDanger.flatMap((m) => m.reasons.map((r) => r.code)).filter((c) => c !== 'display_name_staff')).toEqual([]);
      expect((await auditor.call('POST', '/api/mail/messages?filename=x.eml', 'From: a@b.example\n\nx', { 'Content-Type': 'message/rfc822' })).status).toBe(403);
    });

    it('shows a message as text with its headers (audited), records a review and escalates into a case with indicators', async () => {
      const hijack = labels.find((l) => l.type === 'hijack_reply_en' || l.type === 'hijack_reply_ja');
      const list = (await admin.get('/api/mail/messages?limit=500')).body.messages as Array<{ id: string; messageId: string }>;
      const id = list.find((m) => m.messageId === hijack?.message_id)?.id ?? '';
      const d = await auditor.get(`/api/mail/messages/${id}`);
      expect(d.body.message).toMatchObject({ verdict: '危険', stateLabel: '未確認' });
      expect((d.body.headers as Array<{ key: string }>).map((x) => x.key)).toContain('in-reply-to');
      expect(String(d.body.text)).toMatch(/[A-Za-z]{5}/);
      expect((await auditor.call('PATCH', `/api/mail/messages/${id}`, { state: 'false_positive' })).status).toBe(403);
      const r = await admin.post(`/api/mail/messages/${id}/escalate`, { caseId: null });
      expect(r.status).toBe(200);
      const caseId = String(r.body.caseId);
      expect((await admin.get(`/api/cases/${caseId}`)).body).toMatchObject({ type: 'spoofed_mail_malware', severity: 'high' });
      const evidence = (await admin.get(`/api/cases/${caseId}/evidence`)).body.evidence as Array<{ filename: string }>;
      expect(evidence.map((e) => e.filename).sort()).toEqual([`mail-${id}-indicators.csv`, `mail-${id}.eml`]);
      expect((await admin.post(`/api/mail/messages/${id}/escalate`, { caseId: null })).body.caseId).toBe(caseId);
      const audit = await h.container.audit.page({ limit: 1000 });
      expect(audit.map((x) => x.action)).toEqual(expect.arrayContaining(['mail.read', 'mail.escalate', 'mail.analyze']));
    });

    it('accepts a raw message from the MTA with its token only', async () => {
      const raw = 'From: "Taro Mihon" <x1@evil.example.net>\nTo: a@mihon-hospital.example.jp\nSubject: invoice\nMessage-ID: <ingest1@evil.example.net>\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b"\n\n--b\nContent-Type: text/plain\n\nsee attached\n--b\nContent-Type: application/octet-stream; name="a.pdf.lnk"\nContent-Disposition: attachment; filename="a.pdf.lnk"\n\nxx\n--b--\n';
      const anon = new (admin.constructor as new (app: Harness['app']) => TestClient)(h.app);
      expect((await anon.call('POST', '/api/mail/ingest', raw, { 'Content-Type': 'message/rfc822' })).status).toBe(401);
      expect((await anon.call('POST', '/api/mail/ingest', raw, { 'Content-Type': 'message/rfc822', Authorization: 'Bearer wrong-token-0123456789abcdef0' })).status).toBe(401);
      const ok = await anon.call('POST', '/api/mail/ingest?ip=198.51.100.7', raw, { 'Content-Type': 'message/rfc822', Authorization: `Bearer ${TOKEN}` });
      expect(ok.status).toBe(200);
      expect(ok.body.results).toEqual([expect.objectContaining({ verdict: '危険', reasons: expect.arrayContaining(['shortcut_attachment']) as unknown })]);
    });

    it("imports a compromised mailbox's correspondents into the case register once", async () => {
      const kase = await admin.post('/api/cases', { title: 'メールアカウント乗っ取り', type: 'mailbox_takeover', severity: 'high', knownAt: '2026-11-20T09:00:00+09:00' });
      const caseId = String(kase.body.id);
      const ev = await admin.call('POST', `/api/cases/${caseId}/evidence?filename=mailbox.mbox&acquiredBy=IT`, history, { 'Content-Type': 'application/octet-stream' });
      expect(ev.status).toBe(201);
      const r = await admin.post(`/api/cases/${caseId}/correspondents/import`, { evidenceId: ev.body.id });
      expect(r.status).toBe(200);
      expect(Number(r.body.created)).toBe(Number(r.body.addresses));
      expect(Number(r.body.addresses)).toBeGreaterThan(10);
      expect(Number((await admin.post(`/api/cases/${caseId}/correspondents/import`, { evidenceId: ev.body.id })).body.created)).toBe(0);
      const people = (await admin.get(`/api/cases/${caseId}/people?limit=500`)).body;
      expect(JSON.stringify(people)).toContain('@');
    });
  });
}

describe('watched mail folder', () => {
  it('judges dropped files once, moves them to processed/, and leaves a file still being written for the next pass', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mamori-watch-'));
    const h = await createHarness('sqlite', { MAMORI_MAIL_DOMAINS: 'mihon-hospital.example.jp', MAMORI_MAIL_WATCH_DIR: dir });
    try {
      writeFileSync(path.join(dir, 'a.eml'), 'From: "x" <x@evil.example.net>\nTo: a@mihon-hospital.example.jp\nSubject: s\nMessage-ID: <w1@x>\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b"\n\n--b\nContent-Type: text/plain\n\nt\n--b\nContent-Type: application/octet-stream; name="run.exe"\nContent-Disposition: attachment; filename="run.exe"\n\nxx\n--b--\n');
      writeFileSync(path.join(dir, 'growing.eml'), 'From: a@b.example\n\nstill being written');
      const old = new Date(Date.now() - 60_000);
      utimesSync(path.join(dir, 'a.eml'), old, old);
      const watcher = h.container.mailWatcher;
      expect(watcher).not.toBeNull();
      const first = await watcher?.tick();
      expect(first).toEqual({ processed: 1, failed: 0 });
      expect(existsSync(path.join(dir, 'processed', 'a.eml'))).toBe(true);
      expect(existsSync(path.join(dir, 'growing.eml'))).toBe(true);
      const list = await h.container.mail.list({ offset: 0, limit: 10 });
      expect(list.rows.map((r) => [r.source, r.verdict])).toEqual([['watch', '危険']]);
      // The next pass, once the file has stopped growing.
      expect(await watcher?.tick(Date.now() + 10_000)).toEqual({ processed: 1, failed: 0 });
      expect(readFileSync(path.join(dir, 'processed', 'growing.eml'), 'utf8')).toContain('still');
    } finally {
      await h.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
