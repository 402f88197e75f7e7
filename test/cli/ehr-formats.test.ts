import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';

const STAFF = 'user_id,name,name_kana,birth_date,sex,department,job,address,phone,insurance_no,hired_on,left_on\nU1,架空 花子,カクウ ハナコ,1985-03-03,F,内科,nurse,,,,2015-04-01,\nU2,見本 太郎,ミホン タロウ,1970-01-01,M,内科,doctor,,,,2010-04-01,\n';
const PATIENTS = 'patient_id,name,name_kana,birth_date,sex,address,phone,insurance_no,insurance_branch,deceased_on,restricted\nP1,架空 花子,カクウ ハナコ,1985-03-03,F,,,,,,0\nP2,別人 一郎,ベツジン イチロウ,1950-01-01,M,,,,,,0\n';

describe('EHR input formats beyond the CSV edition', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'mamori-ehr-fmt-'));
    writeFileSync(path.join(dir, 'staff.csv'), STAFF);
    writeFileSync(path.join(dir, 'patients.csv'), PATIENTS);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads FHIR R4 AuditEvent NDJSON as the access log', async () => {
    const ev = (id: string, extra: Record<string, unknown>) => JSON.stringify({ resourceType: 'AuditEvent', id, recorded: '2026-10-05T10:00:00+09:00', agent: [{ requestor: true, who: { reference: 'Practitioner/U1' }, network: { address: 'T9' } }], ...extra });
    writeFileSync(
      path.join(dir, 'access_log.ndjson'),
      [
        ev('A1', { type: { code: '110114' }, subtype: [{ code: '110122' }], action: 'E' }),
        ev('A2', { action: 'R', entity: [{ what: { reference: 'Patient/P1' }, detail: [{ type: 'screen', valueString: 'results' }, { type: 'session_id', valueString: 'S1' }] }] }),
        '{"resourceType":"Patient","id":"x"}',
        'not json',
      ].join('\n'),
    );
    const run = await cli(['ehr', 'audit-dir', dir, '--json'], {});
    expect(run.code).toBe(0);
    expect(run.err).toContain('rejected access_log.ndjson:3: AuditEvent ではありません');
    expect(run.err).toContain('rejected access_log.ndjson:4: JSONとして解釈できません');
    const lines = run.out.split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0]).toMatchObject({ rule: 'self_access', user_id: 'U1', patient_id: 'P1', event_ids: ['A2'] });
    expect(lines.at(-1)?.summary).toMatchObject({ events: 2, patient_accesses: 1 });
  });

  it("reads a vendor's own Shift_JIS export through mapping.json (columns, coded values, offset-less JST times)", async () => {
    writeFileSync(
      path.join(dir, 'mapping.json'),
      JSON.stringify({
        access_log: {
          file: '操作ログ.csv',
          encoding: 'shift_jis',
          timezone: '+09:00',
          columns: { event_id: 'ログID', at: '操作日時', user_id: '利用者ID', patient_id: '患者番号', action: '操作', screen: '画面' },
          values: { action: { 参照: 'view', 登録: 'create' }, screen: { カルテ: 'chart', 検査結果: 'results' } },
        },
      }),
    );
    writeFileSync(path.join(dir, '操作ログ.csv'), iconv.encode('ログID,操作日時,利用者ID,患者番号,操作,画面\nL1,2026/10/05 9:05,U1,P1,参照,検査結果\nL2,2026/10/05 9:10,U2,P2,参照,カルテ\n', 'cp932'));
    const run = await cli(['ehr', 'audit-dir', dir, '--json'], {});
    expect(run.code).toBe(0);
    const lines = run.out.split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0]).toMatchObject({ rule: 'self_access', user_id: 'U1', patient_id: 'P1', first_at: '2026-10-05T09:05:00+09:00' });
    expect(lines.at(-1)?.summary).toMatchObject({ events: 2, patient_accesses: 2 });
    writeFileSync(path.join(dir, 'mapping.json'), '{"access_log": {"file": "x.csv"}}');
    const bad = await cli(['ehr', 'audit-dir', dir, '--json'], {});
    expect(bad.err).toContain('mapping.json: access_log に file と columns が必要です');
  });
});
