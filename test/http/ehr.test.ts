import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEhrFolder } from '../../src/connectors/ehr-folder.js';
import { EXPLANATION_LABELS, type Explanation } from '../../src/core/ehr/explain.js';
import { EhrGenerator } from '../../src/services/ehr/ehr-generator.js';
import { testDialects } from '../support/dialects.js';
import { createHarness, setupAdmin, signIn, type Harness, type TestClient } from '../support/harness.js';

for (const dialect of testDialects()) {
  describe(`EHR audit API (${dialect})`, () => {
    let h: Harness;
    let admin: TestClient;
    let auditor: TestClient;
    let dir: string;
    let labels: EhrGenerator['labels'];
    beforeAll(async () => {
      h = await createHarness(dialect);
      await setupAdmin(h);
      admin = (await signIn(h, 'admin1', 'correct horse battery')).client;
      await h.container.users.create({ id: null, name: 't', ip: null }, { username: 'kansa1', displayName: '監査', role: 'auditor', password: 'kansa-yaku-no-pasuwaado', mustChangePassword: false });
      auditor = (await signIn(h, 'kansa1', 'kansa-yaku-no-pasuwaado')).client;
      const gen = new EhrGenerator({ staff: 100, patients: 1000, days: 6, seed: 21 }).generate();
      labels = gen.labels;
      dir = mkdtempSync(path.join(tmpdir(), 'mamori-ehr-http-'));
      for (const [name, text] of gen.files()) writeFileSync(path.join(dir, name), text);
      await h.container.ehr.importFolder({ id: null, name: 'test', ip: null }, (await readEhrFolder(dir)).texts, dir);
    });
    afterAll(async () => {
      await h.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('runs an audit, lists alerts for review, keeps states across re-runs', async () => {
      const run = await admin.post('/api/ehr/audit', {});
      expect(run.status).toBe(200);
      expect(Number(run.body.alerts)).toBeGreaterThan(0);
      const list = (await auditor.get('/api/ehr/alerts?state=open&limit=500')).body.alerts as Array<{ id: string; rule: string; stateLabel: string; score: number }>;
      expect(list.length).toBe(Number(run.body.alerts));
      expect(list[0]?.stateLabel).toBe('未確認');
      expect(list.map((a) => a.score)).toEqual([...list.map((a) => a.score)].sort((a, b) => b - a));
      const first = list[0];
      const reviewed = await admin.call('PATCH', `/api/ehr/alerts/${first?.id ?? ''}`, { state: 'investigating', note: '所属長に確認中' });
      expect(reviewed.body).toMatchObject({ state: 'investigating', stateLabel: '調査中', reviewedBy: 'admin1' });
      await admin.post('/api/ehr/audit', {});
      const again = (await admin.get('/api/ehr/alerts?limit=500')).body.alerts as Array<{ id: string; state: string }>;
      expect(again.length).toBe(list.length);
      expect(again.find((a) => a.id === first?.id)?.state).toBe('investigating');
      // The auditor reads but cannot review.
      expect((await auditor.call('PATCH', `/api/ehr/alerts/${first?.id ?? ''}`, { state: 'justified' })).status).toBe(403);
      expect((await auditor.post('/api/ehr/audit', {})).status).toBe(403);
    });

    it('shows one alert with the accesses it cites (an audited read) and serves the monthly report', async () => {
      const alerts = (await auditor.get('/api/ehr/alerts?limit=500')).body.alerts as Array<{ id: string; rule: string; eventCount: number }>;
      const target = alerts.find((a) => a.rule === 'controlled_rx_deleted');
      const detail = await auditor.get(`/api/ehr/alerts/${target?.id ?? ''}`);
      expect(detail.status).toBe(200);
      const accesses = detail.body.accesses as Array<{ action: string; screen: string }>;
      expect(accesses.length).toBe(target?.eventCount);
      expect(accesses.map((a) => `${a.action}/${a.screen}`)).toEqual(expect.arrayContaining(['delete/prescription']));
      expect((await auditor.get('/api/ehr/alerts/nope')).status).toBe(404);
      const audit = await h.container.audit.page({ limit: 1000 });
      expect(audit.find((x) => x.action === 'ehr.alert_read')).toMatchObject({ target_id: target?.id, actor_name: 'kansa1' });
      const html = await auditor.call('GET', '/api/ehr/reports/2026-10?format=html');
      expect(html.status).toBe(200);
      expect(String(html.body.raw)).toContain('アクセスログ監査報告');
      const docx = await auditor.call('GET', '/api/ehr/reports/2026-10?format=docx');
      expect(docx.status).toBe(200);
      expect(docx.headers.get('content-type')).toContain('wordprocessingml');
      expect((await auditor.call('GET', '/api/ehr/reports/2026-13')).status).toBe(400);
    });

    it('escalates an alert into a 内部不正 case with its access log as evidence, in one step', async () => {
      const alerts = (await admin.get('/api/ehr/alerts?limit=500')).body.alerts as Array<{ id: string; rule: string; userId: string }>;
      const target = alerts.find((a) => a.rule === 'controlled_rx_deleted') ?? alerts[0];
      const r = await admin.post(`/api/ehr/alerts/${target?.id ?? ''}/escalate`);
      expect(r.status).toBe(200);
      expect(r.body.alert).toMatchObject({ state: 'inappropriate', caseId: r.body.caseId });
      const kase = await admin.get(`/api/cases/${String(r.body.caseId)}`);
      expect(kase.body).toMatchObject({ type: 'insider_misuse' });
      const evidence = (await admin.get(`/api/cases/${String(r.body.caseId)}/evidence`)).body.evidence as Array<{ filename: string; size: number }>;
      expect(evidence[0]?.filename).toBe(`ehr-alert-${target?.id ?? ''}.csv`);
      expect(evidence[0]?.size).toBeGreaterThan(100);
      // Escalating twice returns the same case.
      expect((await admin.post(`/api/ehr/alerts/${target?.id ?? ''}/escalate`)).body.caseId).toBe(r.body.caseId);
      // The monthly report now shows the recorded dispositions.
      const html = String(await h.container.ehr.monthlyReport({ id: null, name: 'test', ip: null }, '2026-10', 'html', 'デモ病院'));
      expect(html).toMatch(/不適切<\/td><td>1件（うちインシデント登録 1件）/);
      expect(html).toMatch(/調査中<\/td><td>1件/);
    });

    it('imports an export uploaded from the UI in a background job, with progress, rejected rows and nothing twice', async () => {
      const created = await admin.post('/api/ehr/imports');
      expect(created.status).toBe(201);
      const id = String(created.body.id);
      expect(created.body).toMatchObject({ state: 'collecting', source: 'web' });
      // Starting without the required files is refused with the names of what is missing.
      const early = await admin.post(`/api/ehr/imports/${id}/start`);
      expect(early.status).toBe(400);
      expect(JSON.stringify(early.body)).toContain('staff.csv');
      for (const name of ['staff.csv', 'patients.csv', 'encounters.csv', 'care_team.csv', 'orders.csv', 'shifts.csv', 'terminals.csv', 'appointments.csv', 'contacts.csv', 'access_log.csv']) {
        let text = readFileSync(path.join(dir, name), 'utf8');
        if (name === 'access_log.csv') text += 'BAD1,2026-10-02 10:00,U0001,P1,view,chart,,,,\n';
        const up = await admin.call('POST', `/api/ehr/imports/${id}/files?filename=${name}`, text, { 'Content-Type': 'text/csv' });
        expect(up.status).toBe(201);
      }
      expect((await admin.call('POST', `/api/ehr/imports/${id}/files?filename=evil.exe`, 'x', { 'Content-Type': 'text/csv' })).status).toBe(400);
      expect((await auditor.call('POST', `/api/ehr/imports/${id}/files?filename=staff.csv`, 'x', { 'Content-Type': 'text/csv' })).status).toBe(403);
      expect(readdirSync(path.join(h.dataDir, 'evidence', 'tmp'))).toHaveLength(10);
      const started = await admin.post(`/api/ehr/imports/${id}/start`);
      expect(started.status).toBe(202);
      expect(started.body.state).toBe('queued');
      expect(await h.container.worker.drain()).toBe(1);
      const done = (await auditor.get(`/api/ehr/imports/${id}`)).body as { state: string; progress: { done: number; total: number }; result: { eventsNew: number; eventsSeen: number; rejected: number; rejects: Array<{ file: string; line: number; reason: string }> } };
      expect(done.state).toBe('succeeded');
      // The uploaded copies of the export (patient data) are not kept once imported.
      const spooled = path.join(h.dataDir, 'evidence', 'tmp');
      expect(existsSync(spooled) ? readdirSync(spooled) : []).toEqual([]);
      expect(done.progress.done).toBe(done.progress.total);
      expect(done.progress.total).toBeGreaterThan(100_000);
      // The same export was imported by the CLI before: every event is known already.
      expect(done.result.eventsNew).toBe(0);
      expect(done.result.eventsSeen).toBeGreaterThan(10_000);
      expect(done.result.rejects).toEqual([expect.objectContaining({ file: 'access_log.csv', reason: 'at はISO 8601（時差付き）の日時ではありません' })]);
      expect(JSON.stringify(done)).not.toContain('U0001');
      const list = (await auditor.get('/api/ehr/imports')).body.imports as Array<{ id: string; source: string }>;
      expect(list.map((x) => x.source)).toEqual(expect.arrayContaining(['web', 'cli']));
      expect((await admin.post(`/api/ehr/imports/${id}/start`)).status).toBe(409);
    });

    it('keeps the explanation of every audited access', async () => {
      await admin.post('/api/ehr/audit', {});
      const rows = await h.container.database.db.selectFrom('ehr_events').select(['explanation']).execute();
      const explained = rows.filter((r) => r.explanation !== null);
      expect(explained.length / rows.length).toBeGreaterThan(0.9);
      expect([...new Set(explained.map((r) => r.explanation))]).toEqual(expect.arrayContaining(['ward_on_shift', 'care_team']));
      // A patient's access record (read from that patient's rows only) gives every access the
      // explanation the audit stored for it (audited over the whole log).
      const busiest = await h.container.database.db.selectFrom('ehr_events').select('patient_id').select((eb) => eb.fn.countAll().as('n')).where('patient_id', 'is not', null).groupBy('patient_id').orderBy('n', 'desc').limit(1).executeTakeFirst();
      const accesses = (await auditor.get(`/api/ehr/patients/${busiest?.patient_id ?? ''}/accesses`)).body.accesses as Array<{ eventId: string; explanation: string | null }>;
      expect(accesses.length).toBe(Number(busiest?.n));
      const stored = new Map((await h.container.database.db.selectFrom('ehr_events').select(['event_id', 'explanation']).where('patient_id', '=', busiest?.patient_id ?? '').execute()).map((r) => [r.event_id, r.explanation]));
      for (const a of accesses) {
        const code = stored.get(a.eventId) ?? null;
        expect(a.explanation).toBe(code === null ? null : EXPLANATION_LABELS[code as Explanation]);
      }
      expect(accesses.some((a) => a.explanation !== null)).toBe(true);
    });

    it("answers who viewed a patient's record, with the explanation of each access", async () => {
      const self = labels.find((l) => l.scenario === 'self_access');
      const res = await auditor.get(`/api/ehr/patients/${self?.patient_id ?? ''}/accesses`);
      const accesses = res.body.accesses as Array<{ eventId: string; relation: string | null; explanation: string | null }>;
      expect(accesses.find((a) => a.eventId === self?.event_ids[0])).toMatchObject({ relation: '本人' });
      // What that user did, and the session of the hijack replayed event by event.
      const activity = (await auditor.get(`/api/ehr/users/${self?.user_id ?? ''}/activity`)).body.accesses as Array<{ eventId: string }>;
      expect(activity.some((a) => a.eventId === self?.event_ids[0])).toBe(true);
      const hijack = labels.find((l) => l.scenario === 'idle_session_self_rx_delete');
      const lines = (await auditor.get(`/api/ehr/patients/${hijack?.patient_id ?? ''}/accesses`)).body.accesses as Array<{ eventId: string; sessionId: string }>;
      const session = lines.find((l) => l.eventId === hijack?.event_ids[0])?.sessionId ?? '';
      const replay = (await auditor.get(`/api/ehr/sessions/${session}`)).body.accesses as Array<{ action: string }>;
      expect(replay[0]?.action).toBe('login');
      expect(replay.map((r) => r.action)).toEqual(expect.arrayContaining(['create', 'delete']));
      expect((await auditor.get(`/api/ehr/users/x/activity?from=2026/10/01`)).status).toBe(400);
      const audit = await h.container.audit.page({ limit: 1000 });
      expect(audit.map((x) => x.action)).toEqual(expect.arrayContaining(['ehr.investigate', 'ehr.alert_review', 'ehr.alert_escalate', 'ehr.audit']));
    });

    // Last: it moves the clock a week on (sessions expire), so it works on the service directly.
    it('discards the files of an upload that was never started, after a week', async () => {
      const actor = { id: null, name: 'test', ip: null };
      const svc = h.container.ehrImports;
      const stale = (await svc.create(actor)).id;
      const { Readable } = await import('node:stream');
      await svc.addFile(actor, stale, Readable.from([readFileSync(path.join(dir, 'staff.csv'))]), 'staff.csv');
      const spooled = path.join(h.dataDir, 'evidence', 'tmp');
      expect(readdirSync(spooled)).toHaveLength(1);
      h.clock.advance(6 * 86_400_000);
      await svc.create(actor);
      expect((await svc.get(stale)).state).toBe('collecting');
      h.clock.advance(2 * 86_400_000);
      await svc.create(actor);
      const gone = await svc.get(stale);
      expect(gone.state).toBe('failed');
      expect(gone.error).toContain('7日');
      expect(gone.files).toBe('[]');
      expect(readdirSync(spooled)).toEqual([]);
      await expect(svc.start(actor, stale)).rejects.toThrow(/必須のファイル/);
    });
  });
}
