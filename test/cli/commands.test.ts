import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cli, cliEnvFor } from '../support/cli.js';
import { testDialects } from '../support/dialects.js';
import { createHarness, TestClient, type Harness } from '../support/harness.js';

for (const dialect of testDialects()) {
  describe(`mamori CLI (${dialect})`, () => {
    let h: Harness;
    let env: Record<string, string>;
    beforeEach(async () => {
      h = await createHarness(dialect);
      env = cliEnvFor(h.db.location);
    });
    afterEach(async () => {
      await h.close();
    });

    it('demo creates one account per role and prints working credentials', async () => {
      const run = await cli(['demo'], env);
      expect(run.code).toBe(0);
      expect(run.out).toContain('デモ総合病院');
      const creds = [...run.out.matchAll(/^\s+(demo-\S+)\s+(\S+)\s+(\S+)/gm)].map((m) => ({ user: m[1] ?? '', password: m[2] ?? '', role: m[3] ?? '' }));
      expect(creds.map((c) => c.role)).toEqual(['管理者', '安全管理責任者', '個人情報保護担当', '監査担当', '対応担当', '閲覧']);
      const viewer = creds.find((c) => c.user === 'demo-viewer');
      const login = await new TestClient(h.app).post('/api/auth/login', { username: 'demo-viewer', password: viewer?.password });
      expect(login.body.stage).toBe('active');
      const admin = creds.find((c) => c.user === 'demo-admin');
      expect((await new TestClient(h.app).post('/api/auth/login', { username: 'demo-admin', password: admin?.password })).body.stage).toBe('enrol');
      // Running it again resets passwords instead of failing.
      const again = await cli(['demo'], env);
      expect(again.code).toBe(0);
      expect((await h.container.users.list()).length).toBe(6);
      // Two fictional incident cases, created once; the ransomware one grew from 約1万 to 約13万.
      const cases = await h.container.cases.list();
      expect(cases.map((c) => c.type).sort()).toEqual(['mailbox_takeover', 'ransomware']);
      const ransom = cases.find((c) => c.type === 'ransomware');
      const assessments = await h.container.breach.assessments(ransom?.id ?? '');
      expect(assessments.map((a) => (JSON.parse(a.decision) as { people: number }).people)).toEqual([131_700, 130_000, 10_000]);
      expect((await h.container.cases.timeline(ransom?.id ?? '')).length).toBe(6);
      const notices = await h.container.notices.list(ransom?.id ?? '');
      expect(notices.map((n) => [n.edition, n.status, n.changed])).toEqual([
        [1, 'published', '[]'],
        [2, 'published', '["leaked"]'],
        [3, 'published', '["leaked"]'],
      ]);
      expect(again.out).toContain('already present');
      // EHR audit data with alerts to investigate — among them the injected misuse — loaded once.
      expect(run.out).toMatch(/EHR audit: \d+ access-log events imported and audited, \d+ alerts to review/);
      expect(again.out).toContain('EHR audit: data already present');
      const alerts = await h.container.ehr.alerts({ limit: 500, offset: 0 });
      const rules = new Set(alerts.map((a) => a.rule));
      expect(alerts.length).toBeGreaterThan(5);
      expect([...rules]).toEqual(expect.arrayContaining(['self_access', 'controlled_rx_deleted', 'curiosity_storm']));
      expect(alerts.every((a) => a.state === 'open')).toBe(true);
      // The week ends yesterday (the CLI's clock is the real one): the alerts are recent.
      expect(Date.now() - Date.parse(alerts.map((a) => a.last_at).sort().at(-1) ?? '')).toBeLessThan(10 * 86_400_000);
    });

    it('user add / list / disable / reset-mfa / unlock', async () => {
      let run = await cli(['user', 'add', 'sato', '--role', 'responder', '--display-name', '佐藤 次郎'], env);
      expect(run.code).toBe(0);
      const password = /初期パスワード: (\S+)/.exec(run.out)?.[1] ?? '';
      expect(password).toHaveLength(16);
      run = await cli(['user', 'add', 'suzuki', '--role', 'auditor', '--password-stdin'], env, 'suzuki-no-nagai-pasu\n');
      expect(run.code).toBe(1);
      expect(run.err).toContain('password_policy');
      run = await cli(['user', 'add', 'suzuki', '--role', 'auditor', '--password-stdin'], env, 'kansa-yaku-no-pasuwaado\n');
      expect(run.code).toBe(0);
      run = await cli(['user', 'add', 'x1', '--role', 'superuser'], env);
      expect(run.code).not.toBe(0);

      run = await cli(['user', 'list', '--json'], env);
      const rows = run.out.split('\n').map((l) => JSON.parse(l) as { username: string; role: string; disabled: boolean });
      expect(rows.map((r) => [r.username, r.role, r.disabled])).toEqual([
        ['sato', 'responder', false],
        ['suzuki', 'auditor', false],
      ]);

      const client = new TestClient(h.app);
      expect((await client.post('/api/auth/login', { username: 'sato', password })).status).toBe(200);
      expect((await cli(['user', 'disable', 'sato'], env)).code).toBe(0);
      expect((await client.get('/api/auth/me')).status).toBe(401);
      expect((await new TestClient(h.app).post('/api/auth/login', { username: 'sato', password })).body.error).toBe('account_disabled');
      expect((await cli(['user', 'enable', 'sato'], env)).code).toBe(0);
      expect((await cli(['user', 'reset-mfa', 'sato'], env)).out).toContain('enrolment required');
      expect((await new TestClient(h.app).post('/api/auth/login', { username: 'sato', password })).body.stage).toBe('enrol');
      expect((await cli(['user', 'unlock', 'nobody'], env)).code).toBe(1);
      const actions = (await h.container.audit.page({ limit: 100 })).map((r) => r.action);
      expect(actions).toEqual(expect.arrayContaining(['user.create', 'user.disable', 'user.update', 'user.mfa_reset', 'user.list']));
      expect((await h.container.audit.page({ action: 'user.create', limit: 5 }))[0]?.actor_name).toMatch(/^cli:/);
    });

    it('backup writes a consistent SQLite copy (or explains pg_dump)', async () => {
      await cli(['demo'], env);
      const dir = mkdtempSync(path.join(tmpdir(), 'mamori-backup-'));
      try {
        const out = path.join(dir, 'nested', 'backup.sqlite');
        const run = await cli(['backup', '--out', out], env);
        if (dialect === 'postgres') {
          expect(run.code).toBe(2);
          expect(run.err).toContain('pg_dump');
          return;
        }
        expect(run.code).toBe(0);
        expect(existsSync(out)).toBe(true);
        const copy = new BetterSqlite3(out, { readonly: true });
        const users = copy.prepare('select count(*) as n from users').get() as { n: number };
        const check = copy.pragma('integrity_check', { simple: true });
        copy.close();
        expect(users.n).toBe(6);
        expect(check).toBe('ok');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}

describe('mamori CLI start-up errors', () => {
  it('unknown config keys and a bad database URL stop start-up with every problem listed', async () => {
    const run = await cli(['serve'], { MAMORI_PROT: '80', MAMORI_DATABASE_URL: 'mysql://u:secret@h/db' });
    expect(run.code).toBe(2);
    expect(run.err).toContain('unknown environment variable MAMORI_PROT');
    expect(run.err).toContain('unsupported scheme');
    expect(run.err).not.toContain('secret');
  });

  it('an unreachable PostgreSQL gives a clear message without the password', async () => {
    const run = await cli(['migrate'], { MAMORI_DATABASE_URL: 'postgres://u:secret@127.0.0.1:1/mamori' });
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/cannot connect to PostgreSQL at postgres:\/\/u:\*\*\*@127\.0\.0\.1:1\/mamori \(ECONNREFUSED\)/);
  });

  it('--help works and lists the commands', async () => {
    const run = await cli(['--help'], {});
    expect(run.code).toBe(0);
    for (const c of ['serve', 'migrate', 'user', 'audit', 'backup', 'demo']) expect(run.out).toContain(c);
  });
});
