import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, cliEnvFor } from '../support/cli.js';
import { testDialects } from '../support/dialects.js';
import { createHarness, type Harness } from '../support/harness.js';

for (const dialect of testDialects()) {
  describe(`mamori ehr import / audit (${dialect})`, () => {
    let h: Harness;
    let env: Record<string, string>;
    let dir: string;
    let part1: string;
    let part2: string;
    beforeAll(async () => {
      h = await createHarness(dialect);
      env = cliEnvFor(h.db.location);
      dir = mkdtempSync(path.join(tmpdir(), 'mamori-ehr-db-'));
      expect((await cli(['ehr', 'generate', '--staff', '120', '--patients', '1500', '--days', '8', '--seed', '9', dir], {})).code).toBe(0);
      // The same hospital as two deliveries: everything with days 1–4 of the log, then only the log of days 5–8.
      const log = readFileSync(path.join(dir, 'access_log.csv'), 'utf8').trimEnd().split('\n');
      const header = log[0] ?? '';
      const cut = Date.parse('2026-10-05T00:00:00+09:00');
      const early = log.slice(1).filter((l) => Date.parse(l.split(',')[1] ?? '') < cut);
      const late = log.slice(1).filter((l) => Date.parse(l.split(',')[1] ?? '') >= cut);
      part1 = mkdtempSync(path.join(tmpdir(), 'mamori-ehr-p1-'));
      part2 = mkdtempSync(path.join(tmpdir(), 'mamori-ehr-p2-'));
      for (const f of ['staff', 'patients', 'contacts', 'encounters', 'care_team', 'appointments', 'orders', 'shifts', 'terminals']) writeFileSync(path.join(part1, `${f}.csv`), readFileSync(path.join(dir, `${f}.csv`)));
      writeFileSync(path.join(part1, 'access_log.csv'), [header, ...early].join('\n'));
      writeFileSync(path.join(part2, 'access_log.csv'), [header, ...late].join('\n'));
    });
    afterAll(async () => {
      await h.close();
      for (const d of [dir, part1, part2]) rmSync(d, { recursive: true, force: true });
    });

    it('imports in deliveries without duplicates and audits to the same result as audit-dir', async () => {
      const first = await cli(['ehr', 'import', part1], env);
      expect(first.code).toBe(0);
      expect(first.out).toMatch(/access log: \d+ new of \d+/);
      // A re-run (e.g. after a crash half-way) adds nothing.
      expect((await cli(['ehr', 'import', part1], env)).out).toMatch(/access log: 0 new of/);
      const second = await cli(['ehr', 'import', part2], env);
      expect(second.out).toMatch(/imported access_log\.csv \d+; access log: \d+ new/);
      const fromDb = await cli(['ehr', 'audit', '--json'], env);
      expect(fromDb.code).toBe(0);
      const inMemory = await cli(['ehr', 'audit-dir', dir, '--json'], {});
      const alerts = (out: string) => out.split('\n').slice(0, -1);
      expect(alerts(fromDb.out)).toEqual(alerts(inMemory.out));
      const summary = (out: string) => (JSON.parse(out.split('\n').at(-1) ?? '{}') as { summary: { events: number } }).summary;
      expect(summary(fromDb.out).events).toBe(summary(inMemory.out).events);
    });

    it('audits a period: earlier days are context, alerts come only from the window', async () => {
      const run = await cli(['ehr', 'audit', '--from', '2026-10-05', '--to', '2026-10-08', '--json'], env);
      const alerts = run.out.split('\n').slice(0, -1).map((l) => JSON.parse(l) as { first_at: string });
      expect(alerts.length).toBeGreaterThan(0);
      for (const a of alerts) expect(a.first_at >= '2026-10-05').toBe(true);
      const audit = await h.container.audit.page({ limit: 50 });
      expect(audit.map((r) => r.action)).toEqual(expect.arrayContaining(['ehr.import', 'ehr.audit']));
    });
  });
}

describe('investigation views (sqlite)', () => {
  it("who viewed a patient (with explanations), a user's activity, a session replay — each read audited", async () => {
    const h = await createHarness('sqlite');
    const env = cliEnvFor(h.db.location);
    const dir = mkdtempSync(path.join(tmpdir(), 'mamori-ehr-inv-'));
    try {
      await cli(['ehr', 'generate', '--staff', '100', '--patients', '1000', '--days', '6', '--seed', '12', dir], {});
      await cli(['ehr', 'import', dir], env);
      const labels = (JSON.parse(readFileSync(path.join(dir, 'labels.json'), 'utf8')) as { scenarios: Array<{ scenario: string; user_id: string; patient_id: string | null; event_ids: string[] }> }).scenarios;
      const self = labels.find((l) => l.scenario === 'self_access');
      expect(self).toBeDefined();
      const who = await cli(['ehr', 'who-viewed', self?.patient_id ?? '', '--json'], env);
      expect(who.code).toBe(0);
      const lines = who.out.split('\n').map((l) => JSON.parse(l) as { event_id: string; user_id: string; explanation: string | null; relation: string | null });
      const mine = lines.find((l) => l.event_id === self?.event_ids[0]);
      expect(mine).toMatchObject({ user_id: self?.user_id, relation: '本人' });
      const activity = await cli(['ehr', 'user-activity', self?.user_id ?? '', '--json'], env);
      expect(activity.out.split('\n').length).toBeGreaterThan(1);
      const hijack = labels.find((l) => l.scenario === 'idle_session_self_rx_delete');
      const sessionOf = (await cli(['ehr', 'who-viewed', hijack?.patient_id ?? '', '--json'], env)).out.split('\n').map((l) => JSON.parse(l) as { event_id: string; session_id: string }).find((l) => l.event_id === hijack?.event_ids[0])?.session_id;
      const replay = await cli(['ehr', 'session', sessionOf ?? '', '--json'], env);
      const actions = replay.out.split('\n').map((l) => (JSON.parse(l) as { action: string }).action);
      expect(actions[0]).toBe('login');
      expect(actions).toEqual(expect.arrayContaining(['create', 'delete']));
      const audit = await h.container.audit.page({ limit: 20 });
      expect(audit.filter((r) => r.action === 'ehr.investigate')).toHaveLength(4);
    } finally {
      await h.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('monthly access-log audit report (sqlite)', () => {
  it('writes アクセスログ監査報告 as printable HTML and DOCX for a month, without patient names', async () => {
    const h = await createHarness('sqlite');
    const env = cliEnvFor(h.db.location);
    const dir = mkdtempSync(path.join(tmpdir(), 'mamori-ehr-rep-'));
    try {
      await cli(['ehr', 'generate', '--staff', '100', '--patients', '1000', '--days', '6', '--seed', '13', dir], {});
      await cli(['ehr', 'import', dir], env);
      const html = path.join(dir, 'report.html');
      expect((await cli(['ehr', 'report', '--month', '2026-10', '--out', html], env)).code).toBe(0);
      const text = readFileSync(html, 'utf8');
      expect(text).toContain('アクセスログ監査報告');
      expect(text).toContain('対象期間：2026-10-01 ～ 2026-10-31');
      expect(text).toMatch(/業務上の理由で説明されたアクセス<\/td><td>[\d,]+件（\d+\.\d%）/);
      expect(text).toContain('向精神薬等の処方の作成後削除');
      const patients = readFileSync(path.join(dir, 'patients.csv'), 'utf8').split('\n').slice(1, 200).map((l) => l.split(',')[1]).filter(Boolean);
      for (const name of patients) expect(text).not.toContain(String(name));
      const docx = path.join(dir, 'report.docx');
      expect((await cli(['ehr', 'report', '--month', '2026-10', '--out', docx], env)).code).toBe(0);
      expect(readFileSync(docx).subarray(0, 2).toString()).toBe('PK');
      expect((await cli(['ehr', 'report', '--month', '2026-13', '--out', docx], env)).code).toBe(1);
    } finally {
      await h.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
