import JSZip from 'jszip';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { markZipEncrypted } from '../../src/services/mail/synthetic-mime.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const subject = (s: string) => `=?UTF-8?B?${b64(s)}?=`;

function eml(headers: string, body: string, attachments: Array<{ name: string; data: Buffer }> = []): string {
  if (attachments.length === 0) return `${headers}MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: base64\n\n${b64(body)}\n`;
  const parts = [`--b\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: base64\n\n${b64(body)}`, ...attachments.map((a) => `--b\nContent-Type: application/octet-stream; name="${a.name}"\nContent-Disposition: attachment; filename="${a.name}"\nContent-Transfer-Encoding: base64\n\n${a.data.toString('base64')}`)];
  return `${headers}MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b"\n\n${parts.join('\n')}\n--b--\n`;
}

describe('mamori mail analyze', () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'mamori-analyze-'));
    writeFileSync(path.join(dir, 'staff.csv'), 'name,name_kana,email,department,name_romaji\n見本 太郎,ミホン タロウ,doctor@hospital.example.jp,内科,Taro Mihon\n');
    mkdirSync(path.join(dir, 'history'));
    writeFileSync(path.join(dir, 'history', 'sent.eml'), eml(`From: doctor@hospital.example.jp\nTo: partner@clinic.example.com\nSubject: ${subject('紹介状の件')}\nMessage-ID: <t1@hospital.example.jp>\n`, '先日の紹介状の件、よろしくお願いいたします。'));
    mkdirSync(path.join(dir, 'inbox'));
    const zip = new JSZip();
    zip.file('請求書.doc', 'x');
    const encrypted = markZipEncrypted(await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    writeFileSync(
      path.join(dir, 'inbox', '1-hijack.eml'),
      eml(`From: ${subject('見本 太郎')} <mihon.taro@evil.example.net>\nTo: partner@clinic.example.com\nSubject: ${subject('Re: 紹介状の件')}\nIn-Reply-To: <t1@hospital.example.jp>\nMessage-ID: <x1@evil.example.net>\n`, 'Please check the attached file urgently.\nPassword: 8kd93j\n\n> 先日の紹介状の件、よろしくお願いいたします。', [{ name: 'document.zip', data: encrypted }]),
    );
    writeFileSync(path.join(dir, 'inbox', '2-genuine.eml'), eml(`From: partner@clinic.example.com\nTo: doctor@hospital.example.jp\nSubject: ${subject('Re: 紹介状の件')}\nIn-Reply-To: <t1@hospital.example.jp>\nMessage-ID: <g1@clinic.example.com>\n`, '承知いたしました。\n\n> 先日の紹介状の件'));
    const lnkZip = new JSZip();
    lnkZip.file('invoice.pdf.lnk', 'x');
    writeFileSync(
      path.join(dir, 'inbox', '3-lookalike.eml'),
      `From: info@hospita1.example.jp\nTo: doctor@hospital.example.jp\nSubject: notice\nMessage-ID: <l1@hospita1.example.jp>\nAuthentication-Results: mx.hospital.example.jp; spf=fail; dmarc=fail header.from=hospita1.example.jp\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b"\n\n--b\nContent-Type: text/html; charset=UTF-8\n\n<p><a href="http://203.0.113.5/login">https://www.hospital.example.jp/login</a></p>\n--b\nContent-Type: application/zip; name="x.zip"\nContent-Disposition: attachment; filename="x.zip"\nContent-Transfer-Encoding: base64\n\n${(await lnkZip.generateAsync({ type: 'nodebuffer' })).toString('base64')}\n--b--\n`,
    );
    const docm = new JSZip();
    docm.file('word/document.xml', '<w:document/>');
    docm.file('word/vbaProject.bin', 'VBA');
    writeFileSync(path.join(dir, 'inbox', '4-macro.eml'), eml(`From: someone@example.org\nTo: doctor@hospital.example.jp\nSubject: ${subject('見積書')}\nMessage-ID: <m1@example.org>\n`, '見積書を送ります。', [{ name: '見積書.doc', data: await docm.generateAsync({ type: 'nodebuffer' }) }]));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('flags the Emotet-style hijacked reply, passes the genuine reply, and explains every reason', async () => {
    const run = await cli(['mail', 'analyze', '--staff', path.join(dir, 'staff.csv'), '--domain', 'hospital.example.jp', '--history', path.join(dir, 'history'), path.join(dir, 'inbox'), '--json'], {});
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    const lines = run.out.split('\n').map((l) => JSON.parse(l) as { item: string; message_id: string; from: string; verdict: string; score: number; reasons: Array<{ code: string; text: string }>; indicators: { attachments: Array<{ sha256: string }>; urls: string[] } });
    const by = new Map(lines.map((l) => [path.basename(l.item), l]));
    const hijack = by.get('1-hijack.eml');
    expect(hijack?.verdict).toBe('危険');
    expect(hijack?.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(['display_name_staff', 'reply_hijack', 'language_switch', 'encrypted_archive']));
    expect(hijack?.reasons.find((r) => r.code === 'display_name_staff')?.text).toContain('見本 太郎');
    expect(hijack?.indicators.attachments[0]?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(by.get('2-genuine.eml')).toMatchObject({ verdict: '安全', score: 0 });
    const look = by.get('3-lookalike.eml');
    expect(look?.verdict).toBe('危険');
    expect(look?.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(['lookalike_domain', 'link_mismatch', 'ip_link', 'dmarc_fail', 'shortcut_attachment']));
    expect(by.get('4-macro.eml')?.reasons.map((r) => r.code)).toContain('macro_attachment');
  });
});
