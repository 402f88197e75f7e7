/**
 * A synthetic Japanese hospital's mail with ground truth, for `mamori mail generate`, bench/mail-eval
 * and bench/mail-analyze. The hospital's own history (threads between staff and outside partners,
 * internal mail, staff writing from known private addresses, an English-speaking partner) builds
 * the thread index; the inbound set mixes legitimate mail — including the hard negatives (a
 * colleague of a partner joining a thread, PPAP from a partner, English newsletters, a partner who
 * shares a staff member's name) — with the attacks of the real incidents: hijacked replies in
 * English and Japanese, copied-quote replies, staff-name impersonation, look-alike domains, every
 * dangerous attachment class and deceptive links. All people and domains are invented.
 */
import { IPADIC_GIVEN_NAMES, IPADIC_SURNAMES } from '../../core/pii/data/ipadic-names.data.js';
import { intIn, mulberry32, pickFrom, type Rng } from '../../core/seeded-random.js';
import type { StaffEntry } from '../../core/mail/display-name.js';
import { address, buildMessage, macroOoxml, markZipEncrypted, mimeWord, oleWithVba, padDeclaredSize, zipOf, type Attachment, type Charset } from './synthetic-mime.js';

export const HOSPITAL_DOMAIN = 'mihon-hospital.example.jp';

export const ATTACK_TYPES = ['hijack_reply_en', 'hijack_reply_ja', 'hijack_quote_only', 'staff_impersonation', 'lookalike_hospital', 'lookalike_partner', 'attachment', 'phishing_link'] as const;
export type AttackType = (typeof ATTACK_TYPES)[number];
export const ATTACHMENT_CLASSES = ['exe', 'scr', 'js', 'vbs', 'hta', 'bat', 'ps1', 'lnk', 'iso', 'img', 'vhd', 'one', 'docm', 'xlsm', 'xls_vba', 'encrypted_zip', 'padded_zip', 'nested_zip', 'lnk_in_zip'] as const;
export type AttachmentClass = (typeof ATTACHMENT_CLASSES)[number];
export const LEGIT_TYPES = ['reply', 'new_from_partner', 'colleague_joins', 'staff_private', 'newsletter_en', 'newsletter_ja', 'english_thread', 'ppap', 'internal', 'homonym', 'first_contact'] as const;
export type LegitType = (typeof LEGIT_TYPES)[number];

export interface InboundLabel {
  index: number;
  message_id: string;
  attack: boolean;
  type: AttackType | LegitType;
  /** For attachment attacks (and the payload of the others). */
  attachment_class: AttachmentClass | null;
}

export interface MailGeneratorOptions {
  seed: number;
  staff: number;
  /** Threads in the hospital's history. */
  threads: number;
  /** Inbound messages to judge. */
  inbound: number;
  /** Share of inbound messages that are attacks (default 0.15). */
  attackShare?: number;
}

interface Person {
  family: string;
  given: string;
  familyKana: string;
  givenKana: string;
  familyRomaji: string;
  givenRomaji: string;
  email: string;
  english?: boolean;
}

interface Org {
  name: string;
  domain: string;
  people: Person[];
  english: boolean;
}

interface HistoryMessage {
  id: string;
  from: Person;
  to: Person[];
  subject: string;
  text: string;
}

interface Thread {
  subject: string;
  staff: Person;
  org: Org | null;
  outside: Person[];
  messages: HistoryMessage[];
  english: boolean;
}

const SURNAMES: ReadonlyArray<[string, string, string]> = [
  ['佐藤', 'サトウ', 'Sato'], ['鈴木', 'スズキ', 'Suzuki'], ['高橋', 'タカハシ', 'Takahashi'], ['田中', 'タナカ', 'Tanaka'], ['伊藤', 'イトウ', 'Ito'], ['渡辺', 'ワタナベ', 'Watanabe'], ['山本', 'ヤマモト', 'Yamamoto'], ['中村', 'ナカムラ', 'Nakamura'], ['小林', 'コバヤシ', 'Kobayashi'], ['加藤', 'カトウ', 'Kato'],
  ['吉田', 'ヨシダ', 'Yoshida'], ['山田', 'ヤマダ', 'Yamada'], ['佐々木', 'ササキ', 'Sasaki'], ['山口', 'ヤマグチ', 'Yamaguchi'], ['松本', 'マツモト', 'Matsumoto'], ['井上', 'イノウエ', 'Inoue'], ['木村', 'キムラ', 'Kimura'], ['清水', 'シミズ', 'Shimizu'], ['山崎', 'ヤマザキ', 'Yamazaki'], ['池田', 'イケダ', 'Ikeda'],
  ['橋本', 'ハシモト', 'Hashimoto'], ['阿部', 'アベ', 'Abe'], ['石川', 'イシカワ', 'Ishikawa'], ['前田', 'マエダ', 'Maeda'], ['藤田', 'フジタ', 'Fujita'], ['後藤', 'ゴトウ', 'Goto'], ['近藤', 'コンドウ', 'Kondo'], ['村上', 'ムラカミ', 'Murakami'], ['遠藤', 'エンドウ', 'Endo'], ['青木', 'アオキ', 'Aoki'],
  ['坂本', 'サカモト', 'Sakamoto'], ['福田', 'フクダ', 'Fukuda'], ['太田', 'オオタ', 'Ota'], ['西村', 'ニシムラ', 'Nishimura'], ['藤井', 'フジイ', 'Fujii'], ['岡本', 'オカモト', 'Okamoto'], ['三浦', 'ミウラ', 'Miura'], ['原田', 'ハラダ', 'Harada'], ['竹内', 'タケウチ', 'Takeuchi'], ['小野', 'オノ', 'Ono'],
  ['見本', 'ミホン', 'Mihon'], ['架空', 'カクウ', 'Kakuu'], ['四月一日', 'ワタヌキ', 'Watanuki'], ['小鳥遊', 'タカナシ', 'Takanashi'], ['勅使河原', 'テシガワラ', 'Teshigawara'],
];
const GIVEN: ReadonlyArray<[string, string, string]> = [
  ['太郎', 'タロウ', 'Taro'], ['一郎', 'イチロウ', 'Ichiro'], ['健一', 'ケンイチ', 'Kenichi'], ['翔太', 'ショウタ', 'Shota'], ['大輔', 'ダイスケ', 'Daisuke'], ['直樹', 'ナオキ', 'Naoki'], ['誠', 'マコト', 'Makoto'], ['浩', 'ヒロシ', 'Hiroshi'], ['隆', 'タカシ', 'Takashi'], ['学', 'マナブ', 'Manabu'],
  ['花子', 'ハナコ', 'Hanako'], ['美咲', 'ミサキ', 'Misaki'], ['陽子', 'ヨウコ', 'Yoko'], ['恵子', 'ケイコ', 'Keiko'], ['由美', 'ユミ', 'Yumi'], ['裕子', 'ユウコ', 'Yuko'], ['直子', 'ナオコ', 'Naoko'], ['真由美', 'マユミ', 'Mayumi'], ['さくら', 'サクラ', 'Sakura'], ['葵', 'アオイ', 'Aoi'],
  ['結衣', 'ユイ', 'Yui'], ['陽菜', 'ヒナ', 'Hina'], ['蓮', 'レン', 'Ren'], ['湊', 'ミナト', 'Minato'], ['悠真', 'ユウマ', 'Yuma'], ['和子', 'カズコ', 'Kazuko'], ['幸子', 'サチコ', 'Sachiko'], ['清', 'キヨシ', 'Kiyoshi'], ['勇', 'イサム', 'Isamu'], ['修', 'オサム', 'Osamu'],
];
const OUTSIDE_SURNAMES = IPADIC_SURNAMES.split(' ');
const OUTSIDE_GIVEN = IPADIC_GIVEN_NAMES.split(' ');
const ENGLISH_NAMES = ['John Miller', 'Sarah Johnson', 'David Brown', 'Emily Davis', 'Michael Wilson', 'Laura Taylor'];
const DEPTS = ['内科', '外科', '小児科', '整形外科', '看護部', '薬剤部', '放射線科', '医事課', '総務課', '情報システム室', '地域連携室'];
const ORG_KINDS = ['クリニック', '医院', '病院', '薬局', '検査センター', 'メディカル', '医療機器'];
const ORG_WORDS = ['あおば', 'さくら', 'みどり', 'ひかり', 'やまびこ', 'つばさ', 'はなみずき', 'かえで', 'すみれ', 'ふたば', 'いずみ', 'あさひ', 'こすもす', 'なぎさ', 'わかば'];
const ORG_ROMAJI: Readonly<Record<string, string>> = { あおば: 'aoba', さくら: 'sakura', みどり: 'midori', ひかり: 'hikari', やまびこ: 'yamabiko', つばさ: 'tsubasa', はなみずき: 'hanamizuki', かえで: 'kaede', すみれ: 'sumire', ふたば: 'futaba', いずみ: 'izumi', あさひ: 'asahi', こすもす: 'cosmos', なぎさ: 'nagisa', わかば: 'wakaba' };
const KIND_ROMAJI: Readonly<Record<string, string>> = { クリニック: 'clinic', 医院: 'iin', 病院: 'hp', 薬局: 'pharmacy', 検査センター: 'lab', メディカル: 'medical', 医療機器: 'device' };
const SUBJECTS = ['紹介状の件', '検査結果のご報告', '診療情報提供書について', '外来予約の調整', '保守作業の日程', '会議資料の送付', '見積書の送付', '退院調整のご相談', '医療機器の点検', '研修会のご案内', '請求書の送付', '薬剤の納品について', '画像データの受け渡し', '委員会議事録', '当直表の確認'];
const EN_SUBJECTS = ['Clinical trial update', 'Equipment service schedule', 'Conference registration', 'Shipment notice'];
const FREEMAIL = ['freemail.example', 'webmail.example.net', 'mobile.example.ne.jp'];
const ATTACKER_DOMAINS = ['mail-server.example.ru', 'bizmail.example.br', 'host-231.example.vn', 'smtp.example.in', 'webhost.example.co', 'secure-mailer.example.org'];

export class MailGenerator {
  readonly #r: Rng;
  readonly #opts: MailGeneratorOptions;
  readonly staff: Person[] = [];
  readonly #staffDept = new Map<Person, string>();
  readonly #privateAddr = new Map<Person, string>();
  readonly orgs: Org[] = [];
  readonly #threads: Thread[] = [];
  #n = 0;

  constructor(opts: MailGeneratorOptions) {
    this.#opts = opts;
    this.#r = mulberry32(opts.seed);
    const used = new Set<string>();
    for (let i = 0; i < opts.staff; i += 1) {
      const p = this.#person(used, (f, g) => `${g.toLowerCase()}.${f.toLowerCase()}${used.size}@${HOSPITAL_DOMAIN}`);
      this.staff.push(p);
      this.#staffDept.set(p, pickFrom(this.#r, DEPTS));
      if (this.#r() < 0.1) this.#privateAddr.set(p, `${p.givenRomaji.toLowerCase()}${intIn(this.#r, 10, 99)}@${pickFrom(this.#r, FREEMAIL)}`);
    }
    for (let i = 0; i < Math.max(8, Math.round(opts.staff / 4)); i += 1) {
      const word = ORG_WORDS[i % ORG_WORDS.length] ?? 'aoba';
      const kind = ORG_KINDS[Math.floor(i / ORG_WORDS.length) % ORG_KINDS.length] ?? 'クリニック';
      const english = i % 17 === 16;
      const domain = english ? `${['globalmed', 'biotrial', 'medequip'][i % 3] ?? 'globalmed'}${i}.example.com` : `${ORG_ROMAJI[word] ?? 'org'}-${KIND_ROMAJI[kind] ?? 'org'}${i >= ORG_WORDS.length ? i : ''}.example.${i % 3 === 0 ? 'jp' : i % 3 === 1 ? 'co.jp' : 'or.jp'}`;
      const people: Person[] = [];
      for (let k = 0; k < intIn(this.#r, 2, 4); k += 1) {
        if (english) {
          const [given = 'John', family = 'Miller'] = (pickFrom(this.#r, ENGLISH_NAMES)).split(' ');
          people.push({ family, given, familyKana: '', givenKana: '', familyRomaji: family, givenRomaji: given, email: `${given.toLowerCase()}.${family.toLowerCase()}${k}@${domain}`, english: true });
        } else {
          people.push(this.#person(used, (f, g) => `${f.toLowerCase()}${k > 0 ? `.${g.toLowerCase()[0] ?? ''}` : ''}@${domain}`));
        }
      }
      this.orgs.push({ name: english ? `${domain.split('.')[0] ?? ''} Inc.` : `${word}${kind}`, domain, people, english });
    }
    // A partner who shares a staff member's name (a homonym, known from the history).
    const homonymOrg = this.orgs[1];
    const homonymOf = this.staff[2];
    if (homonymOrg && homonymOf) homonymOrg.people.push({ ...homonymOf, email: `${homonymOf.familyRomaji.toLowerCase()}.${homonymOf.givenRomaji.toLowerCase()}@${homonymOrg.domain}` });
  }

  #person(used: Set<string>, mail: (familyRomaji: string, givenRomaji: string) => string): Person {
    for (;;) {
      const [family, familyKana, familyRomaji] = pickFrom(this.#r, SURNAMES);
      const [given, givenKana, givenRomaji] = pickFrom(this.#r, GIVEN);
      const key = family + given;
      if (used.has(key) && used.size < SURNAMES.length * GIVEN.length * 0.8) continue;
      used.add(key);
      return { family, given, familyKana, givenKana, familyRomaji, givenRomaji, email: mail(familyRomaji, givenRomaji) };
    }
  }

  #name(p: Person): string {
    return p.english ? `${p.given} ${p.family}` : `${p.family} ${p.given}`;
  }

  #id(domain: string): string {
    this.#n += 1;
    return `<${this.#n.toString(36)}.${Math.floor(this.#r() * 1e9).toString(36)}@${domain}>`;
  }

  #date(day: number, hour: number): string {
    const d = new Date(Date.UTC(2026, 9, 1 + day, hour - 9, intIn(this.#r, 0, 59)));
    return d.toUTCString().replace('GMT', '+0000');
  }

  #headers(from: string, to: string, subject: string, id: string, day: number, extra: readonly string[] = [], charset: Charset = 'UTF-8'): string[] {
    return [`From: ${from}`, `To: ${to}`, `Subject: ${mimeWord(subject, charset)}`, `Date: ${this.#date(day, intIn(this.#r, 8, 19))}`, `Message-ID: ${id}`, ...extra];
  }

  #signature(p: Person, org: string): string {
    return `\n-- \n${this.#name(p)}\n${org}\n${p.email}\n`;
  }

  /** A line unique to this message, so copied quotes can be recognised. */
  #body(to: Person, from: Person, org: string, english: boolean, subject: string): string {
    if (english) return `Dear ${to.given},\n\nRegarding ${subject.toLowerCase()}, we have prepared ${intIn(this.#r, 2, 40)} documents for lot ${intIn(this.#r, 1000, 9999)}.\nPlease let us know if the schedule on the ${intIn(this.#r, 1, 28)}th works for you.\n\nBest regards,${this.#signature(from, org)}`;
    const lines = [
      `${to.family}様\n\nいつもお世話になっております。${org}の${from.family}です。`,
      `${subject}について、${intIn(this.#r, 1, 12)}月${intIn(this.#r, 1, 28)}日までに資料${intIn(this.#r, 2, 30)}点をお送りいたします。`,
      pickFrom(this.#r, [`受付番号${intIn(this.#r, 10000, 99999)}でご確認いただけますと幸いです。`, `先日お話しした第${intIn(this.#r, 2, 9)}回の打ち合わせの件も併せてご検討ください。`, `外来の${pickFrom(this.#r, ['火曜', '水曜', '木曜'])}${intIn(this.#r, 9, 16)}時枠で調整しております。`]),
      'どうぞよろしくお願いいたします。',
    ];
    return `${lines.join('\n')}${this.#signature(from, org)}`;
  }

  #quote(text: string): string {
    return text
      .split('\n')
      .map((l) => `> ${l}`)
      .join('\n');
  }

  staffDirectory(): StaffEntry[] {
    return this.staff.map((p) => ({ name: this.#name(p), nameKana: `${p.familyKana} ${p.givenKana}`, nameRomaji: `${p.givenRomaji} ${p.familyRomaji}`, email: p.email, department: this.#staffDept.get(p) ?? '' }));
  }

  staffCsv(): string {
    const rows = this.staffDirectory().map((s) => [s.name, s.nameKana, s.email, s.department].join(','));
    return `name,name_kana,email,department\n${rows.join('\n')}\n`;
  }

  /** The hospital's own mail (mbox entries), which the thread index learns from. */
  *history(): Generator<string> {
    for (let t = 0; t < this.#opts.threads; t += 1) {
      const internal = this.#r() < 0.2;
      const staff = pickFrom(this.#r, this.staff);
      const org = internal ? null : pickFrom(this.#r, this.orgs);
      const outside = internal ? [pickFrom(this.#r, this.staff.filter((s) => s !== staff))] : [pickFrom(this.#r, org?.people ?? [])];
      const english = org?.english ?? false;
      const thread: Thread = { subject: english ? pickFrom(this.#r, EN_SUBJECTS) : pickFrom(this.#r, SUBJECTS), staff, org, outside, messages: [], english };
      const n = intIn(this.#r, 2, 5);
      let prev: HistoryMessage | null = null;
      for (let k = 0; k < n; k += 1) {
        const fromStaff = k % 2 === 0;
        const from = fromStaff ? staff : (outside[0] ?? staff);
        const to = fromStaff ? outside : [staff];
        const orgName = fromStaff || internal ? '架空総合病院' : (org?.name ?? '');
        const subject = k === 0 ? thread.subject : `Re: ${thread.subject}`;
        const id = this.#id(fromStaff ? HOSPITAL_DOMAIN : (org?.domain ?? HOSPITAL_DOMAIN));
        const text = `${this.#body(to[0] ?? staff, from, orgName, english, thread.subject)}${prev ? `\n${this.#quote(prev.text)}` : ''}`;
        const refs = prev ? [`In-Reply-To: ${prev.id}`, `References: ${thread.messages.map((m) => m.id).join(' ')}`] : [];
        const charset: Charset = !english && this.#r() < 0.3 ? 'ISO-2022-JP' : 'UTF-8';
        const msg: HistoryMessage = { id, from, to, subject, text };
        yield this.#mbox(buildMessage(this.#headers(address(this.#name(from), from.email, charset), to.map((p) => address(this.#name(p), p.email, charset)).join(', '), subject, id, intIn(this.#r, 0, 45), refs, charset), { text, charset }));
        thread.messages.push(msg);
        prev = msg;
      }
      this.#threads.push(thread);
    }
    // Staff writing from their private addresses (known to the index under their names).
    for (const [p, addr] of this.#privateAddr) {
      yield this.#mbox(buildMessage(this.#headers(address(this.#name(p), addr), p.email, '自宅からの送付', this.#id(addr.split('@')[1] ?? 'x'), intIn(this.#r, 0, 45)), { text: `自宅から資料を送ります。\n${this.#name(p)}` }));
    }
  }

  #mbox(message: string): string {
    return `From mamori-generator Thu Oct  1 00:00:00 2026\n${message.replace(/^From /gm, '>From ')}\n`;
  }

  async #payload(cls: AttachmentClass): Promise<{ attachments: Attachment[]; password: string | null }> {
    const stem = pickFrom(this.#r, ['請求書', 'invoice', '見積書', '資料', 'document', '検査結果', 'scan']);
    const one = (name: string, data: Buffer, type = 'application/octet-stream') => ({ attachments: [{ name, type, data }], password: null });
    const placeholder = Buffer.from('benign placeholder bytes for evaluation, not executable');
    switch (cls) {
      case 'exe':
      case 'scr':
      case 'js':
      case 'vbs':
      case 'hta':
      case 'bat':
      case 'ps1':
      case 'iso':
      case 'img':
      case 'vhd':
      case 'one':
        return one(`${stem}.${cls}`, placeholder);
      case 'lnk':
        return one(`${stem}.pdf.lnk`, placeholder);
      case 'docm':
        return one(`${stem}.docm`, await macroOoxml('word'));
      case 'xlsm':
        return one(`${stem}.xlsm`, await macroOoxml('xl'));
      case 'xls_vba':
        return one(`${stem}.xls`, oleWithVba(), 'application/vnd.ms-excel');
      case 'encrypted_zip':
        return { attachments: [{ name: `${stem}.zip`, type: 'application/zip', data: markZipEncrypted(await zipOf([{ name: `${stem}.doc`, data: oleWithVba() }])) }], password: `${pickFrom(this.#r, ['Ab', 'Xk', 'Qm'])}${intIn(this.#r, 1000, 9999)}` };
      case 'padded_zip':
        return one(`${stem}.zip`, padDeclaredSize(await zipOf([{ name: `${stem}.doc`, data: Buffer.alloc(64 * 1024) }]), 550 * 1024 * 1024), 'application/zip');
      case 'nested_zip':
        return one(`${stem}.zip`, await zipOf([{ name: `${stem}_2.zip`, data: await zipOf([{ name: `${stem}.doc`, data: placeholder }]) }]), 'application/zip');
      case 'lnk_in_zip':
        return one(`${stem}.zip`, await zipOf([{ name: `${stem}.pdf.lnk`, data: placeholder }]), 'application/zip');
      default: {
        const never: never = cls;
        throw new Error(`unknown class ${String(never)}`);
      }
    }
  }

  #lookalike(domain: string): string {
    const [label = '', ...rest] = domain.split('.');
    const variants = [label.replace(/l/, '1').replace(/o/, '0'), label.replace(/i/, 'l'), `${label}-support`, label.replace(/([a-z])([a-z])/, '$2$1'), `${label}s`];
    const v = pickFrom(this.#r, variants.filter((x) => x !== label));
    return [v, ...rest].join('.');
  }

  /** Inbound messages to judge, each with its label. */
  async *inbound(): AsyncGenerator<{ mbox: string; label: InboundLabel }> {
    if (this.#threads.length === 0) for (const _ of this.history()) void _;
    const attackShare = this.#opts.attackShare ?? 0.15;
    for (let i = 0; i < this.#opts.inbound; i += 1) {
      const attack = this.#r() < attackShare;
      const r = attack ? await this.#attack(i) : await this.#legit(i);
      yield { mbox: this.#mbox(r.message), label: r.label };
    }
  }

  #japaneseThread(): Thread {
    const candidates = this.#threads.filter((t) => !t.english);
    return pickFrom(this.#r, candidates.length > 0 ? candidates : this.#threads);
  }

  async #legit(i: number): Promise<{ message: string; label: InboundLabel }> {
    const type = pickFrom<LegitType>(this.#r, ['reply', 'reply', 'reply', 'new_from_partner', 'new_from_partner', 'internal', 'internal', 'colleague_joins', 'staff_private', 'newsletter_en', 'newsletter_ja', 'english_thread', 'ppap', 'homonym', 'first_contact']);
    const staff = pickFrom(this.#r, this.staff);
    let message: string;
    const id = (d: string) => this.#id(d);
    switch (type) {
      case 'reply':
      case 'colleague_joins':
      case 'english_thread': {
        const thread = type === 'english_thread' ? (this.#threads.find((t) => t.english && this.#r() < 0.5) ?? this.#threads.find((t) => t.english) ?? this.#japaneseThread()) : this.#japaneseThread();
        const last = thread.messages[thread.messages.length - 1];
        const participant = thread.outside[0] ?? thread.staff;
        const from = type === 'colleague_joins' && thread.org ? (thread.org.people.find((p) => p !== participant) ?? participant) : participant;
        const mid = id(from.email.split('@')[1] ?? 'x');
        const orgName = thread.org?.name ?? '架空総合病院';
        const text = `${this.#body(thread.staff, from, orgName, thread.english, thread.subject)}\n${this.#quote(last?.text ?? '')}`;
        message = buildMessage(this.#headers(address(this.#name(from), from.email), address(this.#name(thread.staff), thread.staff.email), `Re: ${thread.subject}`, mid, 50, last ? [`In-Reply-To: ${last.id}`, `References: ${thread.messages.map((m) => m.id).join(' ')}`] : []), { text });
        return { message, label: { index: i, message_id: mid, attack: false, type, attachment_class: null } };
      }
      case 'new_from_partner':
      case 'ppap':
      case 'homonym': {
        const org = type === 'homonym' ? (this.orgs[1] ?? pickFrom(this.#r, this.orgs)) : pickFrom(this.#r, this.orgs.filter((o) => !o.english));
        const from = type === 'homonym' ? (org.people[org.people.length - 1] ?? pickFrom(this.#r, org.people)) : pickFrom(this.#r, org.people);
        const mid = id(org.domain);
        const subject = pickFrom(this.#r, SUBJECTS);
        const attachments: Attachment[] = [];
        let text = this.#body(staff, from, org.name, false, subject);
        if (type === 'ppap') {
          attachments.push({ name: `${subject}.zip`, type: 'application/zip', data: markZipEncrypted(await zipOf([{ name: `${subject}.pdf`, data: '%PDF-1.4' }])) });
          text += `\n解凍パスワード：${pickFrom(this.#r, ['Pw', 'Kz'])}${intIn(this.#r, 1000, 9999)}\n`;
        } else if (this.#r() < 0.5) attachments.push({ name: `${subject}.${pickFrom(this.#r, ['pdf', 'xlsx', 'docx'])}`, type: 'application/octet-stream', data: await zipOf([{ name: 'x.xml', data: '<x/>' }]) });
        message = buildMessage(this.#headers(address(this.#name(from), from.email), address(this.#name(staff), staff.email), subject, mid, 50), { text }, attachments);
        return { message, label: { index: i, message_id: mid, attack: false, type, attachment_class: null } };
      }
      case 'internal': {
        const from = pickFrom(this.#r, this.staff);
        const mid = id(HOSPITAL_DOMAIN);
        const subject = pickFrom(this.#r, SUBJECTS);
        message = buildMessage(this.#headers(address(this.#name(from), from.email), address(this.#name(staff), staff.email), subject, mid, 50), { text: this.#body(staff, from, '架空総合病院', false, subject), charset: this.#r() < 0.3 ? 'ISO-2022-JP' : 'UTF-8' });
        return { message, label: { index: i, message_id: mid, attack: false, type, attachment_class: null } };
      }
      case 'staff_private': {
        const known = [...this.#privateAddr];
        const [p, addr] = known.length > 0 ? pickFrom(this.#r, known) : [staff, staff.email];
        const mid = id(addr.split('@')[1] ?? 'x');
        message = buildMessage(this.#headers(address(this.#name(p), addr), p.email, '資料の件', mid, 50), { text: `自宅から続きの資料を送ります。\n${this.#name(p)}` });
        return { message, label: { index: i, message_id: mid, attack: false, type, attachment_class: null } };
      }
      case 'newsletter_en':
      case 'newsletter_ja': {
        const domain = pickFrom(this.#r, ['news.medical-journal.example.org', 'info.device-maker.example.com', 'seminar.example.or.jp']);
        const mid = id(domain);
        const url = `https://${domain}/issue/${intIn(this.#r, 100, 999)}`;
        const en = type === 'newsletter_en';
        const text = en ? `Monthly newsletter\n\nRead the latest issue: ${url}\nTo unsubscribe, visit https://${domain}/unsubscribe\n` : `医療安全ニュース 第${intIn(this.#r, 10, 99)}号\n\n最新号はこちら：${url}\n配信停止：https://${domain}/unsubscribe\n`;
        message = buildMessage(this.#headers(address(en ? 'Medical Journal' : '医療安全ニュース', `news@${domain}`), staff.email, en ? 'Newsletter November' : '医療安全ニュース11月号', mid, 50), { text, html: `<p><a href="${url}">${url}</a></p>` });
        return { message, label: { index: i, message_id: mid, attack: false, type, attachment_class: null } };
      }
      case 'first_contact': {
        const addr = `family${intIn(this.#r, 100, 999)}@${pickFrom(this.#r, FREEMAIL)}`;
        const mid = id(addr.split('@')[1] ?? 'x');
        // Writers from outside come from the whole name space, so a few share a staff member's name (as in life).
        const family = this.#r() < 0.5 ? pickFrom(this.#r, SURNAMES)[0] : pickFrom(this.#r, OUTSIDE_SURNAMES);
        const given = this.#r() < 0.3 ? pickFrom(this.#r, GIVEN)[0] : pickFrom(this.#r, OUTSIDE_GIVEN);
        message = buildMessage(this.#headers(address(`${family} ${given}`, addr), `info@${HOSPITAL_DOMAIN}`, '面会についての問い合わせ', mid, 50), { text: '入院中の家族への面会時間について教えてください。' });
        return { message, label: { index: i, message_id: mid, attack: false, type, attachment_class: null } };
      }
      default: {
        const never: never = type;
        throw new Error(`unknown type ${String(never)}`);
      }
    }
  }

  async #attack(i: number): Promise<{ message: string; label: InboundLabel }> {
    const type = pickFrom(this.#r, ATTACK_TYPES);
    const attackerDomain = pickFrom(this.#r, ATTACKER_DOMAINS);
    const attacker = `${pickFrom(this.#r, ['info', 'admin', 'user', 'office', 'k.tanaka', 'mail'])}${intIn(this.#r, 1, 999)}@${attackerDomain}`;
    const mid = this.#id(attackerDomain);
    const cls: AttachmentClass = type === 'attachment' ? pickFrom(this.#r, ATTACHMENT_CLASSES) : pickFrom<AttachmentClass>(this.#r, ['encrypted_zip', 'xlsm', 'docm', 'lnk_in_zip', 'one', 'padded_zip']);
    const payload = type === 'phishing_link' || (type === 'staff_impersonation' && this.#r() < 0.3) ? null : await this.#payload(cls);
    const pw = payload?.password ? `\nPassword: ${payload.password}` : '';
    const pwJa = payload?.password ? `\nパスワード：${payload.password}` : '';
    const label = (): InboundLabel => ({ index: i, message_id: mid, attack: true, type, attachment_class: payload ? cls : null });
    const staff = pickFrom(this.#r, this.staff);
    switch (type) {
      case 'hijack_reply_en':
      case 'hijack_reply_ja':
      case 'hijack_quote_only': {
        const thread = this.#japaneseThread();
        const last = thread.messages[thread.messages.length - 1];
        // The forged reply carries the name of someone in the thread — the outside partner or the staff member.
        const posing = this.#r() < 0.6 ? (thread.outside[0] ?? thread.staff) : thread.staff;
        const victim = posing === thread.staff ? (thread.outside[0] ?? staff) : thread.staff;
        const signature = this.#signature(posing, posing === thread.staff ? '架空総合病院' : (thread.org?.name ?? ''));
        const fresh = type === 'hijack_reply_en' ? `${pickFrom(this.#r, ['Please see the attached file and confirm.', 'Kindly review the attached document as soon as possible.', 'Attached is the revised invoice, please check it today.'])}${pw}\n${signature}` : `${pickFrom(this.#r, ['ご確認をお願いいたします。', '添付ファイルをご確認ください。', '至急ご確認いただけますでしょうか。'])}${pwJa}\n${signature}`;
        const text = `${fresh}\n${this.#quote(last?.text ?? '')}`;
        const refs = type === 'hijack_quote_only' || !last ? [] : [`In-Reply-To: ${last.id}`, `References: ${thread.messages.map((m) => m.id).join(' ')}`];
        const message = buildMessage(this.#headers(address(this.#name(posing), attacker), address(this.#name(victim), victim.email), `${pickFrom(this.#r, ['RE', 'Re'])}: ${thread.subject}`, mid, 51, refs), { text }, payload?.attachments ?? []);
        return { message, label: label() };
      }
      case 'staff_impersonation': {
        const p = pickFrom(this.#r, this.staff);
        const display = pickFrom(this.#r, [this.#name(p), `${p.family}${p.given}`, `${p.familyKana} ${p.givenKana}`, `${p.givenRomaji} ${p.familyRomaji}`, `${p.familyRomaji.toUpperCase()} ${p.givenRomaji}`]);
        const body = payload ? `${pickFrom(this.#r, ['至急、添付の資料をご確認ください。', '会議資料を送ります。'])}${pwJa}\n${this.#name(p)}` : `至急こちらからログインして確認してください。\nhttps://${this.#lookalike(HOSPITAL_DOMAIN)}/login\n${this.#name(p)}`;
        const message = buildMessage(this.#headers(address(display, attacker), address(this.#name(staff), staff.email), pickFrom(this.#r, ['至急', '会議資料', '確認のお願い', 'Fw: 資料']), mid, 51), { text: body }, payload?.attachments ?? []);
        return { message, label: label() };
      }
      case 'lookalike_hospital':
      case 'lookalike_partner': {
        const target = type === 'lookalike_hospital' ? HOSPITAL_DOMAIN : pickFrom(this.#r, this.orgs.filter((o) => !o.english)).domain;
        const fake = this.#lookalike(target);
        const from = `${pickFrom(this.#r, ['info', 'soumu', 'jimu', 'keiri'])}@${fake}`;
        const message = buildMessage(this.#headers(address(pickFrom(this.#r, ['総務課', '事務局', '経理担当']), from), address(this.#name(staff), staff.email), pickFrom(this.#r, ['請求書の送付', '振込先変更のお知らせ', '資料送付']), mid, 51), { text: `いつもお世話になっております。\n添付をご確認ください。${pwJa}` }, payload?.attachments ?? []);
        return { message, label: label() };
      }
      case 'attachment': {
        const message = buildMessage(this.#headers(attacker, address(this.#name(staff), staff.email), pickFrom(this.#r, ['請求書', 'Invoice', '資料送付', '見積書']), mid, 51), { text: `${pickFrom(this.#r, ['添付をご確認ください。', 'Please check the attachment.'])}${pwJa}` }, payload?.attachments ?? []);
        return { message, label: label() };
      }
      case 'phishing_link': {
        const kind = intIn(this.#r, 0, 2);
        const shown = `https://www.${HOSPITAL_DOMAIN}/mail/login`;
        const href = kind === 0 ? `http://${intIn(this.#r, 11, 223)}.${intIn(this.#r, 0, 255)}.${intIn(this.#r, 0, 255)}.${intIn(this.#r, 1, 254)}/login` : kind === 1 ? `https://${this.#lookalike(HOSPITAL_DOMAIN)}/login` : `https://login.${attackerDomain}/owa`;
        const message = buildMessage(this.#headers(address('メールシステム管理者', attacker), staff.email, 'メールボックスの容量が上限に達しました', mid, 51), { text: 'メールボックスの容量が上限に達しました。以下から再認証してください。', html: `<p>メールボックスの容量が上限に達しました。</p><p><a href="${href}">${shown}</a></p>` });
        return { message, label: label() };
      }
      default: {
        const never: never = type;
        throw new Error(`unknown attack ${String(never)}`);
      }
    }
  }
}
