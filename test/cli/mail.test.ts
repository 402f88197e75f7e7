import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { createHarness } from '../support/harness.js';

const msg = (from: string, date: string | null, headers: string) => `From x Mon Nov 16 10:00:00 2026\nFrom: ${from}\n${date ? `Date: ${date}\n` : ''}${headers}Subject: s\n\nbody\n`;

describe('mamori mail correspondents', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'mamori-corr-'));
    const mbox = [
      msg('=?UTF-8?B?' + Buffer.from('医師 見本').toString('base64') + '?= <Doctor@Hospital.example.jp>', 'Mon, 05 Oct 2026 10:00:00 +0900', 'To: "取引先 一郎" <ichiro@partner.example.com>, Team: a@partner.example.com, b@other.example.org;\nCc: <ICHIRO@partner.example.com.>\nReply-To: reply@relay.example.net\n'),
      msg('"取引先 一郎" <ichiro@partner.example.com>', 'Tue, 20 Oct 2026 09:00:00 +0900', 'To: doctor@hospital.example.jp\n'),
      msg('doctor@hospital.example.jp', 'Sun, 01 Mar 2026 09:00:00 +0900', 'To: old@past.example.com\n'),
      msg('doctor@hospital.example.jp', null, 'To: undated@example.net, newsletter@lists.example.org\n'),
    ].join('\n');
    writeFileSync(path.join(dir, 'doctor.mbox'), mbox);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists every distinct address in the window, normalised, with first/last contact and counts', async () => {
    const run = await cli(['mail', 'correspondents', path.join(dir, 'doctor.mbox'), '--since', '2026-10-01', '--until', '2026-10-31', '--internal-domain', 'hospital.example.jp', '--exclude-domain', 'lists.example.org', '--json'], {});
    expect(run.code).toBe(0);
    const lines = run.out.split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const rows = lines.slice(0, -1);
    expect(rows.map((r) => [r.address, r.messages, r.internal])).toEqual([
      ['a@partner.example.com', 1, false],
      ['b@other.example.org', 1, false],
      ['ichiro@partner.example.com', 2, false],
      ['reply@relay.example.net', 1, false],
      ['undated@example.net', 1, false],
      ['doctor@hospital.example.jp', 3, true],
    ]);
    expect(rows.find((r) => r.address === 'ichiro@partner.example.com')).toMatchObject({ first_at: '2026-10-05T10:00:00+09:00', last_at: '2026-10-20T09:00:00+09:00' });
    expect(lines.at(-1)).toEqual({ summary: { addresses: 6, external: 5, internal: 1, messages: 3, messages_outside_window: 1, messages_undated: 1, unreadable: 0 } });
  });

  it('writes a CSV that imports into a case register in one step', async () => {
    const csv = path.join(dir, 'notify.csv');
    const run = await cli(['mail', 'correspondents', dir, '--internal-domain', 'hospital.example.jp', '--csv', csv, '--xlsx', path.join(dir, 'notify.xlsx')], {});
    expect(run.code).toBe(0);
    const text = readFileSync(csv, 'utf8');
    expect(text.startsWith('\uFEFF区分,氏名,メールアドレス,項目')).toBe(true);
    const h = await createHarness('sqlite');
    try {
      const actor = { id: null, name: 'test', ip: null };
      const kase = await h.container.cases.create(actor, { title: '乗っ取り', type: 'mailbox_takeover', severity: 'high', knownAt: '2026-10-21T00:00:00Z', summary: '', tags: [] });
      const r = await h.container.people.importCsv(actor, kase.id, text.replace(/^\uFEFF/, ''), 'notify.csv');
      expect(r.errors).toEqual([]);
      expect(r.created).toBe(8);
      const people = await h.container.people.list(actor, kase.id);
      expect(people.rows.find((p) => p.email === 'ichiro@partner.example.com')).toMatchObject({ name: '取引先 一郎', population: 'business_partner' });
    } finally {
      await h.close();
    }
  });
});
