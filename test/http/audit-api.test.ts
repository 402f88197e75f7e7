import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../support/dialects.js';
import { createHarness, setupAdmin, signIn, type Harness, type TestClient } from '../support/harness.js';

for (const dialect of testDialects()) {
  describe(`audit trail API (${dialect})`, () => {
    let h: Harness;
    let admin: TestClient;
    beforeAll(async () => {
      h = await createHarness(dialect);
      await setupAdmin(h);
      admin = (await signIn(h, 'admin1', 'correct horse battery')).client;
      await h.container.users.create({ id: null, name: 'test', ip: null }, { username: 'viewer1', displayName: '閲覧 花子', role: 'viewer', password: 'etsuran-no-pasuwaado', mustChangePassword: false });
    });
    afterAll(async () => {
      await h.close();
    });

    it('lists newest first with filters and pages, and records the read itself', async () => {
      const before = await h.container.audit.count({ action: 'audit.read' });
      const page = await admin.get('/api/audit?actor=admin1&action=auth&limit=2');
      expect(page.status).toBe(200);
      const entries = page.body.entries as Array<{ seq: number; actorName: string; action: string }>;
      expect(entries).toHaveLength(2);
      expect(entries.every((e) => e.actorName === 'admin1' && e.action.startsWith('auth'))).toBe(true);
      expect(entries[0]!.seq).toBeGreaterThan(entries[1]!.seq);
      const next = await admin.get(`/api/audit?actor=admin1&action=auth&limit=2&beforeSeq=${String(page.body.nextBeforeSeq)}`);
      expect((next.body.entries as Array<{ seq: number }>)[0]!.seq).toBeLessThan(entries[1]!.seq);
      expect(await h.container.audit.count({ action: 'audit.read' })).toBe(before + 2);
    });

    it('date filters are JST calendar days', async () => {
      // Harness clock: 2026-11-20T05:00Z = 2026-11-20 14:00 JST.
      expect(((await admin.get('/api/audit?from=2026-11-20&to=2026-11-20')).body.entries as unknown[]).length).toBeGreaterThan(0);
      expect(((await admin.get('/api/audit?from=2026-11-21')).body.entries as unknown[]).length).toBe(0);
      expect((await admin.get('/api/audit?from=20261120')).body.error).toBe('validation_failed');
    });

    it('exports CSV as UTF-8 with BOM and as Shift_JIS, and audits the export', async () => {
      const utf8 = await h.app.request('/api/audit/export.csv', { headers: { Cookie: admin.cookie } });
      const bytes = new Uint8Array(await utf8.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = new TextDecoder().decode(bytes.slice(3));
      expect(text.split('\r\n')[0]).toBe('seq,日時(JST),利用者,操作,対象種別,対象ID,結果,IPアドレス,詳細,hash');
      const sjis = await h.app.request('/api/audit/export.csv?encoding=sjis', { headers: { Cookie: admin.cookie } });
      expect(sjis.headers.get('content-type')).toContain('Shift_JIS');
      expect(iconv.decode(Buffer.from(await sjis.arrayBuffer()), 'cp932').split('\r\n')[0]).toContain('日時(JST)');
      expect(await h.container.audit.count({ action: 'audit.export' })).toBe(2);
    });

    it('a viewer is refused the trail, and the refusal is itself audited', async () => {
      const { client } = await signIn(h, 'viewer1', 'etsuran-no-pasuwaado');
      const r = await client.get('/api/audit');
      expect(r.status).toBe(403);
      expect(r.body).toMatchObject({ error: 'forbidden', details: { permission: 'audit:read' } });
      await new Promise((resolve) => setTimeout(resolve, 50));
      const denied = await h.container.audit.page({ action: 'access.denied', limit: 5 });
      expect(denied[0]?.actor_name).toBe('viewer1');
    });

    it('verification runs as a background job with a result', async () => {
      const started = await admin.post('/api/audit/verify');
      expect(started.status).toBe(202);
      await h.container.worker.drain();
      const job = await admin.get(`/api/jobs/${String(started.body.id)}`);
      expect(job.body).toMatchObject({ state: 'succeeded', name: 'audit.verify' });
      expect(String(job.body.summary)).toMatch(/^OK/);
      const dash = await admin.get('/api/dashboard');
      expect(dash.body).toMatchObject({ users: { active: 2 }, audit: { lastVerify: { state: 'succeeded' } } });
    });
  });
}
