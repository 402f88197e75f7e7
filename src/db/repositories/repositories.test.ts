import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashAuditRecord } from '../../core/audit-chain.js';
import { createTestDatabase, testDialects, type TestDatabase } from '../../../test/support/dialects.js';
import { migrateToLatest } from '../migrator.js';
import { AuditRepository } from './audit.repository.js';
import { JobRepository } from './job.repository.js';
import { SessionRepository } from './session.repository.js';
import { SettingRepository } from './setting.repository.js';
import { UserRepository } from './user.repository.js';

const T0 = '2026-11-20T05:00:00.000Z';

function entry(n: number) {
  return {
    at: T0,
    actorId: null,
    actorName: `user${n}`,
    action: 'auth.login',
    targetType: null,
    targetId: null,
    outcome: 'success' as const,
    ip: null,
    detail: JSON.stringify({ n, text: '日本語' }),
  };
}

for (const dialect of testDialects()) {
  describe(`repositories (${dialect})`, () => {
    let t: TestDatabase;
    beforeEach(async () => {
      t = await createTestDatabase(dialect);
      await migrateToLatest(t.database);
    });
    afterEach(async () => {
      await t.cleanup();
    });

    it('migrations are idempotent', async () => {
      expect((await migrateToLatest(t.database)).applied).toEqual([]);
    });

    it('audit appends chain in order and stream returns them all', async () => {
      const repo = new AuditRepository(t.database.db, dialect);
      for (let i = 0; i < 25; i += 1) await repo.append(entry(i));
      const rows = [];
      for await (const row of repo.stream(7)) rows.push(row);
      expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
      for (const row of rows) expect(hashAuditRecord(row)).toBe(row.hash);
      expect(rows[1]?.prevHash).toBe(rows[0]?.hash);
      expect(await repo.head()).toEqual({ seq: 25, hash: rows[24]?.hash });
      expect(JSON.parse(rows[3]?.detail ?? '{}')).toEqual({ n: 3, text: '日本語' });
    });

    it('concurrent appends get distinct consecutive sequence numbers', async () => {
      const repo = new AuditRepository(t.database.db, dialect);
      await Promise.all(Array.from({ length: 20 }, (_, i) => repo.append(entry(i))));
      const seqs = [];
      for await (const row of repo.stream()) seqs.push(row.seq);
      expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    });

    it('the database itself refuses UPDATE and DELETE on the audit trail', async () => {
      const repo = new AuditRepository(t.database.db, dialect);
      await repo.append(entry(1));
      await expect(sql`update audit_log set actor_name = 'x'`.execute(t.database.db)).rejects.toThrow(/append-only/);
      await expect(sql`delete from audit_log`.execute(t.database.db)).rejects.toThrow(/append-only/);
      expect(await repo.count()).toBe(1);
    });

    it('audit page filters by actor, action prefix and time, newest first', async () => {
      const repo = new AuditRepository(t.database.db, dialect);
      for (let i = 0; i < 5; i += 1) await repo.append({ ...entry(i), actorName: i % 2 ? 'a' : 'b', action: i < 3 ? 'auth.login' : 'user.create' });
      const page = await repo.page({ actor: 'b', action: 'auth', limit: 10 });
      expect(page.map((r) => Number(r.seq))).toEqual([3, 1]);
      expect((await repo.page({ beforeSeq: 3, limit: 10 })).map((r) => Number(r.seq))).toEqual([2, 1]);
      expect(await repo.count({ action: 'user.create' })).toBe(2);
    });

    it('users, sessions and settings round-trip', async () => {
      const users = new UserRepository(t.database.db);
      await users.create({
        id: 'u1', username: 'tanaka', display_name: '田中 花子', role: 'auditor', password_hash: 'h', mfa_secret: null,
        mfa_pending_secret: null, mfa_enabled: 0, mfa_required: 0, must_change_password: 0, disabled: 0, failed_count: 0,
        lockout_count: 0, locked_until: null, last_totp_step: null, last_login_at: null, password_changed_at: T0, created_at: T0, updated_at: T0,
      });
      await users.update('u1', { last_totp_step: 59_000_000 });
      expect(await users.findByUsername('tanaka')).toMatchObject({ display_name: '田中 花子', last_totp_step: 59_000_000 });
      await expect(users.create({ ...(await users.findById('u1'))!, id: 'u2' })).rejects.toThrow();
      expect(await users.countByRole()).toEqual([{ role: 'auditor', n: 1 }]);

      const sessions = new SessionRepository(t.database.db);
      await sessions.create({ id: 's1', user_id: 'u1', stage: 'active', csrf_token: 'c', created_at: T0, last_seen_at: T0, expires_at: '2026-11-21T00:00:00.000Z', locked: 0, ip: null, revoked_at: null });
      expect(await sessions.findLive('s1', T0)).toBeDefined();
      expect(await sessions.findLive('s1', '2026-11-22T00:00:00.000Z')).toBeUndefined();
      expect(await sessions.countLive(T0)).toBe(1);
      await sessions.revokeAllForUser('u1', T0);
      expect(await sessions.findLive('s1', T0)).toBeUndefined();

      const settings = new SettingRepository(t.database.db);
      await settings.set('hospital.name', 'デモ総合病院', T0);
      await settings.set('hospital.name', '別の病院', T0);
      expect(await settings.get('hospital.name')).toBe('別の病院');
    });

    it('job claim is exclusive, ordered, and stale jobs are re-queued', async () => {
      const jobs = new JobRepository(t.database.db, dialect);
      const base = { name: 'audit.verify', payload: '{}', state: 'queued', progress_done: 0, progress_total: null, message: null, summary: null, result: null, attempts: 0, max_attempts: 3, locked_by: null, locked_at: null, created_by: null, started_at: null, finished_at: null };
      await jobs.insert({ ...base, id: 'j1', run_after: T0, created_at: '2026-11-20T04:00:00.000Z' });
      await jobs.insert({ ...base, id: 'j2', run_after: T0, created_at: '2026-11-20T04:00:01.000Z' });
      await jobs.insert({ ...base, id: 'j3', run_after: '2026-11-21T00:00:00.000Z', created_at: '2026-11-20T03:00:00.000Z' });
      const claims = await Promise.all([jobs.claimNext('w1', T0), jobs.claimNext('w2', T0), jobs.claimNext('w3', T0)]);
      expect(claims.map((c) => c?.id ?? null).sort()).toEqual(['j1', 'j2', null].sort());
      expect(claims.find((c) => c?.id === 'j1')?.attempts).toBe(1);
      await jobs.progress('j1', 5, 10, 'half', T0);
      expect(await jobs.findById('j1')).toMatchObject({ progress_done: 5, progress_total: 10, state: 'running' });
      expect(await jobs.requeueStale('2026-11-20T06:00:00.000Z')).toBe(2);
      expect((await jobs.findById('j2'))?.state).toBe('queued');
      expect(await jobs.countByState()).toEqual({ queued: 3 });
    });
  });
}
