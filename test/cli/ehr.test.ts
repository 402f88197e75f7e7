import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MisuseLabel } from '../../src/services/ehr/ehr-generator.js';
import { cli } from '../support/cli.js';

describe('mamori ehr generate / audit-dir', () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'mamori-ehr-'));
    const run = await cli(['ehr', 'generate', '--staff', '150', '--patients', '2000', '--days', '10', '--seed', '4', dir], {});
    expect(run.code).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes one JSON line per alert in the stable shape, then the summary, and catches the injected misuse', async () => {
    const run = await cli(['ehr', 'audit-dir', dir, '--json'], {});
    expect(run.code).toBe(0);
    const lines = run.out.split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const summary = lines.at(-1)?.summary as { events: number; patient_accesses: number; explained: number; alerts: number };
    const alerts = lines.slice(0, -1) as Array<{ rule: string; user_id: string; patient_id: string | null; first_at: string; last_at: string; score: number; event_ids: string[]; reason: string }>;
    expect(summary.alerts).toBe(alerts.length);
    expect(summary.explained / summary.patient_accesses).toBeGreaterThan(0.95);
    for (const a of alerts) {
      expect(Object.keys(a)).toEqual(['rule', 'user_id', 'patient_id', 'first_at', 'last_at', 'score', 'event_ids', 'reason']);
      expect(a.score).toBeGreaterThanOrEqual(0);
      expect(a.score).toBeLessThanOrEqual(100);
      expect(a.first_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+09:00$/);
    }
    const { scenarios } = JSON.parse(readFileSync(path.join(dir, 'labels.json'), 'utf8')) as { scenarios: MisuseLabel[] };
    const caught = (l: MisuseLabel) => alerts.some((a) => a.event_ids.some((id) => l.event_ids.includes(id)) || (a.user_id === l.user_id && (l.patient_id === null || a.patient_id === l.patient_id)));
    // Every scenario except the storm is a single deliberate act: each must be caught.
    const missed = scenarios.filter((l) => l.scenario !== 'curiosity_storm' && !caught(l)).map((l) => l.scenario);
    expect(missed).toEqual([]);
    const storm = scenarios.filter((l) => l.scenario === 'curiosity_storm');
    expect(storm.filter(caught).length / storm.length).toBeGreaterThan(0.6);
  });

  it('reports malformed rows with file and line, skips them, and does not count a re-imported event twice', async () => {
    const before = JSON.parse((await cli(['ehr', 'audit-dir', dir, '--json'], {})).out.split('\n').at(-1) ?? '{}') as { summary: { events: number } };
    const log = readFileSync(path.join(dir, 'access_log.csv'), 'utf8').trimEnd().split('\n');
    appendFileSync(path.join(dir, 'access_log.csv'), `${log[1] ?? ''}\nBROKEN,not-a-time,U0001,,view,chart,,,,\n`);
    const run = await cli(['ehr', 'audit-dir', dir, '--json'], {});
    expect(run.code).toBe(0);
    expect(run.err).toContain(`rejected access_log.csv:${log.length + 2}: at はISO 8601（時差付き）の日時ではありません`);
    const after = JSON.parse(run.out.split('\n').at(-1) ?? '{}') as { summary: { events: number; rejected_rows: number } };
    expect(after.summary.events).toBe(before.summary.events);
    expect(after.summary.rejected_rows).toBe(1);
  });

  it('refuses a folder without the required files and bad dates, with a clear message', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'mamori-ehr-empty-'));
    try {
      const run = await cli(['ehr', 'audit-dir', empty, '--json'], {});
      expect(run.code).toBe(1);
      expect(run.err).toContain('staff.csv、patients.csv、access_log.csv は必須です');
      expect((await cli(['ehr', 'audit-dir', dir, '--from', '10/01'], {})).code).toBe(1);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
