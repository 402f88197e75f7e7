import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TakeoverLogGenerator, type TakeoverLabel } from '../../src/services/mail/takeover-log-generator.js';
import { testDialects } from '../support/dialects.js';
import { createHarness, setupAdmin, signIn, type Harness, type TestClient } from '../support/harness.js';

interface RunBody {
  id: string;
  state: string;
  files: Array<{ name: string; format: string; sha256: string; lines: number | null; rejected: number | null }>;
  accounts: number | null;
  alerts: number | null;
}
interface AlertBody {
  id: string;
  account: string;
  severity: string;
  state: string;
  caseId: string | null;
  windowStart: string;
  findings: Array<{ code: string }>;
}

for (const dialect of testDialects()) {
  describe(`account takeover API (${dialect})`, () => {
    let h: Harness;
    let admin: TestClient;
    let auditor: TestClient;
    let dir: string;
    let labels: TakeoverLabel[];
    beforeAll(async () => {
      h = await createHarness(dialect, { MAMORI_MAIL_DOMAINS: 'mihon-hospital.example.jp' });
      await setupAdmin(h);
      admin = (await signIn(h, 'admin1', 'correct horse battery')).client;
      await h.container.users.create({ id: null, name: 't', ip: null }, { username: 'kansa1', displayName: '監査', role: 'auditor', password: 'kansa-yaku-no-pasuwaado', mustChangePassword: false });
      auditor = (await signIn(h, 'kansa1', 'kansa-yaku-no-pasuwaado')).client;
      dir = mkdtempSync(path.join(tmpdir(), 'mamori-takeover-http-'));
      const gen = new TakeoverLogGenerator({ seed: 4, accounts: 40, days: 14, flavour: 'm365', perScenario: 1 });
      labels = gen.generate().labels;
      await gen.write(dir);
    }, 60_000);
    afterAll(async () => {
      await h.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('collects log files into a run, analyses them in a job, and lists the alerts', async () => {
      const created = await admin.call('POST', '/api/mail/log-runs');
      expect(created.status).toBe(201);
      const run = created.body as unknown as RunBody;
      for (const f of ['SignIns.csv', 'MessageTrace.csv', 'AuditLog.csv']) {
        const up = await admin.call('POST', `/api/mail/log-runs/${run.id}/files?filename=${f}`, readFileSync(path.join(dir, f), 'utf8'), { 'Content-Type': 'text/csv' });
        expect(up.status, f).toBe(201);
      }
      const dup = await admin.call('POST', `/api/mail/log-runs/${run.id}/files?filename=AuditLog.csv`, 'x', { 'Content-Type': 'text/csv' });
      expect(dup.status).toBe(409);
      expect((await auditor.call('POST', `/api/mail/log-runs/${run.id}/analyze`)).status).toBe(403);
      const queued = await admin.call('POST', `/api/mail/log-runs/${run.id}/analyze`);
      expect(queued.status, JSON.stringify(queued.body)).toBe(202);
      expect((queued.body as unknown as RunBody).files.map((f) => `${f.name} ${f.format}`).sort()).toEqual(['AuditLog.csv m365-audit', 'MessageTrace.csv m365-message-trace', 'SignIns.csv m365-sign-in']);
      expect(await h.container.worker.drain()).toBe(1);
      const done = (await auditor.get(`/api/mail/log-runs/${run.id}`)).body as unknown as RunBody;
      expect(done.state).toBe('succeeded');
      expect(done.accounts).toBe(40);
      expect(done.files.every((f) => (f.lines ?? 0) > 0 && f.rejected === 0)).toBe(true);
      // Too late to add files once analysed.
      expect((await admin.call('POST', `/api/mail/log-runs/${run.id}/files?filename=late.csv`, 'a,b', { 'Content-Type': 'text/csv' })).status).toBe(409);

      const list = (await auditor.get(`/api/mail/takeover-alerts?runId=${run.id}&severity=${encodeURIComponent('危険')}`)).body.alerts as AlertBody[];
      for (const l of labels.filter((x) => x.compromised)) expect(list.some((a) => a.account === l.account), l.scenario).toBe(true);
    });

    it('shows an alert with its log lines (an audited read), takes a review, and escalates into a mailbox-takeover case', async () => {
      const list = (await auditor.get(`/api/mail/takeover-alerts?severity=${encodeURIComponent('危険')}`)).body.alerts as AlertBody[];
      const bec = labels.find((l) => l.scenario === 'bec_forward');
      const alert = list.find((a) => a.account === bec?.account);
      expect(alert?.findings.map((f) => f.code)).toContain('forwarding_rule');
      const detail = await auditor.get(`/api/mail/takeover-alerts/${alert?.id ?? ''}`);
      const evidence = detail.body.evidence as Array<{ file: string; line: number; raw: string }>;
      expect(evidence.some((e) => e.file === 'AuditLog.csv' && e.raw.includes('New-InboxRule'))).toBe(true);
      const audited = await admin.get('/api/audit?action=mail.takeover_alert_read');
      expect(JSON.stringify(audited.body)).toContain(alert?.id ?? 'missing');

      const reviewed = await admin.call('PATCH', `/api/mail/takeover-alerts/${alert?.id ?? ''}`, { state: 'investigating', note: '本人に確認中' });
      expect(reviewed.body.stateLabel).toBe('調査中');
      expect((await auditor.call('PATCH', `/api/mail/takeover-alerts/${alert?.id ?? ''}`, { state: 'false_positive' })).status).toBe(403);

      const esc = await admin.call('POST', `/api/mail/takeover-alerts/${alert?.id ?? ''}/escalate`, {});
      expect(esc.status).toBe(200);
      const caseId = String(esc.body.caseId);
      const kase = await admin.get(`/api/cases/${caseId}`);
      expect(kase.body.type).toBe('mailbox_takeover');
      const ev = await admin.get(`/api/cases/${caseId}/evidence`);
      const files = ev.body.evidence as Array<{ id: string; filename: string }>;
      expect(files.map((f) => f.filename.replace(/-[0-9a-f]{8}-/, '-*-')).sort()).toEqual(['takeover-*-evidence.csv', 'takeover-*-recipients.csv']);
      // Every outside address mailed from the account in the window (the owner's mail and the forwarded copies) imports into the register as it is.
      const recipients = files.find((f) => f.filename.endsWith('-recipients.csv'));
      const csv = String((await admin.get(`/api/cases/${caseId}/evidence/${recipients?.id ?? ''}/download`)).body.raw);
      expect(csv).toContain('.inbox');
      const imported = await admin.call('POST', `/api/cases/${caseId}/people/import`, { csv: csv.replace(/^\uFEFF/, ''), filename: 'recipients.csv' });
      const rows = csv.trim().split('\n').length - 1;
      expect(rows).toBeGreaterThan(1);
      expect(imported.body).toMatchObject({ rows, created: rows, errors: [] });
      const timeline = await admin.get(`/api/cases/${caseId}/timeline`);
      expect(JSON.stringify(timeline.body)).toContain('不正利用の推定開始');
      // Escalating again returns the same case.
      expect((await admin.call('POST', `/api/mail/takeover-alerts/${alert?.id ?? ''}/escalate`, {})).body.caseId).toBe(caseId);
    });

    it('refuses an analysis with no recognisable log', async () => {
      const run = (await admin.call('POST', '/api/mail/log-runs')).body as unknown as RunBody;
      expect((await admin.call('POST', `/api/mail/log-runs/${run.id}/analyze`)).status).toBe(400);
      await admin.call('POST', `/api/mail/log-runs/${run.id}/files?filename=notes.txt`, 'hello world\n', { 'Content-Type': 'text/plain' });
      const r = await admin.call('POST', `/api/mail/log-runs/${run.id}/analyze`);
      expect(r.status).toBe(400);
      expect(JSON.stringify(r.body)).toContain('docs/mail-logs.md');
    });
  });
}
