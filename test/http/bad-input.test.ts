import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../src/server/app.js';
import { testDialects } from '../support/dialects.js';
import { createHarness, setupAdmin, signIn, TestClient, type Harness } from '../support/harness.js';

for (const dialect of testDialects()) {
  describe(`bad input over HTTP (${dialect})`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await createHarness(dialect, { MAMORI_BODY_LIMIT_BYTES: '2048' });
      await setupAdmin(h);
    });
    afterAll(async () => {
      await h.close();
    });

    it('malformed JSON gets 400 invalid_json', async () => {
      const client = new TestClient(h.app);
      const r = await client.call('POST', '/api/auth/login', '{"username": "a", ');
      expect(r.status).toBe(400);
      expect(r.body).toMatchObject({ ok: false, error: 'invalid_json' });
    });

    it('a body over the limit gets 413 payload_too_large', async () => {
      const client = new TestClient(h.app);
      const r = await client.call('POST', '/api/auth/login', JSON.stringify({ username: 'a', password: 'x'.repeat(5000) }));
      expect(r.status).toBe(413);
      expect(r.body.error).toBe('payload_too_large');
    });

    it('schema violations list paths, never the submitted values', async () => {
      const client = new TestClient(h.app);
      const r = await client.post('/api/setup', { token: 'secret-token-value-1234', username: '!!', displayName: '', password: 'p', extra: 1 });
      expect(r.status).toBe(400);
      expect(r.body.error).toBe('validation_failed');
      expect(JSON.stringify(r.body)).not.toContain('secret-token-value-1234');
    });

    it('non-JSON content type is refused', async () => {
      const client = new TestClient(h.app);
      const r = await client.call('POST', '/api/auth/login', 'username=a&password=b', { 'Content-Type': 'application/x-www-form-urlencoded' });
      expect(r.status).toBe(400);
      expect(r.body.error).toBe('validation_failed');
    });

    it('unknown API paths get a JSON 404 with a code', async () => {
      const r = await new TestClient(h.app).get('/api/nope');
      expect(r.status).toBe(404);
      expect(r.body.error).toBe('not_found');
    });

    it('internal errors hide their message and stack', async () => {
      const { client } = await signIn(h, 'admin1', 'correct horse battery');
      const original = h.container.dashboard.get.bind(h.container.dashboard);
      h.container.dashboard.get = () => Promise.reject(new Error('SQLITE_CORRUPT at /var/lib/secret/path patient 山田太郎'));
      try {
        const r = await client.get('/api/dashboard');
        expect(r.status).toBe(500);
        expect(r.body).toEqual({ ok: false, error: 'internal_error', message: '内部エラーが発生しました / Internal error' });
      } finally {
        h.container.dashboard.get = original;
      }
    });

    it('every route declares its access policy; only login/setup and the token-guarded MTA ingest are public', async () => {
      const publicPaths = ROUTES.filter((r) => r.access === 'public').map((r) => `${r.method} ${r.path}`);
      expect(publicPaths.sort()).toEqual(['GET /api/setup/status', 'POST /api/auth/login', 'POST /api/mail/ingest', 'POST /api/setup']);
      // Without MAMORI_MAIL_INGEST_TOKEN the ingest endpoint does not exist for anyone.
      const ingest = await h.app.request('/api/mail/ingest', { method: 'POST', headers: { 'Content-Type': 'message/rfc822', Authorization: 'Bearer anything-at-all-0123456789' }, body: 'From: a@b.example\n\nx' });
      expect(ingest.status).toBe(404);
      for (const r of ROUTES) expect(r.access).toBeTruthy();
    });
  });
}
