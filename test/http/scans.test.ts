import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobContext } from '../../src/core/jobs.js';
import { MailboxGenerator, type MessageLabel } from '../../src/services/scan/mailbox-generator.js';
import { testDialects } from '../support/dialects.js';
import { createHarness, setupAdmin, signIn, type Harness, type TestClient } from '../support/harness.js';

async function mailbox(messages: number, seed: number): Promise<{ mbox: Buffer; labels: MessageLabel[] }> {
  const parts: string[] = [];
  const labels: MessageLabel[] = [];
  for await (const m of new MailboxGenerator({ messages, seed }).messages()) {
    parts.push(m.mbox);
    labels.push(m.label);
  }
  return { mbox: Buffer.from(parts.join('\n')), labels };
}

for (const dialect of testDialects()) {
  describe(`breach scoping scans (${dialect})`, () => {
    let h: Harness;
    let admin: TestClient;
    let privacy: TestClient;
    let caseId = '';
    let evidenceId = '';
    let labels: MessageLabel[] = [];
    beforeAll(async () => {
      h = await createHarness(dialect);
      await setupAdmin(h);
      admin = (await signIn(h, 'admin1', 'correct horse battery')).client;
      await h.container.users.create({ id: null, name: 't', ip: null }, { username: 'privacy1', displayName: '個人 情報', role: 'privacy_officer', password: 'kojin-jouhou-no-pasuwaado', mustChangePassword: false });
      privacy = (await signIn(h, 'privacy1', 'kojin-jouhou-no-pasuwaado')).client;
      caseId = String((await admin.post('/api/cases', { title: 'メールアカウント乗っ取り', type: 'unauthorized_access', knownAt: '2026-11-20T00:00:00Z' })).body.id);
      const gen = await mailbox(150, 11);
      labels = gen.labels;
      const res = await h.app.request(`/api/cases/${caseId}/evidence?filename=doctor.mbox&description=${encodeURIComponent('医師のメールボックス')}&acquiredBy=IT`, {
        method: 'POST',
        headers: { Cookie: admin.cookie, 'X-CSRF-Token': admin.csrf, 'Content-Type': 'application/octet-stream' },
        body: gen.mbox,
      });
      expect(res.status).toBe(201);
      evidenceId = String(((await res.json()) as { id: string }).id);
    });
    afterAll(async () => {
      await h.close();
    });

    it('scans the evidence in a job, then shows the breach table and per-item results', async () => {
      const started = await admin.post(`/api/cases/${caseId}/scans`, { evidenceId });
      expect(started.status).toBe(201);
      expect(started.body).toMatchObject({ state: 'queued', sourceName: 'doctor.mbox' });
      expect(await h.container.worker.drain()).toBe(1);
      const scan = (await admin.get(`/api/cases/${caseId}/scans/${String(started.body.id)}`)).body as { state: string; itemsDone: number; summary: { items: number; itemsWithPii: number; table: Array<{ label: string; persons: number }>; noticeItems: string } };
      expect(scan.state).toBe('succeeded');
      expect(scan.itemsDone).toBe(150);
      expect(scan.summary.items).toBe(150);
      const truth = labels.filter((l) => l.pii && !l.uninspectable).length;
      expect(scan.summary.itemsWithPii).toBe(truth);
      expect(scan.summary.table[0]?.label).toMatch(/^本文にのみ個人情報が含まれるメール/);
      expect(scan.summary.noticeItems).toMatch(/^項目：.*氏名/);
      const items = (await admin.get(`/api/cases/${caseId}/scans/${String(started.body.id)}/items`)).body.items as Array<{ persons: number }>;
      expect(items).toHaveLength(truth);
      expect(items.every((i) => i.persons > 0)).toBe(true);
    });

    it('person values are masked; only the privacy officer may reveal them, and both reads are audited', async () => {
      const scanId = String(((await admin.get(`/api/cases/${caseId}/scans`)).body.scans as Array<{ id: string }>)[0]?.id);
      const masked = await admin.get(`/api/cases/${caseId}/scans/${scanId}/persons?limit=1000`);
      expect(masked.status).toBe(200);
      const named = (masked.body.persons as Array<{ values: Record<string, string> }>).filter((p) => p.values.name);
      expect(named.length).toBeGreaterThan(0);
      expect(named.every((p) => /^.＊+$/u.test(p.values.name ?? ''))).toBe(true);
      expect((await admin.get(`/api/cases/${caseId}/scans/${scanId}/persons/revealed`)).status).toBe(403);
      const revealed = await privacy.get(`/api/cases/${caseId}/scans/${scanId}/persons/revealed?limit=1000`);
      expect(revealed.status).toBe(200);
      const names = (revealed.body.persons as Array<{ values: Record<string, string> }>).map((p) => p.values.name).filter(Boolean);
      expect(names.some((n) => !String(n).includes('＊'))).toBe(true);
      const audit = (await admin.get('/api/audit?limit=200')).body.entries as Array<{ action: string; actorName: string }>;
      expect(audit.map((e) => `${e.action}:${e.actorName}`)).toEqual(expect.arrayContaining(['case.scan_persons_read:admin1', 'case.scan_persons_reveal:privacy1']));
    });

    it('imports the distinct persons into the case register in one step, idempotently', async () => {
      const scanId = String(((await admin.get(`/api/cases/${caseId}/scans`)).body.scans as Array<{ id: string }>)[0]?.id);
      const first = await admin.post(`/api/cases/${caseId}/scans/${scanId}/import`);
      expect(first.status).toBe(200);
      const created = Number(first.body.created);
      expect(created).toBeGreaterThan(0);
      const people = (await admin.get(`/api/cases/${caseId}/people?limit=5000`)).body as { total: number; people: Array<{ items: string[]; population: string }> };
      expect(people.total).toBe(created);
      expect(people.people.some((p) => p.items.includes('name'))).toBe(true);
      const again = await admin.post(`/api/cases/${caseId}/scans/${scanId}/import`);
      expect(again.body.created).toBe(0);
      expect((await admin.get(`/api/cases/${caseId}/people?limit=1`)).body.total).toBe(created);
    });

    it('exports the breach table as DOCX, xlsx and printable HTML without personal data', async () => {
      const scanId = String(((await admin.get(`/api/cases/${caseId}/scans`)).body.scans as Array<{ id: string }>)[0]?.id);
      const html = await h.app.request(`/api/cases/${caseId}/scans/${scanId}/table?format=html`, { headers: { Cookie: admin.cookie } });
      const text = await html.text();
      expect(text).toContain('内容');
      expect(text).toContain('対象人数');
      const revealed = (await privacy.get(`/api/cases/${caseId}/scans/${scanId}/persons/revealed?limit=1000`)).body.persons as Array<{ values: Record<string, string> }>;
      for (const p of revealed.slice(0, 20)) if (p.values.name) expect(text).not.toContain(p.values.name);
      for (const format of ['docx', 'xlsx'] as const) {
        const res = await h.app.request(`/api/cases/${caseId}/scans/${scanId}/table?format=${format}`, { headers: { Cookie: admin.cookie } });
        expect(res.status).toBe(200);
        expect(Buffer.from(await res.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
      }
    });

    it('a scan interrupted part-way resumes without duplicating items', async () => {
      const scan = await h.container.scans.start({ id: null, name: 'test', ip: null }, caseId, evidenceId);
      let calls = 0;
      const crashing: JobContext = {
        jobId: 'x',
        attempt: 1,
        progress: () => {
          calls += 1;
          return calls === 2 ? Promise.reject(new Error('power cut')) : Promise.resolve();
        },
      };
      await expect(h.container.scans.run({ scanId: scan.id }, crashing)).rejects.toThrow('power cut');
      const partial = await h.container.scans.get(caseId, scan.id);
      expect(partial.items_done).toBe(100);
      const ok: JobContext = { jobId: 'y', attempt: 2, progress: () => Promise.resolve() };
      expect((await h.container.scans.run({ scanId: scan.id }, ok)).outcome).toBe('succeeded');
      const done = await h.container.scans.get(caseId, scan.id);
      expect(done.items_done).toBe(150);
      const all = await h.container.scans.items(caseId, scan.id, { offset: 0, limit: 1000, withPii: false });
      expect(all).toHaveLength(150);
      expect(new Set(all.map((i) => i.item)).size).toBe(150);
      // The job queued by start() finds the scan finished and does nothing.
      await h.container.worker.drain();
      expect((await h.container.scans.items(caseId, scan.id, { offset: 0, limit: 1000, withPii: false })).length).toBe(150);
    });

    it('refuses a scan of another case’s evidence and a viewer starting one', async () => {
      const other = String((await admin.post('/api/cases', { title: 'x', type: 'other', knownAt: '2026-11-20T00:00:00Z' })).body.id);
      expect((await admin.post(`/api/cases/${other}/scans`, { evidenceId })).status).toBe(404);
      await h.container.users.create({ id: null, name: 't', ip: null }, { username: 'viewer1', displayName: '閲覧', role: 'viewer', password: 'etsuran-no-pasuwaado', mustChangePassword: false });
      const viewer = (await signIn(h, 'viewer1', 'etsuran-no-pasuwaado')).client;
      expect((await viewer.post(`/api/cases/${caseId}/scans`, { evidenceId })).status).toBe(403);
      expect((await viewer.get(`/api/cases/${caseId}/scans/x/persons`)).status).toBe(403);
    });
  });
}
