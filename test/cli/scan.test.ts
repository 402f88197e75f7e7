import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { walkFiles } from '../../src/connectors/file-source.js';
import { cli } from '../support/cli.js';

describe('mamori scan (files slice)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'mamori-scan-'));
    mkdirSync(path.join(dir, 'share'));
    // Shift_JIS lab-result list, as Excel exports it.
    const csv = '受付番号,氏名,受付日,検査結果\r\n1,架空 一郎,2026-01-10,陽性\r\n2,架空 花子,2026-01-10,陰性\r\n3,仮名 次郎,2026-01-11,陽性\r\n';
    writeFileSync(path.join(dir, 'share', 'インフル検査結果.csv'), iconv.encode(csv, 'cp932'));
    writeFileSync(path.join(dir, 'share', '紹介状.txt'), '紹介状\n患者氏名: 見本 桜 様\n生年月日: S45.3.2（56歳）\n病名: 2型糖尿病\n患者ID: 0012345\n');
    writeFileSync(path.join(dir, 'share', 'order.txt'), '注文番号 123456789018 を 03-1234 で受け付けました。');
    writeFileSync(path.join(dir, 'share', 'photo.bin'), Buffer.alloc(10, 1));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints one JSON line per item and a summary breach table', async () => {
    const run = await cli(['scan', path.join(dir, 'share'), '--json'], {});
    expect(run.code).toBe(0);
    const lines = run.out.split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const byName = Object.fromEntries(lines.filter((l) => 'item' in l).map((l) => [path.basename(String(l.item)), l]));
    expect(byName['インフル検査結果.csv']).toMatchObject({ persons: 3, sensitive: true, category: '患者リスト（検査結果）', kinds: { name: 3, test_result: 3 } });
    expect(byName['紹介状.txt']).toMatchObject({ persons: 1, sensitive: true, category: '個人の患者資料' });
    expect(byName['紹介状.txt']?.kinds).toMatchObject({ name: 1, birth_date: 1, diagnosis: 1, patient_id: 1 });
    expect(byName['order.txt']).toMatchObject({ persons: 0, category: '個人情報なし' });
    expect((byName['photo.bin']?.parts as Array<{ status: string }>)[0]?.status).toBe('unsupported');
    const summary = lines.at(-1)?.summary as { items: number; items_with_pii: number; persons: number; table: Array<{ category: string; items: number; persons: number }> };
    expect(summary).toMatchObject({ items: 4, items_with_pii: 2, persons: 4 });
    expect(summary.table).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ level: 0, label: '個人情報が含まれるファイル', items: 2, persons: 4 }),
        expect.objectContaining({ level: 1, category: '患者リスト（検査結果）', label: '検査結果のリスト（氏名、検査結果等）', items: 1, persons: 3 }),
        expect.objectContaining({ level: 0, status: 'unsupported', items: 1 }),
      ]),
    );
  });

  it('huge files are reported, not read', async () => {
    const seen = [];
    for await (const f of walkFiles([path.join(dir, 'share')], 50)) seen.push([path.basename(f.path), f.status]);
    expect(seen).toContainEqual(['インフル検査結果.csv', 'too_large']);
    expect(seen).toContainEqual(['photo.bin', 'ok']);
  });
});

describe('mamori scan over an mbox', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'mamori-mbox-'));
    const jis = (s: string) => iconv.encode(s, 'cp932'); // attachment bytes
    const iso2022 = (s: string) => Buffer.from(new TextEncoder().encode(s)); // body sent as UTF-8 here
    const msg1 = Buffer.concat([
      Buffer.from('From doctor@demo-hospital.invalid Mon Nov 16 10:00:00 2026\nFrom: =?UTF-8?B?' + Buffer.from('医師 見本').toString('base64') + '?= <doctor@demo-hospital.invalid>\nTo: clinic@example.invalid\nSubject: =?UTF-8?B?' + Buffer.from('ご紹介').toString('base64') + '?=\nMessage-ID: <m1@demo>\nContent-Type: text/plain; charset=UTF-8\n\n'),
      iso2022('架空 花子 様（昭和45年3月2日（56歳））の件です。病名: 糖尿病\n>From the lab: 結果は後日\n\n--\n医師 見本\nTEL 090-1234-5678\n'),
    ]);
    const csv = jis('氏名,生年月日,検査結果\r\n架空 一郎,1970-01-02,陽性\r\n架空 次郎,1980-01-02,陰性\r\n仮名 三郎,1990-01-02,陽性\r\n');
    const msg2 = Buffer.from(
      'From a@b Mon Nov 16 11:00:00 2026\nFrom: lab@example.invalid\nTo: doctor@demo-hospital.invalid\nSubject: list\nMessage-ID: <m2@demo>\nContent-Type: multipart/mixed; boundary="x"\n\n--x\nContent-Type: text/plain; charset=UTF-8\n\nsee attached\n--x\nContent-Type: text/csv; name="list.csv"\nContent-Disposition: attachment; filename="list.csv"\nContent-Transfer-Encoding: base64\n\n' +
        csv.toString('base64') +
        '\n--x--\n',
    );
    const msg3 = Buffer.from('From c@d Mon Nov 16 12:00:00 2026\nFrom: news@example.invalid\nTo: all@demo-hospital.invalid\nSubject: news\nMessage-ID: <m3@demo>\n\n院内報です。注文番号 123456789018。\n');
    writeFileSync(path.join(dir, 'doctor.mbox'), Buffer.concat([msg1, Buffer.from('\n'), msg2, Buffer.from('\n'), msg3]));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('counts third-party persons per message, ignores signatures and correspondents, reads attachments', async () => {
    const run = await cli(['scan', path.join(dir, 'doctor.mbox'), '--json'], {});
    expect(run.code).toBe(0);
    const lines = run.out.split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const items = lines.filter((l) => 'item' in l);
    expect(items.map((i) => [String(i.item).split('#')[1], i.message_id, i.persons, i.category])).toEqual([
      ['0', '<m1@demo>', 1, '本文のみ'],
      ['1', '<m2@demo>', 3, '患者リスト（検査結果）'],
      ['2', '<m3@demo>', 0, '個人情報なし'],
    ]);
    // The signature phone is not counted; the body's birth date and diagnosis are.
    expect(items[0]?.kinds).toEqual({ name: 1, birth_date: 1, age: 1, diagnosis: 1 });
    expect((items[1]?.parts as Array<{ part: string; name: string; persons: number }>).find((p) => p.part === 'attachment')).toMatchObject({ name: 'list.csv', persons: 3 });
    expect(lines.at(-1)?.summary).toMatchObject({ items: 3, items_with_pii: 2, persons: 4 });
  });
});

describe('mamori scan reads xlsx and docx', () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'mamori-office-'));
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('患者一覧');
    ws.addRow(['患者名', '生年月日', '病名', '発症日']);
    for (let i = 1; i <= 126; i += 1) ws.addRow([`架空 患者${i}`, new Date(Date.UTC(1950 + (i % 50), i % 12, 1 + (i % 27))), '特定疾患', '2026-01-01']);
    writeFileSync(path.join(dir, '疾病患者リスト.xlsx'), Buffer.from(await wb.xlsx.writeBuffer()));
    const { renderDocx } = await import('../../src/services/documents/docx-writer.js');
    writeFileSync(path.join(dir, '診療情報提供書.docx'), await renderDocx('t', [{ kind: 'text', text: '患者氏名: 見本 葵 様\n生年月日: 平成2年4月5日\n診断: 気管支喘息' }]));
    writeFileSync(path.join(dir, 'broken.xlsx'), Buffer.from('not a zip'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('counts rows of a disease list and the patient in a referral letter', async () => {
    const run = await cli(['scan', dir, '--json'], {});
    const items = run.out.split('\n').map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => 'item' in l);
    const by = Object.fromEntries(items.map((i) => [path.basename(String(i.item)), i]));
    expect(by['疾病患者リスト.xlsx']).toMatchObject({ persons: 126, category: '患者リスト（疾病）', sensitive: true });
    expect(by['診療情報提供書.docx']).toMatchObject({ persons: 1, category: '個人の患者資料' });
    expect((by['broken.xlsx']?.parts as Array<{ status: string }>)[0]?.status).toBe('unreadable');
  });
});

describe('mamori scan reads zips', () => {
  it('scans entries of nested zips and reports encrypted ones', async () => {
    const JSZip = (await import('jszip')).default;
    const dir = mkdtempSync(path.join(tmpdir(), 'mamori-zip-'));
    try {
      const inner = new JSZip();
      inner.file('list.csv', '氏名,検査結果\n架空 一郎,陽性\n架空 次郎,陰性\n');
      const outer = new JSZip();
      outer.file('inner.zip', await inner.generateAsync({ type: 'nodebuffer' }));
      outer.file('memo.txt', '特になし');
      writeFileSync(path.join(dir, 'archive.zip'), await outer.generateAsync({ type: 'nodebuffer' }));
      const run = await cli(['scan', path.join(dir, 'archive.zip'), '--json'], {});
      // A zip given as a source (a file-share export) is one item per entry; nested zips are parts.
      const items = run.out.split('\n').slice(0, -1).map((l) => JSON.parse(l) as { item: string; persons: number; category: string; parts: Array<{ name: string; status: string; persons: number }> });
      expect(items.map((i) => [path.basename(i.item), i.persons, i.category])).toEqual([
        ['inner.zip', 2, '患者リスト（検査結果）'],
        ['memo.txt', 0, '個人情報なし'],
      ]);
      expect(items[0]?.parts.map((p) => [p.name, p.status, p.persons])).toEqual([['inner.zip/list.csv', 'ok', 2]]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('forwarded messages', () => {
  it('reads a message/rfc822 attachment (and its own attachment) as part of the message', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mamori-fwd-'));
    try {
      const inner = [
        'From: lab@example.invalid',
        'To: doctor@demo-hospital.invalid',
        'Subject: results',
        'Content-Type: multipart/mixed; boundary="in"',
        '',
        '--in',
        'Content-Type: text/plain; charset=UTF-8',
        '',
        '患者氏名：架空 一郎 様 病名：肺炎',
        '--in',
        'Content-Type: text/csv; name="r.csv"',
        'Content-Disposition: attachment; filename="r.csv"',
        '',
        '氏名,検査結果',
        '見本 桜,陽性',
        '見本 葵,陰性',
        '--in--',
        '',
      ].join('\r\n');
      const outer = `From: doctor@demo-hospital.invalid\r\nTo: other@example.invalid\r\nSubject: Fwd: results\r\nMessage-ID: <fwd@demo>\r\nContent-Type: multipart/mixed; boundary="out"\r\n\r\n--out\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n転送します。\r\n--out\r\nContent-Type: message/rfc822\r\nContent-Disposition: attachment; filename="results.eml"\r\n\r\n${inner}\r\n--out--\r\n`;
      writeFileSync(path.join(dir, 'fwd.eml'), outer);
      const run = await cli(['scan', path.join(dir, 'fwd.eml'), '--json'], {});
      const item = JSON.parse(run.out.split('\n')[0] ?? '{}') as { persons: number; category: string; parts: Array<{ part: string; name: string; persons: number }> };
      expect(item.persons).toBe(3);
      expect(item.category).toBe('患者リスト（検査結果）');
      expect(item.parts.map((p) => [p.part, p.name, p.persons])).toEqual([
        ['body', '', 0],
        ['attachment', 'results.eml', 1],
        ['attachment', 'results.eml/r.csv', 2],
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('mamori scan generate (labelled evaluation mailbox)', () => {
  it('is deterministic per seed and the scanner finds the labelled leaks', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mamori-gen-'));
    try {
      const a = path.join(dir, 'a.mbox');
      const b = path.join(dir, 'b.mbox');
      expect((await cli(['scan', 'generate', '--messages', '400', '--seed', '5', a], {})).code).toBe(0);
      expect((await cli(['scan', 'generate', '--messages', '400', '--seed', '5', b], {})).code).toBe(0);
      // Same seed, same content and labels (Office files embed their creation time, so bytes may differ).
      expect(readFileSync(path.join(dir, 'a.labels.json'), 'utf8')).toBe(readFileSync(path.join(dir, 'b.labels.json'), 'utf8'));
      const { labels } = JSON.parse(readFileSync(path.join(dir, 'a.labels.json'), 'utf8')) as { labels: Array<{ pii: boolean; persons: number; uninspectable: boolean; template: string }> };
      expect(labels).toHaveLength(400);
      expect(new Set(labels.map((l) => l.template)).size).toBeGreaterThan(8);
      const run = await cli(['scan', a, '--json'], {});
      expect((await cli(['scan', b, '--json'], {})).out.replaceAll('b.mbox', 'a.mbox')).toBe(run.out);
      const items = run.out.split('\n').slice(0, -1).map((l) => JSON.parse(l) as { persons: number; parts: Array<{ status: string }> });
      expect(items).toHaveLength(400);
      // Every labelled leak is flagged, either by persons found or by an encrypted part to open by hand.
      const missed = labels.filter((l, i) => l.pii && !((items[i]?.persons ?? 0) > 0 || items[i]?.parts.some((p) => p.status === 'encrypted')));
      expect(missed).toEqual([]);
      const falseAlarms = labels.filter((l, i) => !l.pii && (items[i]?.persons ?? 0) > 0);
      expect(falseAlarms.length).toBeLessThanOrEqual(labels.filter((l) => l.pii).length * 0.1);
      expect((await cli(['scan', 'generate', '--messages', 'x', a], {})).code).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('database dumps and Maildir', () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'mamori-dump-'));
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(path.join(dir, 'nursecall.db'));
    db.exec('CREATE TABLE patients (patient_id TEXT, name TEXT, sex TEXT, address TEXT, tel TEXT, birthday TEXT); CREATE TABLE beds (bed TEXT, ward TEXT);');
    const insert = db.prepare('INSERT INTO patients VALUES (?, ?, ?, ?, ?, ?)');
    db.transaction(() => {
      for (let i = 0; i < 1300; i += 1) insert.run(String(i).padStart(7, '0'), `架空 患者${i}`, i % 2 ? '男' : '女', `東京都架空市見本町${i % 9}-1-1`, `03-0000-${String(i).padStart(4, '0')}`, `19${50 + (i % 40)}-01-0${1 + (i % 9)}`);
      db.prepare("INSERT INTO beds VALUES ('101', '3階東')").run();
    })();
    db.close();
    writeFileSync(
      path.join(dir, 'staff.sql'),
      ["CREATE TABLE staff (staff_id int, name varchar(40), dept varchar(20), tel varchar(20));", "INSERT INTO staff VALUES (1,'職員 一郎','看護部','03-1111-0001'),(2,'職員 二郎','薬剤部','03-1111-0002');", '-- end'].join('\n'),
    );
    const maildir = path.join(dir, 'Maildir', 'cur');
    mkdirSync(maildir, { recursive: true });
    writeFileSync(path.join(maildir, '1700000000.M1P2.host:2,S'), 'From: a@example.invalid\nTo: b@example.invalid\nSubject: x\nMessage-ID: <md1@x>\n\n患者氏名：架空 太郎 様\n病名：肺炎\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads each table of a SQLite file and a SQL dump by its columns, and gives the notice wording', async () => {
    const run = await cli(['scan', path.join(dir, 'nursecall.db'), path.join(dir, 'staff.sql'), '--json'], {});
    expect(run.code).toBe(0);
    const lines = run.out.split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const items = new Map(lines.filter((l) => 'item' in l).map((l) => [String(l.item).split('#')[1], l] as const));
    expect(items.get('patients')).toMatchObject({ persons: 1300, category: '個人情報のリスト', kinds: { patient_id: 1300, name: 1300, sex: 1300, address: 1300, phone: 1300, birth_date: 1300 } });
    expect(items.get('beds')).toMatchObject({ persons: 0 });
    expect(items.get('staff')).toMatchObject({ persons: 2, category: '職員・関係者リスト' });
    const summary = lines.at(-1)?.summary as { persons: number; notice_items: string; approx_persons: string };
    expect(summary.persons).toBe(1302);
    expect(summary.notice_items).toBe('項目：患者ID、氏名、性別、住所、電話番号、生年月日');
    expect(summary.approx_persons).toBe('約1,300人');
  });

  it('reads Maildir files (no extension) as messages', async () => {
    const run = await cli(['scan', path.join(dir, 'Maildir'), '--json'], {});
    const item = JSON.parse(run.out.split('\n')[0] ?? '{}') as { message_id: string; persons: number; category: string };
    expect(item).toMatchObject({ message_id: '<md1@x>', persons: 1, category: '本文のみ' });
  });
});

describe('hostile input ends with a status, not a crash', () => {
  it('a truncated mbox and a message with a 100 MB line are reported with bounded memory', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mamori-hostile-'));
    try {
      const file = path.join(dir, 'bad.mbox');
      const ok = 'From a Mon Nov 16 10:00:00 2026\nFrom: x@example.invalid\nMessage-ID: <ok@x>\n\n患者氏名：架空 一郎 様\n\n';
      const longLine = `From b Mon Nov 16 10:00:00 2026\nFrom: y@example.invalid\nMessage-ID: <long@x>\n\n${'あ'.repeat(35 * 1024 * 1024)}\n\n`;
      const truncated = 'From c Mon Nov 16 10:00:00 2026\nFrom: z@example.invalid\nContent-Type: multipart/mixed; boundary="q"\n\n--q\nContent-Type: text/csv; name="a.csv"\nContent-Transfer-Encoding: base64\n\n5rCP5ZCNLOaknOafu+e1kOaenAo';
      writeFileSync(file, ok + longLine + truncated);
      const before = process.memoryUsage().rss;
      const run = await cli(['scan', file, '--json'], {});
      expect(run.code).toBe(0);
      const lines = run.out.split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines).toHaveLength(4);
      expect(lines[0]).toMatchObject({ message_id: '<ok@x>', persons: 1 });
      expect(lines[1]).toMatchObject({ message_id: '<long@x>', persons: 0 });
      expect(lines[2]).toMatchObject({ persons: 0 });
      // Memory stays bounded by a few copies of the largest message, not the file.
      expect(process.memoryUsage().rss - before).toBeLessThan(1024 * 1024 * 1024);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('--exclude-domain and HTML files', () => {
  it("does not count the hospital's own addresses in prose, but keeps them in lists", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mamori-domain-'));
    try {
      writeFileSync(path.join(dir, 'letter.html'), '<html><body><p>患者氏名：架空 一郎 様</p><p>患者メール：ichiro@example.invalid</p><p>問合せ：soumu@mail.hospital.invalid</p><script>var x = "hidden@example.invalid";</script></body></html>');
      writeFileSync(path.join(dir, 'staff.csv'), '氏名,所属,メールアドレス\n職員 一郎,内科,ichiro@hospital.invalid\n職員 二郎,外科,jiro@hospital.invalid\n');
      const scan = async (...extra: string[]) => {
        const run = await cli(['scan', dir, '--json', ...extra], {});
        return new Map(run.out.split('\n').slice(0, -1).map((l) => JSON.parse(l) as { item: string; kinds: Record<string, number> }).map((i) => [path.basename(i.item), i.kinds]));
      };
      const all = await scan();
      expect(all.get('letter.html')).toMatchObject({ name: 1, email: 2 });
      const own = await scan('--exclude-domain', 'hospital.invalid');
      expect(own.get('letter.html')).toMatchObject({ name: 1, email: 1 });
      expect(own.get('staff.csv')).toMatchObject({ name: 2, email: 2 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** ISO-2022-JP bytes via Shift_JIS → JIS X 0208 (the arithmetic every mailer used). */
function iso2022jp(text: string): Buffer {
  const out: number[] = [];
  let kanji = false;
  for (const ch of text) {
    const sj = iconv.encode(ch, 'cp932');
    if (sj.length === 1) {
      if (kanji) out.push(0x1b, 0x28, 0x42);
      kanji = false;
      out.push(sj[0] ?? 0x3f);
      continue;
    }
    if (!kanji) out.push(0x1b, 0x24, 0x42);
    kanji = true;
    const c1 = sj[0] ?? 0;
    const c2 = sj[1] ?? 0;
    const row = (c1 < 0xa0 ? c1 - 0x81 : c1 - 0xc1) * 2;
    if (c2 < 0x9f) out.push(row + 0x21, c2 - (c2 > 0x7f ? 0x20 : 0x1f));
    else out.push(row + 0x22, c2 - 0x7e);
  }
  if (kanji) out.push(0x1b, 0x28, 0x42);
  return Buffer.from(out);
}

describe('Japanese charsets, PDF text layers and containers that cannot be read', () => {
  let dir: string;
  const letter = '患者氏名：架空 一郎 様\n生年月日：昭和45年3月2日\n病名：糖尿病\n';
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'mamori-charset-'));
    const jis = iso2022jp(letter);
    // The helper must round-trip, or the test below proves nothing.
    expect(new TextDecoder('iso-2022-jp').decode(jis)).toBe(letter);
    const mail = (id: string, charset: string, body: Buffer, extra = '') => Buffer.concat([Buffer.from(`From: =?ISO-2022-JP?B?${iso2022jp('送信 者').toString('base64')}?= <a@example.invalid>\nTo: b@example.invalid\nMessage-ID: <${id}@x>\nMIME-Version: 1.0\nContent-Type: text/plain; charset=${charset}\n${extra}\n`), body]);
    writeFileSync(path.join(dir, 'jis.eml'), mail('jis', 'ISO-2022-JP', jis, 'Content-Transfer-Encoding: 7bit\n'));
    writeFileSync(path.join(dir, 'euc.eml'), mail('euc', 'EUC-JP', iconv.encode(letter, 'euc-jp'), 'Content-Transfer-Encoding: 8bit\n'));
    writeFileSync(path.join(dir, 'sjis-qp.eml'), mail('qp', 'Shift_JIS', Buffer.from([...iconv.encode(letter, 'cp932')].map((b) => (b > 0x7e || b === 0x3d ? `=${b.toString(16).toUpperCase().padStart(2, '0')}` : String.fromCharCode(b))).join('')), 'Content-Transfer-Encoding: quoted-printable\n'));
    const { japanesePdf } = await import('../support/japanese-pdf.js');
    writeFileSync(path.join(dir, '紹介状.pdf'), japanesePdf(letter.trim().split('\n')));
    writeFileSync(path.join(dir, 'broken.pdf'), Buffer.from('%PDF-1.4\nnot really'));
    const cfb = Buffer.alloc(2048);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(cfb);
    const encrypted = Buffer.from(cfb);
    Buffer.from('EncryptedPackage', 'utf16le').copy(encrypted, 1024);
    writeFileSync(path.join(dir, 'locked.xlsx'), encrypted);
    writeFileSync(path.join(dir, 'old.xls'), cfb);
    writeFileSync(path.join(dir, 'outlook.pst'), Buffer.concat([Buffer.from('!BDN'), Buffer.alloc(100)]));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds the same patient in ISO-2022-JP, EUC-JP, Shift_JIS quoted-printable mail and a PDF with CMap-encoded text', async () => {
    const run = await cli(['scan', dir, '--json'], {});
    const items = new Map(run.out.split('\n').slice(0, -1).map((l) => JSON.parse(l) as { item: string; persons: number; kinds: Record<string, number>; parts: Array<{ status: string; reason?: string }> }).map((i) => [path.basename(i.item), i]));
    for (const name of ['jis.eml', 'euc.eml', 'sjis-qp.eml', '紹介状.pdf']) {
      expect(items.get(name), name).toMatchObject({ persons: 1, kinds: { name: 1, birth_date: 1, diagnosis: 1 } });
    }
    expect(items.get('broken.pdf')?.parts[0]?.status).toBe('unreadable');
    expect(items.get('locked.xlsx')?.parts[0]).toMatchObject({ status: 'encrypted', reason: expect.stringContaining('パスワード付き') as unknown });
    expect(items.get('old.xls')?.parts[0]).toMatchObject({ status: 'unsupported', reason: expect.stringContaining('旧形式') as unknown });
    // A damaged Outlook store is reported, never fatal (a readable one is read message by message: test/cli/pst.test.ts).
    expect(JSON.stringify(items.get('outlook.pst'))).toContain('unreadable');
  });
});
