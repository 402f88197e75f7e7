import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { totp } from '../../src/services/totp.js';
import { testDialects } from '../support/dialects.js';
import { createHarness, setupAdmin, signIn, TestClient, type Harness } from '../support/harness.js';

for (const dialect of testDialects()) {
  describe(`auth over HTTP (${dialect})`, () => {
    let h: Harness;
    beforeEach(async () => {
      h = await createHarness(dialect, { MAMORI_IDLE_LOCK_SECONDS: '300' });
    });
    afterEach(async () => {
      await h.close();
    });

    it('first-run setup works once with the printed token and never without it', async () => {
      const client = new TestClient(h.app);
      expect((await client.get('/api/setup/status')).body).toEqual({ setupRequired: true });
      const bad = await client.post('/api/setup', { token: 'x'.repeat(32), username: 'admin1', displayName: 'A', password: 'correct horse battery' });
      expect(bad.status).toBe(403);
      expect(bad.body.error).toBe('setup_unavailable');
      const token = await h.container.setup.issueToken();
      const ok = await client.post('/api/setup', { token, username: 'admin1', displayName: 'A', password: 'correct horse battery' });
      expect(ok.status).toBe(201);
      const again = await client.post('/api/setup', { token, username: 'admin2', displayName: 'B', password: 'correct horse battery' });
      expect(again.body.error).toBe('setup_unavailable');
      expect(await h.container.setup.issueToken()).toBeNull();
    });

    it('administrator must enrol TOTP; then password alone is not enough', async () => {
      await setupAdmin(h);
      const { client, secret } = await signIn(h, 'admin1', 'correct horse battery');
      expect(secret).toBeDefined();
      const me = await client.get('/api/auth/me');
      expect(me.body.stage).toBe('active');
      expect((await client.post('/api/auth/logout')).status).toBe(204);
      expect((await client.get('/api/dashboard')).status).toBe(401);

      const second = new TestClient(h.app);
      const login = await second.post('/api/auth/login', { username: 'admin1', password: 'correct horse battery' });
      expect(login.body.stage).toBe('mfa');
      const blocked = await second.get('/api/dashboard');
      expect(blocked.status).toBe(401);
      expect(blocked.body.error).toBe('mfa_required');
      const wrong = await second.post('/api/auth/totp', { code: '000000' });
      expect(wrong.body.error).toBe('invalid_totp');
      const code = totp.generate(String(secret), h.clock.now());
      const ok = await second.post('/api/auth/totp', { code });
      expect(ok.status).toBe(200);
      expect((await second.get('/api/dashboard')).status).toBe(200);
      // The same code cannot be replayed in another session.
      const third = new TestClient(h.app);
      await third.post('/api/auth/login', { username: 'admin1', password: 'correct horse battery' });
      expect((await third.post('/api/auth/totp', { code })).body.error).toBe('invalid_totp');
    });

    it('locks the account after repeated wrong passwords, even for the right password', async () => {
      await setupAdmin(h);
      const client = new TestClient(h.app);
      const statuses: string[] = [];
      for (let i = 0; i < 5; i += 1) {
        const r = await client.post('/api/auth/login', { username: 'admin1', password: `wrong password ${i}` });
        statuses.push(String(r.body.error));
      }
      expect(statuses).toEqual(['invalid_credentials', 'invalid_credentials', 'invalid_credentials', 'invalid_credentials', 'account_locked']);
      const right = await client.post('/api/auth/login', { username: 'admin1', password: 'correct horse battery' });
      expect(right.status).toBe(423);
      expect(right.body.error).toBe('account_locked');
      h.clock.advance(901_000);
      const later = await client.post('/api/auth/login', { username: 'admin1', password: 'correct horse battery' });
      expect(later.status).toBe(200);
      const lockouts = await h.container.audit.count({ action: 'auth.lockout' });
      expect(lockouts).toBe(1);
    });

    it('second lockout lasts twice as long (back-off)', async () => {
      await setupAdmin(h);
      const client = new TestClient(h.app);
      for (let round = 0; round < 2; round += 1) {
        for (let i = 0; i < 5; i += 1) await client.post('/api/auth/login', { username: 'admin1', password: 'nope nope nope' });
        h.clock.advance(901_000);
      }
      // After the second lockout 901 s is not enough (it is 1800 s).
      const r = await client.post('/api/auth/login', { username: 'admin1', password: 'correct horse battery' });
      expect(r.body.error).toBe('account_locked');
    });

    it('unknown user and wrong password give the same answer', async () => {
      await setupAdmin(h);
      const client = new TestClient(h.app);
      const a = await client.post('/api/auth/login', { username: 'nobody', password: 'whatever whatever' });
      const b = await client.post('/api/auth/login', { username: 'admin1', password: 'whatever whatever' });
      expect([a.status, a.body.error, a.body.message]).toEqual([b.status, b.body.error, b.body.message]);
    });

    it('idle sessions lock on the server and unlock with the password', async () => {
      await setupAdmin(h);
      const { client } = await signIn(h, 'admin1', 'correct horse battery');
      expect((await client.get('/api/dashboard')).status).toBe(200);
      h.clock.advance(301_000);
      const locked = await client.get('/api/dashboard');
      expect(locked.status).toBe(401);
      expect(locked.body.error).toBe('session_locked');
      expect((await client.get('/api/auth/me')).body.locked).toBe(true);
      expect((await client.post('/api/auth/unlock', { password: 'wrong wrong wrong' })).body.error).toBe('invalid_credentials');
      expect((await client.post('/api/auth/unlock', { password: 'correct horse battery' })).status).toBe(204);
      expect((await client.get('/api/dashboard')).status).toBe(200);
      expect(await h.container.audit.count({ action: 'session.lock' })).toBe(1);
    });

    it('state-changing requests need the CSRF token and a same-origin Origin', async () => {
      await setupAdmin(h);
      const { client } = await signIn(h, 'admin1', 'correct horse battery');
      const noToken = await client.call('POST', '/api/audit/verify', undefined, { 'X-CSRF-Token': '' });
      expect(noToken.status).toBe(403);
      expect(noToken.body.error).toBe('csrf_failed');
      const crossSite = await client.call('POST', '/api/audit/verify', undefined, { Origin: 'https://evil.example' });
      expect(crossSite.body.error).toBe('csrf_failed');
      const ok = await client.call('POST', '/api/audit/verify', undefined, { Origin: 'http://localhost' });
      expect(ok.status).toBe(202);
    });

    it('session cookie is HttpOnly and SameSite=Strict; secure headers are set', async () => {
      await setupAdmin(h);
      const res = await h.app.request('/api/auth/login', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: 'admin1', password: 'correct horse battery' }),
      });
      const cookie = res.headers.get('set-cookie') ?? '';
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Strict/);
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('cache-control')).toBe('no-store');
    });

    it('password change enforces the policy and ends other sessions', async () => {
      await setupAdmin(h);
      const { client, secret } = await signIn(h, 'admin1', 'correct horse battery');
      const { client: other } = await signIn(h, 'admin1', 'correct horse battery', secret);
      const short = await client.post('/api/auth/password', { currentPassword: 'correct horse battery', newPassword: 'short' });
      expect(short.status).toBe(422);
      expect(short.body.details).toEqual({ failures: ['too_short'] });
      const ok = await client.post('/api/auth/password', { currentPassword: 'correct horse battery', newPassword: 'another long passphrase' });
      expect(ok.status).toBe(204);
      expect((await client.get('/api/dashboard')).status).toBe(200);
      expect((await other.get('/api/dashboard')).status).toBe(401);
    });
  });
}
