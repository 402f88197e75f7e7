import { describe, expect, it } from 'vitest';
import { analyzeMessage, signalContext } from './analyze.js';
import type { StaffEntry } from './display-name.js';
import type { MessageFacts } from './message-facts.js';
import { indexRecord, ThreadIndex } from './thread-index.js';

const STAFF: StaffEntry[] = [
  { name: '山田 太郎', nameKana: 'ヤマダ タロウ', nameRomaji: '', email: 'yamada@hospital.example.jp', department: '内科' },
  { name: '佐藤 健一', nameKana: 'サトウ ケンイチ', nameRomaji: 'Kenichi Sato', email: 'sato@hospital.example.jp', department: '外科' },
];
const DOMAINS = ['hospital.example.jp'];

function facts(over: Partial<MessageFacts>): MessageFacts {
  return { messageId: '<m@x>', at: null, fromName: '', fromAddress: 'suzuki@clinic.example.com', replyTo: [], recipients: ['yamada@hospital.example.jp'], subject: 'ご連絡', inReplyTo: [], text: 'よろしくお願いいたします。', links: [], attachments: [], auth: null, ...over };
}

/** A Japanese thread between 山田 and 鈴木 (clinic), as the hospital's own mail shows it. */
function index(): ThreadIndex {
  const ix = new ThreadIndex();
  ix.add(indexRecord({ messageId: '<t1@hospital.example.jp>', inReplyTo: [], fromName: '山田 太郎', fromAddress: 'yamada@hospital.example.jp', addresses: [{ address: 'suzuki@clinic.example.com', name: '鈴木 一郎' }], subject: '紹介状の件', text: '先日ご紹介いただいた患者様の件でご連絡いたします。\n検査結果を添付いたしますのでご確認ください。' }));
  ix.add(indexRecord({ messageId: '<t2@clinic.example.com>', inReplyTo: ['<t1@hospital.example.jp>'], fromName: '鈴木 一郎', fromAddress: 'suzuki@clinic.example.com', addresses: [{ address: 'yamada@hospital.example.jp', name: '山田 太郎' }], subject: 'Re: 紹介状の件', text: '承知いたしました。来週の外来でお待ちしております。' }));
  ix.add(indexRecord({ messageId: '<p1@gmail.example>', inReplyTo: [], fromName: '山田 太郎', fromAddress: 'taro.private@gmail.example', addresses: [{ address: 'yamada@hospital.example.jp', name: '' }], subject: '資料', text: '自宅から資料を送ります。' }));
  for (let i = 0; i < 3; i += 1) ix.add(indexRecord({ messageId: `<c${i}@clinic.example.com>`, inReplyTo: [], fromName: '鈴木 一郎', fromAddress: 'suzuki@clinic.example.com', addresses: [], subject: '連絡', text: 'ご連絡です。' }));
  return ix;
}

function codes(over: Partial<MessageFacts>): string[] {
  return analyzeMessage(facts(over), signalContext(STAFF, DOMAINS, index())).reasons.map((r) => r.code);
}

describe('display-name signal', () => {
  it('flags a staff name in kanji, kana or romaji (any order, long vowels) before an outside address', () => {
    for (const name of ['山田 太郎', '山田太郎（内科）', 'ヤマダ　タロウ', 'Taro Yamada', 'YAMADA Tarou', 'Sato, Kenichi', '佐藤健一 先生']) {
      expect(codes({ fromName: name, fromAddress: 'x1@evil.example.net' }), name).toContain('display_name_staff');
    }
    const r = analyzeMessage(facts({ fromName: '山田 太郎', fromAddress: 'x1@evil.example.net' }), signalContext(STAFF, DOMAINS, index()));
    expect(r.verdict).toBe('危険');
    expect(r.reasons[0]?.text).toContain('山田 太郎');
  });
  it("flags a namesake at a partner's unknown address too (free-mail providers are partners as well; ADR 0011)", () => {
    const r = analyzeMessage(facts({ fromName: '山田 太郎', fromAddress: 'taro@clinic.example.com' }), signalContext(STAFF, DOMAINS, index()));
    expect(r.verdict).toBe('危険');
  });
  it('does not flag the staff member from the hospital domain, a known private address, or another name', () => {
    expect(codes({ fromName: '山田 太郎', fromAddress: 'yamada@hospital.example.jp' })).toEqual([]);
    expect(codes({ fromName: '山田 太郎', fromAddress: 'taro.private@gmail.example' })).toEqual(['display_name_staff_known']);
    expect(codes({ fromName: '山田 次郎', fromAddress: 'x@evil.example.net' })).toEqual([]);
    expect(codes({ fromName: 'Yamada', fromAddress: 'x@evil.example.net' })).toEqual([]);
  });
  it("flags a correspondent's name on an address they never used, and an address written into the name", () => {
    expect(codes({ fromName: '鈴木 一郎', fromAddress: 'suzuki.i@evil.example.net' })).toContain('display_name_correspondent');
    expect(codes({ fromName: '鈴木 一郎', fromAddress: 'ichiro@clinic.example.com' })).toEqual(['display_name_correspondent']);
    expect(analyzeMessage(facts({ fromName: '鈴木 一郎', fromAddress: 'ichiro@clinic.example.com' }), signalContext(STAFF, DOMAINS, index())).verdict).toBe('安全');
    expect(codes({ fromName: 'yamada@hospital.example.jp', fromAddress: 'x@evil.example.net' })).toContain('display_name_address');
  });
});

describe('look-alike domain signal', () => {
  it("flags imitations of the hospital's and a frequent correspondent's domain", () => {
    for (const d of ['hospita1.example.jp', 'hosp1tal.example.jp', 'hospital-example.jp', 'hospital.example.jp.login.example.com', 'xn--hspital-9ig.example.jp']) {
      expect(codes({ fromAddress: `info@${d}` }), d).toContain('lookalike_domain');
    }
    expect(codes({ fromAddress: 'suzuki@c1inic.example.com' })).toContain('lookalike_domain');
  });
  it('leaves unrelated, own and known domains alone', () => {
    expect(codes({ fromAddress: 'info@vendor.example.org' })).toEqual([]);
    expect(codes({ fromAddress: 'info@mail.hospital.example.jp' })).toEqual([]);
    expect(codes({ fromAddress: 'suzuki@clinic.example.com' })).toEqual([]);
  });
  it('notes a Reply-To elsewhere and flags a look-alike Reply-To', () => {
    expect(codes({ replyTo: ['x@other.example.net'] })).toEqual(['reply_to_mismatch']);
    expect(codes({ replyTo: ['x@hospita1.example.jp'] })).toEqual(['lookalike_reply_to']);
  });
});

describe('reply-hijack and language-switch signals', () => {
  it('flags a reply to a known thread from a non-participant, with English new text', () => {
    const c = codes({ fromAddress: 'x@evil.example.net', subject: 'RE: 紹介状の件', inReplyTo: ['<t2@clinic.example.com>'], text: 'Please see the attached invoice and confirm today.\n\n> 承知いたしました。' });
    expect(c).toEqual(expect.arrayContaining(['reply_hijack', 'language_switch']));
  });
  it('passes the participant and only notes a colleague of a participant', () => {
    expect(codes({ fromAddress: 'suzuki@clinic.example.com', subject: 'Re: 紹介状の件', inReplyTo: ['<t1@hospital.example.jp>'], text: '承知しました。' })).toEqual([]);
    expect(codes({ fromAddress: 'tanaka@clinic.example.com', subject: 'Re: 紹介状の件', inReplyTo: ['<t1@hospital.example.jp>'], text: '鈴木に代わりご返信します。' })).toEqual(['reply_new_participant']);
  });
  it('recognises a real thread from copied quoted text when the reply cites no Message-ID', () => {
    const text = 'ご確認ください。\n\n> 先日ご紹介いただいた患者様の件でご連絡いたします。\n> 検査結果を添付いたしますのでご確認ください。';
    expect(codes({ fromAddress: 'x@evil.example.net', subject: 'Re: 紹介状の件', text })).toContain('quoted_text_copied');
    expect(codes({ fromAddress: 'x@evil.example.net', subject: 'Re: 別件', text: 'ご確認ください。\n> まったく別の話題についての引用文です。' })).toEqual(['fake_reply']);
  });
  it('does not call an English newsletter or an English reply to an English thread a language switch', () => {
    expect(codes({ subject: 'Product update', text: 'Our new catalogue is available. Please visit our website for details.' })).toEqual([]);
    expect(codes({ subject: 'Re: meeting', inReplyTo: ['<unknown@x>'], text: 'Thanks, see you on Monday at the conference.\n> Shall we meet on Monday?' })).toEqual([]);
  });
  it('treats English over a copied Japanese signature as a switch', () => {
    expect(codes({ subject: 'Re: 紹介状の件', inReplyTo: ['<t1@hospital.example.jp>'], fromAddress: 'suzuki@clinic.example.com', text: 'Please open the file and enable content.\n-- \n鈴木 一郎\n架空クリニック' })).toEqual(['language_switch']);
  });
});

describe('attachment signal', () => {
  const att = (filename: string, flags: MessageFacts['attachments'][number]['flags'] = []) => ({ filename, sha256: 'a'.repeat(64), size: 10, flags });
  it.each([
    ['invoice.exe', 'executable_attachment'],
    ['run.ps1', 'executable_attachment'],
    ['a.hta', 'executable_attachment'],
    ['請求書.pdf.lnk', 'shortcut_attachment'],
    ['disk.iso', 'disk_image_attachment'],
    ['x.vhd', 'disk_image_attachment'],
    ['note.one', 'onenote_attachment'],
    ['見積.xlsm', 'macro_attachment'],
  ])('%s → %s', (name, code) => {
    expect(codes({ attachments: [att(name)] })).toContain(code);
  });
  it('reads flags from inspection: macro, encrypted (password in body), padded, nested, unreadable', () => {
    expect(codes({ attachments: [att('見積.doc', ['macro'])] })).toEqual(['macro_attachment']);
    expect(codes({ attachments: [att('a.zip', ['encrypted_archive'])], text: '解凍パスワード：Xk82pq' })).toEqual(['encrypted_archive']);
    const r = analyzeMessage(facts({ attachments: [att('a.zip', ['encrypted_archive'])], text: 'パスワードは別途お送りします' }), signalContext(STAFF, DOMAINS, index()));
    expect(r.reasons[0]?.weight).toBe(30);
    expect(codes({ attachments: [att('a.zip', ['huge_declared_size'])] })).toEqual(['padded_archive']);
    expect(codes({ attachments: [att('a.zip', ['nested_archive'])] })).toEqual(['nested_archive']);
    expect(codes({ attachments: [att('a.zip', ['unreadable'])] })).toEqual(['unreadable_attachment']);
    expect(codes({ attachments: [att('report\u202Efdp.exe')] })).toEqual(expect.arrayContaining(['rtlo_filename', 'executable_attachment']));
  });
  it('adds weight to active content from a stranger, not from a known partner', () => {
    expect(codes({ fromAddress: 'stranger@unknown.example.net', attachments: [att('a.zip', ['encrypted_archive'])], text: 'パスワード：Xk82pq' })).toEqual(['encrypted_archive', 'first_contact_active_content']);
    expect(codes({ fromAddress: 'stranger@unknown.example.net', attachments: [att('紹介状.pdf')] })).toEqual([]);
    expect(codes({ attachments: [att('a.zip', ['encrypted_archive'])], text: 'パスワード：Xk82pq' })).toEqual(['encrypted_archive']);
  });
  it('passes ordinary documents', () => {
    expect(codes({ attachments: [att('紹介状.pdf'), att('結果.xlsx'), att('写真.jpg'), att('議事録.docx')] })).toEqual([]);
  });
});

describe('link signal', () => {
  it('flags text/href mismatch, raw IPs and look-alike hosts once each', () => {
    expect(codes({ links: [{ text: 'https://www.hospital.example.jp/login', href: 'http://203.0.113.9/login' }, { text: 'x', href: 'http://203.0.113.10/' }] })).toEqual(['link_mismatch', 'ip_link']);
    expect(codes({ links: [{ text: 'こちら', href: 'https://hospital-example.jp.portal.example/' }] })).toEqual(['lookalike_link']);
  });
  it('passes matching links and redirects within the shown host', () => {
    expect(codes({ links: [{ text: 'https://www.mhlw.go.jp/', href: 'https://www.mhlw.go.jp/stf/index.html' }, { text: 'www.example.org', href: 'https://news.www.example.org/x' }] })).toEqual([]);
  });
});

describe('authentication signal', () => {
  it('weighs DMARC over SPF and adds DKIM failures; pass says nothing', () => {
    expect(codes({ auth: { source: 'mailauth', authservId: null, spf: 'fail', dkim: 'fail', dmarc: 'fail', arc: null } })).toEqual(['dmarc_fail', 'dkim_fail']);
    expect(codes({ auth: { source: 'mta_header', authservId: 'mx', spf: 'softfail', dkim: null, dmarc: 'none', arc: 'fail' } })).toEqual(['spf_fail', 'arc_fail']);
    expect(codes({ auth: { source: 'mailauth', authservId: null, spf: 'pass', dkim: 'pass', dmarc: 'pass', arc: 'pass' } })).toEqual([]);
  });
});
