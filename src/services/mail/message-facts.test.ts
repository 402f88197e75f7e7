import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildMessage, encode, markZipEncrypted, mimeWord, zipOf } from './synthetic-mime.js';
import { parseMessage } from './message-facts.js';

const attach = (name: string, data: Buffer) => [{ name, type: 'application/octet-stream', data }];

/** A zip whose single entry inflates to `size` zero bytes (a real bomb, small on the wire). */
function zeroBomb(name: string, size: number): Buffer {
  const data = deflateRawSync(Buffer.alloc(size), { level: 9 });
  const nameBuf = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(size, 22);
  local.writeUInt16LE(nameBuf.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(size, 24);
  central.writeUInt16LE(nameBuf.length, 28);
  const cdOffset = local.length + nameBuf.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + nameBuf.length, 12);
  end.writeUInt32LE(cdOffset, 16);
  return Buffer.concat([local, nameBuf, data, central, nameBuf, end]);
}

describe('message facts from real-world style MIME', () => {
  it('reads ISO-2022-JP subjects, names and bodies, and Shift_JIS bodies', async () => {
    const raw = buildMessage([`From: ${mimeWord('山田 太郎', 'ISO-2022-JP')} <yamada@hospital.example.jp>`, 'To: suzuki@clinic.example.com', `Subject: ${mimeWord('Re: 紹介状の件', 'ISO-2022-JP')}`, 'Message-ID: <a@x>', 'In-Reply-To: <t1@x>', 'References: <t0@x> <t1@x>'], { text: '承知しました。ﾃｽﾄ', charset: 'ISO-2022-JP' });
    const p = await parseMessage(Buffer.from(raw));
    expect(p?.facts).toMatchObject({ fromName: '山田 太郎', subject: 'Re: 紹介状の件', inReplyTo: ['<t1@x>', '<t0@x>'] });
    expect(p?.facts.text).toContain('承知しました。テスト');
    const sjis = Buffer.concat([Buffer.from('From: a@x.example\nSubject: =?Shift_JIS?B?' + encode('検査結果', 'Shift_JIS').toString('base64') + '?=\nContent-Type: text/plain; charset=Shift_JIS\nContent-Transfer-Encoding: 8bit\n\n'), encode('結果をお送りします', 'Shift_JIS')]);
    expect((await parseMessage(sjis))?.facts).toMatchObject({ subject: '検査結果', text: expect.stringContaining('結果をお送りします') as unknown });
  });
  it('survives broken headers: no From, a line without a colon, an unterminated encoded word, a bad date', async () => {
    const raw = Buffer.from('This line has no colon\nSubject: =?UTF-8?B?5qSc5p+7\nDate: yesterday-ish\nContent-Type: multipart/mixed; boundary="never-closed"\n\n--never-closed\nContent-Type: text/plain\n\nhello\n');
    const p = await parseMessage(raw);
    expect(p).not.toBeNull();
    expect(p?.facts).toMatchObject({ fromAddress: '', at: null });
    expect(p?.facts.text).toContain('hello');
  });
});

describe('attachment inspection is bounded', () => {
  it('flags a 600 MB zip bomb without inflating it: time and memory stay small', async () => {
    const bomb = zeroBomb('請求書.doc', 600 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const before = process.memoryUsage().rss;
    const t0 = Date.now();
    const p = await parseMessage(Buffer.from(buildMessage(['From: x@evil.example', 'Subject: invoice'], { text: 'see attached' }, attach('invoice.zip', bomb))));
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
    expect(p?.facts.attachments[0]?.flags).toContain('huge_declared_size');
  });
  it('flags an encrypted zip and reads names inside nested archives', async () => {
    const enc = markZipEncrypted(await zipOf([{ name: 'a.doc', data: 'x' }]));
    const nested = await zipOf([{ name: 'inner.zip', data: await zipOf([{ name: 'invoice.pdf.lnk', data: 'x' }]) }]);
    const p = await parseMessage(Buffer.from(buildMessage(['From: x@evil.example', 'Subject: s'], { text: 't' }, [...attach('enc.zip', enc), ...attach('outer.zip', nested)])));
    const files = p?.facts.attachments ?? [];
    expect(files.find((f) => f.filename === 'enc.zip')?.flags).toContain('encrypted_archive');
    expect(files.find((f) => f.filename === 'outer.zip')?.flags).toContain('nested_archive');
    expect(files.map((f) => f.filename)).toContain('outer.zip/inner.zip/invoice.pdf.lnk');
  });
  it('reports a corrupt zip as unreadable instead of failing', async () => {
    const broken = Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(100, 0xff)]);
    const p = await parseMessage(Buffer.from(buildMessage(['From: x@evil.example', 'Subject: s'], { text: 't' }, attach('x.zip', broken))));
    expect(p?.facts.attachments[0]?.flags).toContain('unreadable');
  });
});
