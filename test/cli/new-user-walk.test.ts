import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { totp } from '../../src/services/totp.js';
import { cli, cliEnvFor } from '../support/cli.js';
import { testDialects } from '../support/dialects.js';
import { createHarness, TestClient, type Harness } from '../support/harness.js';

/**
 * The issue's "tried as a new user" walk: setup admin → enrol TOTP → log out → log in → create a
 * 監査担当 → that user cannot open user administration → `mamori audit verify` OK → edit one
 * audit row directly in the database → `mamori audit verify` names the broken row.
 */
for (const dialect of testDialects()) {
  describe(`new-user walk (${dialect})`, () => {
    let h: Harness;
    let env: Record<string, string>;
    beforeEach(async () => {
      h = await createHarness(dialect);
      env = cliEnvFor(h.db.location);
    });
    afterEach(async () => {
      await h.close();
    });

    async function tamper(sqlText: string): Promise<void> {
      const loc = h.db.location;
      if (loc.dialect === 'sqlite') {
        const raw = new BetterSqlite3(loc.file);
        // An attacker with file access removes the guard first; the hash chain still notices.
        raw.exec('drop trigger if exists audit_log_no_update; drop trigger if exists audit_log_no_delete;');
        raw.exec(sqlText);
        raw.close();
      } else {
        const c = new pg.Client({ connectionString: loc.url });
        await c.connect();
        await c.query('alter table audit_log disable trigger user');
        await c.query(sqlText);
        await c.end();
      }
    }

    it('walks from setup to tamper detection', async () => {
      // 1. setup admin from the one-time token
      const token = await h.container.setup.issueToken();
      const browser = new TestClient(h.app);
      expect((await browser.post('/api/setup', { token, username: 'kanri', displayName: '管理 花子', password: 'nagai-pasu-waado-desu' })).status).toBe(201);

      // 2. first login forces TOTP enrolment
      let r = await browser.post('/api/auth/login', { username: 'kanri', password: 'nagai-pasu-waado-desu' });
      expect(r.body.stage).toBe('enrol');
      r = await browser.post('/api/auth/enrol/start');
      expect(String(r.body.qrDataUrl)).toMatch(/^data:image\/svg\+xml;base64,/);
      const secret = String(r.body.secret);
      r = await browser.post('/api/auth/enrol/confirm', { code: totp.generate(secret, h.clock.now()) });
      expect(r.body.stage).toBe('active');

      // 3. log out, log in again with password + TOTP
      expect((await browser.post('/api/auth/logout')).status).toBe(204);
      h.clock.advance(30_000);
      r = await browser.post('/api/auth/login', { username: 'kanri', password: 'nagai-pasu-waado-desu' });
      expect(r.body.stage).toBe('mfa');
      r = await browser.post('/api/auth/totp', { code: totp.generate(secret, h.clock.now()) });
      expect(r.status).toBe(200);

      // 4. create a 監査担当
      r = await browser.post('/api/users', { username: 'kansa', displayName: '監査 一郎', role: 'auditor', password: 'initial-password-123' });
      expect(r.status).toBe(201);

      // 5. the auditor changes the initial password, then is refused user administration
      const auditor = new TestClient(h.app);
      r = await auditor.post('/api/auth/login', { username: 'kansa', password: 'initial-password-123' });
      expect(r.body.stage).toBe('active');
      expect((await auditor.get('/api/audit')).body.error).toBe('password_change_required');
      expect((await auditor.post('/api/auth/password', { currentPassword: 'initial-password-123', newPassword: 'jibun-no-nagai-pasu' })).status).toBe(204);
      r = await auditor.get('/api/users');
      expect(r.status).toBe(403);
      expect(r.body.error).toBe('forbidden');
      expect((await auditor.get('/api/audit')).status).toBe(200);

      // 6. the trail verifies
      let run = await cli(['audit', 'verify'], env);
      expect(run.code).toBe(0);
      expect(run.out).toMatch(/^OK: audit trail intact/);
      const rows = Number(/— (\d+) rows/.exec(run.out)?.[1]);
      expect(rows).toBeGreaterThan(10);

      // 7. edit one row (hide who created the auditor) → verify names it
      const target = (await h.container.audit.page({ action: 'user.create', limit: 10 })).find((e) => e.actor_name === 'kanri');
      expect(target).toBeDefined();
      const seq = Number(target?.seq);
      await tamper(`update audit_log set actor_name = 'someone-else' where seq = ${seq}`);
      run = await cli(['audit', 'verify'], env);
      expect(run.code).toBe(1);
      expect(run.out).toContain(`seq ${seq}: modified`);
      expect(run.out.match(/seq \d+:/g)).toHaveLength(1);

      // 8. deleting a row is reported as missing
      await tamper(`delete from audit_log where seq = ${seq + 1}`);
      run = await cli(['audit', 'verify', '--json'], env);
      const report = JSON.parse(run.out) as { ok: boolean; problems: Array<{ kind: string; seq: number }> };
      expect(report.ok).toBe(false);
      expect(report.problems).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ kind: 'modified', seq }),
          expect.objectContaining({ kind: 'missing', seq: seq + 1 }),
        ]),
      );
    });
  });
}
