/**
 * A synthetic Japanese hospital mailbox with ground truth, for `mamori scan generate` and
 * bench/scan-eval. Every personal value is inserted through a Labeller, so the labels count what
 * was put in, not what the scanner finds. All people are invented (random surname × given name
 * from common and rare lists); addresses are in fictional towns (架空町 …).
 *
 * Message kinds mirror a doctor's mailbox: newsletters and business mail (correspondents greeted by
 * name, signatures with phone numbers — not third-party data), look-alike numbers (order numbers,
 * Luhn-failing card-like numbers, part codes), referral letters and their reply threads, lab-result
 * spreadsheets, disease lists, staff lists, zipped lists, password-protected zips (PPAP) with the
 * password in a follow-up mail, individual patient documents (docx) and photos (binary bulk).
 */
import iconv from 'iconv-lite';
import JSZip from 'jszip';
import { renderDocx } from '../documents/docx-writer.js';
import { writeXlsx } from '../documents/xlsx.js';
import type { PiiKind } from '../../core/pii/pii-kinds.js';
import { intIn, mulberry32, pickFrom, type Rng } from '../../core/seeded-random.js';
import { b64, markZipEncrypted, mimeWord } from '../mail/synthetic-mime.js';

export interface MessageLabel {
  index: number;
  message_id: string;
  template: string;
  /** Holds third-party personal data (in body, attachments or inside an encrypted attachment). */
  pii: boolean;
  persons: number;
  kinds: Partial<Record<PiiKind, number>>;
  /** The personal data is inside a part the scanner cannot open (encrypted zip). */
  uninspectable: boolean;
}

export interface GeneratorOptions {
  messages: number;
  seed: number;
  /** Total size of binary photo attachments to spread over the mailbox (bulk for speed benchmarks). */
  bulkBytes?: number;
}

// Not the scanner's surname list: common names overlap it by nature, rare ones test the tail.
const COMMON = '佐藤 鈴木 高橋 田中 伊藤 渡辺 山本 中村 小林 加藤 吉田 山田 佐々木 山口 松本 井上 木村 清水 山崎 池田 橋本 阿部 石川 山下 中島 石井 小川 前田 岡田 長谷川 藤田 後藤 近藤 村上 遠藤 青木 坂本 斉藤 福田 太田 西村 藤井 金子 岡本 藤原 中野 三浦 原田 松田 竹内 中川 小野 田村 和田 石田 森田 上田 原 柴田 酒井 工藤 横山 宮崎 宮本 内田 高木 安藤 島田 谷口 大野 丸山 今井 河野 藤本 村田 武田 上野 杉山 増田 小山 大塚 平野 菅原 久保 松井 千葉 岩崎 桜井 木下 野口 松尾 菊地 野村 新井 渡部'.split(' ');
const RARE = '四月一日 小鳥遊 東海林 勅使河原 百目鬼 五月女 鬼頭 薬袋 雲母 仙洞田 九十九 一口 栗花落 舌 左右田 神宮寺 御手洗 比嘉 金城 新垣'.split(' ');
const GIVEN = '太郎 一郎 健太 翔太 大輔 直樹 誠 浩 隆 学 花子 美咲 陽子 恵子 由美 裕子 直子 真由美 さくら 葵 結衣 陽菜 蓮 湊 悠真 和子 幸子 節子 清 勇'.split(' ');
const DIAGNOSES = ['2型糖尿病', '高血圧症', '心不全', '脳梗塞', '肺炎', '胃がん', 'うつ病', '関節リウマチ', '慢性腎臓病', '気管支喘息'];
const SYMPTOMS = ['発熱', '咳嗽', '倦怠感', '頭痛', '腹痛', '息切れ'];
const TOWNS = ['架空町', '見本町', '模擬町', '試験町', '例示町'];
const PREFS = ['東京都', '神奈川県', '埼玉県', '千葉県', '大阪府'];
const CITIES = ['架空市', '見本市', '模擬市', '試験区', '例示区'];
const DEPTS = ['内科', '外科', '小児科', '整形外科', '看護部', '薬剤部', '放射線科', '事務部'];
const JOBS = ['医師', '看護師', '薬剤師', '臨床検査技師', '事務員', '理学療法士'];
const ERAS: ReadonlyArray<[string, string, number, number]> = [
  ['昭和', 'S', 1926, 1988],
  ['平成', 'H', 1989, 2018],
];

interface Person {
  family: string;
  given: string;
  birth: { y: number; m: number; d: number };
  id: string;
  sex: '男' | '女';
  phone: string;
  postal: string;
  address: string;
  email: string;
}

/** Counts the personal values a template inserts; the truth for one message. */
class Labeller {
  readonly kinds: Partial<Record<PiiKind, number>> = {};
  persons = 0;
  v(kind: PiiKind, text: string): string {
    this.kinds[kind] = (this.kinds[kind] ?? 0) + 1;
    return text;
  }
  /** `n` cells of `kind` inserted at once (table columns). */
  add(kind: PiiKind, n: number): void {
    if (n > 0) this.kinds[kind] = (this.kinds[kind] ?? 0) + n;
  }
}

export class MailboxGenerator {
  readonly #r: Rng;
  readonly #opts: GeneratorOptions;
  readonly #patients: Person[] = [];
  #bulkLeft: number;

  constructor(opts: GeneratorOptions) {
    this.#opts = opts;
    this.#r = mulberry32(opts.seed);
    this.#bulkLeft = opts.bulkBytes ?? 0;
  }

  #digits(n: number): string {
    let s = String(intIn(this.#r, 1, 9));
    while (s.length < n) s += String(intIn(this.#r, 0, 9));
    return s;
  }

  #person(): Person {
    const family = this.#r() < 0.85 ? pickFrom(this.#r, COMMON) : pickFrom(this.#r, RARE);
    const y = intIn(this.#r, 1930, 2015);
    return {
      family,
      given: pickFrom(this.#r, GIVEN),
      birth: { y, m: intIn(this.#r, 1, 12), d: intIn(this.#r, 1, 28) },
      id: String(intIn(this.#r, 1, 9999999)).padStart(7, '0'),
      sex: this.#r() < 0.5 ? '男' : '女',
      phone: this.#r() < 0.6 ? `090-${this.#digits(4)}-${this.#digits(4)}` : `0${intIn(this.#r, 3, 9)}-${this.#digits(4)}-${this.#digits(4)}`,
      postal: `${this.#digits(3)}-${this.#digits(4)}`,
      address: `${pickFrom(this.#r, PREFS)}${pickFrom(this.#r, CITIES)}${pickFrom(this.#r, TOWNS)}${intIn(this.#r, 1, 9)}-${intIn(this.#r, 1, 30)}-${intIn(this.#r, 1, 20)}`,
      email: `user${this.#digits(6)}@example.invalid`,
    };
  }

  /** A patient: usually a new one, sometimes one already mentioned elsewhere in the mailbox. */
  #patient(): Person {
    if (this.#patients.length > 20 && this.#r() < 0.2) return pickFrom(this.#r, this.#patients);
    const p = this.#person();
    this.#patients.push(p);
    return p;
  }

  #birth(p: Person): string {
    const { y, m, d } = p.birth;
    const style = intIn(this.#r, 0, 2);
    if (style === 0) return `${y}年${m}月${d}日`;
    const era = ERAS.find(([, , from, to]) => y >= from && y <= to);
    if (!era) return `${y}/${m}/${d}`;
    const ey = y - era[2] + 1;
    return style === 1 ? `${era[0]}${ey === 1 ? '元' : ey}年${m}月${d}日` : `${era[1]}${ey}.${m}.${d}`;
  }

  #age(p: Person): number {
    return 2026 - p.birth.y;
  }

  #signature(name: string): string {
    return `\n--\n${name}\n${pickFrom(this.#r, DEPTS)}\n架空総合病院\n〒000-0000 東京都架空市見本町1-1\nTEL 03-0000-${this.#digits(4)}\n`;
  }

  #header(i: number, subject: string, from: string, to: string, extra = ''): string {
    return `From sender${i}@example.invalid Mon Nov 16 10:00:00 2026\nFrom: ${from}\nTo: ${to}\nSubject: ${mimeWord(subject)}\nDate: Mon, 16 Nov 2026 10:00:00 +0900\nMessage-ID: <gen${i}@mamori.invalid>\n${extra}MIME-Version: 1.0\n`;
  }

  #textMessage(head: string, body: string, charset: 'UTF-8' | 'Shift_JIS' = 'UTF-8', type: 'plain' | 'html' = 'plain'): string {
    const bytes = charset === 'UTF-8' ? Buffer.from(body) : iconv.encode(body, 'cp932');
    return `${head}Content-Type: text/${type}; charset=${charset}\nContent-Transfer-Encoding: base64\n\n${b64(bytes)}\n`;
  }

  #multipart(i: number, head: string, body: string, attachments: ReadonlyArray<{ name: string; type: string; data: Buffer }>): string {
    const b = `mamori-${i}`;
    const parts = [`--${b}\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: base64\n\n${b64(body)}`];
    for (const a of attachments) {
      parts.push(`--${b}\nContent-Type: ${a.type}; name="${mimeWord(a.name)}"\nContent-Disposition: attachment; filename="${mimeWord(a.name)}"\nContent-Transfer-Encoding: base64\n\n${b64(a.data)}`);
    }
    return `${head}Content-Type: multipart/mixed; boundary="${b}"\n\n${parts.join('\n')}\n--${b}--\n`;
  }

  /** Messages one at a time (mbox text, "From " line first) with their labels. */
  async *messages(): AsyncGenerator<{ mbox: string; label: MessageLabel }> {
    const doctor = '見本 太郎';
    const doctorAddr = `${mimeWord(doctor)} <doctor@hospital.invalid>`;
    let lastReferral: Person | null = null;
    let ppapPending = false;
    for (let i = 0; i < this.#opts.messages; i += 1) {
      const L = new Labeller();
      const corr = this.#person();
      const corrName = `${corr.family} ${corr.given}`;
      const corrAddr = `${mimeWord(corrName)} <c${i % 400}@clinic${i % 37}.example.invalid>`;
      let template: string;
      let uninspectable = false;
      let mbox: string;
      const x = this.#r();
      if (ppapPending) {
        template = 'ppap_password';
        ppapPending = false;
        mbox = this.#textMessage(this.#header(i, '【パスワード】先ほどの送付ファイル', doctorAddr, corrAddr), `${corrName} 様\n\n先ほどお送りしたファイルのパスワードをお知らせします。\nパスワード：${this.#digits(8)}\n${this.#signature(doctor)}`);
      } else if (x < 0.3) {
        template = 'newsletter';
        mbox = this.#textMessage(
          this.#header(i, `院内報 第${i}号`, doctorAddr, 'all-staff@hospital.invalid'),
          `院内報 第${i}号\n\n${intIn(this.#r, 1, 12)}月${intIn(this.#r, 1, 28)}日（水）に感染対策委員会を開催します。会場は3階会議室（内線${intIn(this.#r, 1000, 9999)}）です。\n資料番号 ${this.#digits(12)}、備品注文番号 ${this.#digits(12)}。\n${'院内の皆様へのお知らせです。'.repeat(intIn(this.#r, 5, 60))}\n\n--------------------\n架空総合病院 総務課\n代表 03-0000-0000\n`,
        );
      } else if (x < 0.55) {
        template = 'business';
        mbox = this.#textMessage(
          this.#header(i, '打ち合わせの件', doctorAddr, corrAddr),
          `${corrName} 先生\n\nいつもお世話になっております。\n${intIn(this.#r, 1, 12)}月${intIn(this.#r, 1, 28)}日${intIn(this.#r, 9, 17)}時からの打ち合わせの件、承知いたしました。\n会場は${pickFrom(this.#r, PREFS)}${pickFrom(this.#r, ['中野区', '北区', '港区', '中央区'])}の${pickFrom(this.#r, COMMON)}クリニック会議室です。関係者各位、皆様によろしくお伝えください。\n当日は資料を${intIn(this.#r, 2, 10)}部ご用意いたします。\n${this.#signature(doctor)}`,
        );
      } else if (x < 0.62) {
        template = 'lookalike';
        mbox = this.#textMessage(
          this.#header(i, 'ご注文の確認', `${mimeWord('見本商事')} <order@supplier.example.invalid>`, doctorAddr),
          `架空総合病院 御中\n\nご注文ありがとうございます。\n注文番号：${this.#digits(12)}\n請求番号：${this.#digits(16)}\n型番：AB-${this.#digits(3)}-${this.#digits(4)}\n納品予定日：2026年${intIn(this.#r, 1, 12)}月${intIn(this.#r, 1, 28)}日\n数量：${intIn(this.#r, 1, 99)}個\n金額：${intIn(this.#r, 1000, 99999)}円\n`,
        );
      } else if (x < 0.68) {
        template = 'referral';
        const p = this.#patient();
        lastReferral = p;
        L.persons = 1;
        const sexAge = this.#r() < 0.5 ? `\n性別：${L.v('sex', p.sex)}` : '';
        const phone = this.#r() < 0.4 ? `\n連絡先：${L.v('phone', p.phone)}` : '';
        mbox = this.#textMessage(
          this.#header(i, '患者紹介のお願い', doctorAddr, corrAddr),
          `${corrName} 先生\n\nいつもお世話になっております。下記の患者をご紹介いたします。\n\n患者氏名：${L.v('name', `${p.family} ${p.given}`)} 様\n生年月日：${L.v('birth_date', this.#birth(p))}（${L.v('age', `${this.#age(p)}歳`)}）${sexAge}\n患者ID：${L.v('patient_id', p.id)}${phone}\n病名：${L.v('diagnosis', pickFrom(this.#r, DIAGNOSES))}\n\nご高診のほどよろしくお願いいたします。\n${this.#signature(doctor)}`,
          // Older mailers still send Shift_JIS.
          this.#r() < 0.3 ? 'Shift_JIS' : 'UTF-8',
        );
      } else if (x < 0.69) {
        template = 'html_referral';
        const p = this.#patient();
        L.persons = 1;
        const row = (k: string, v: string) => `<tr><td>${k}</td><td>${v}</td></tr>`;
        mbox = this.#textMessage(
          this.#header(i, '患者情報のご連絡', doctorAddr, corrAddr),
          `<html><head><style>td{border:1px solid}</style></head><body><p>${corrName} 先生</p><p>下記の通りご連絡いたします。</p><table>${row('患者氏名', L.v('name', `${p.family} ${p.given}`))}${row('生年月日', L.v('birth_date', this.#birth(p)))}${row('電話番号', L.v('phone', p.phone))}${row('診断', L.v('diagnosis', pickFrom(this.#r, DIAGNOSES)))}</table><p>よろしくお願いいたします。</p></body></html>`,
          this.#r() < 0.5 ? 'Shift_JIS' : 'UTF-8',
          'html',
        );
      } else if (x < 0.695) {
        template = 'inline_list';
        const n = intIn(this.#r, 3, 15);
        const rows = ['氏名\t生年月日\t病名'];
        for (let j = 0; j < n; j += 1) {
          const p = this.#person();
          rows.push(`${p.family} ${p.given}\t${p.birth.y}/${p.birth.m}/${p.birth.d}\t${pickFrom(this.#r, DIAGNOSES)}`);
        }
        L.persons = n;
        for (const k of ['name', 'birth_date', 'diagnosis'] as const) L.add(k, n);
        // A list pasted from Excel into the body: the most common way a list leaves by mail.
        mbox = this.#textMessage(this.#header(i, '対象者一覧', doctorAddr, corrAddr), `${corrName} 様\n\n対象者は以下のとおりです。\n\n${rows.join('\n')}\n\nご確認ください。\n${this.#signature(doctor)}`);
      } else if (x < 0.72) {
        template = 'reply_thread';
        const p = lastReferral ?? this.#patient();
        L.persons = 1;
        mbox = this.#textMessage(
          this.#header(i, 'Re: 患者紹介のお願い', corrAddr, doctorAddr, `In-Reply-To: <gen${Math.max(0, i - 1)}@mamori.invalid>\n`),
          this.#r() < 0.5
            ? `${doctor} 先生\n\nご紹介ありがとうございました。${L.v('name', `${p.family}${p.given}`)}さんは本日受診され、${L.v('diagnosis', pickFrom(this.#r, DIAGNOSES))}として加療を開始しました。\n${this.#signature(corrName)}`
            : // No honorific, no label: only the name itself says it is a name.
              `${doctor} 先生\n\n${L.v('name', `${p.family}${p.given}`)}の件ですが、本日当院を受診されました。${L.v('diagnosis', pickFrom(this.#r, DIAGNOSES))}の治療を継続します。\n${this.#signature(corrName)}`,
        );
      } else if (x < 0.725) {
        template = 'lab_list';
        const n = this.#r() < 0.2 ? intIn(this.#r, 1000, 3500) : intIn(this.#r, 30, 300);
        const rows: string[][] = [];
        for (let j = 0; j < n; j += 1) {
          const p = this.#person();
          rows.push([String(j + 1), `${p.family} ${p.given}`, `2026/${intIn(this.#r, 1, 3)}/${intIn(this.#r, 1, 28)}`, this.#r() < 0.3 ? '陽性' : '陰性']);
        }
        L.persons = n;
        L.add('name', n);
        L.add('test_result', n);
        const data = await writeXlsx('結果', ['No', '氏名', '受付日', '検査結果'], rows);
        mbox = this.#multipart(i, this.#header(i, '検査結果一覧の送付', doctorAddr, corrAddr), `${corrName} 様\n\n検査結果の一覧を添付いたします。\n${this.#signature(doctor)}`, [{ name: `インフルエンザ検査結果_${i}.xlsx`, type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', data }]);
      } else if (x < 0.728) {
        template = 'disease_list';
        const n = intIn(this.#r, 20, 150);
        const lines = ['氏名,生年月日,発症日,症状'];
        for (let j = 0; j < n; j += 1) {
          const p = this.#person();
          lines.push(`${p.family} ${p.given},${p.birth.y}/${p.birth.m}/${p.birth.d},2026/${intIn(this.#r, 1, 10)}/${intIn(this.#r, 1, 28)},${pickFrom(this.#r, SYMPTOMS)}`);
        }
        L.persons = n;
        L.add('name', n);
        L.add('birth_date', n);
        L.add('diagnosis', n);
        mbox = this.#multipart(i, this.#header(i, '患者リスト', doctorAddr, corrAddr), `${corrName} 様\n\n対象患者のリストをお送りします。\n${this.#signature(doctor)}`, [{ name: `患者リスト_${i}.csv`, type: 'text/csv', data: iconv.encode(lines.join('\r\n'), 'cp932') }]);
      } else if (x < 0.731) {
        template = 'staff_list';
        const n = intIn(this.#r, 20, 80);
        const rows: string[][] = [];
        for (let j = 0; j < n; j += 1) {
          const p = this.#person();
          rows.push([`${p.family} ${p.given}`, pickFrom(this.#r, DEPTS), pickFrom(this.#r, JOBS), p.phone, p.email]);
        }
        L.persons = n;
        for (const k of ['name', 'phone', 'email'] as const) L.add(k, n);
        const data = await writeXlsx('名簿', ['氏名', '所属', '職種', '電話番号', 'メールアドレス'], rows);
        mbox = this.#multipart(i, this.#header(i, '研修会参加者名簿', doctorAddr, corrAddr), `${corrName} 様\n\n参加者名簿を添付します。\n${this.#signature(doctor)}`, [{ name: `名簿_${i}.xlsx`, type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', data }]);
      } else if (x < 0.734) {
        template = 'zipped_list';
        const n = intIn(this.#r, 10, 100);
        const lines = ['患者ID,氏名,性別,住所,電話番号,生年月日'];
        for (let j = 0; j < n; j += 1) {
          const p = this.#person();
          lines.push(`${p.id},${p.family} ${p.given},${p.sex},${p.address},${p.phone},${p.birth.y}-${String(p.birth.m).padStart(2, '0')}-${String(p.birth.d).padStart(2, '0')}`);
        }
        L.persons = n;
        for (const k of ['patient_id', 'name', 'sex', 'address', 'phone', 'birth_date'] as const) L.add(k, n);
        const zip = new JSZip();
        zip.folder('送付')?.file(`患者一覧_${i}.csv`, lines.join('\n'));
        const data = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
        mbox = this.#multipart(i, this.#header(i, '資料送付', doctorAddr, corrAddr), `${corrName} 様\n\n資料をZIPでお送りします。\n${this.#signature(doctor)}`, [{ name: `資料_${i}.zip`, type: 'application/zip', data }]);
      } else if (x < 0.737) {
        template = 'ppap';
        const n = intIn(this.#r, 10, 60);
        const lines = ['氏名,生年月日'];
        for (let j = 0; j < n; j += 1) {
          const p = this.#person();
          lines.push(`${p.family} ${p.given},${p.birth.y}/${p.birth.m}/${p.birth.d}`);
        }
        L.persons = n;
        uninspectable = true;
        const zip = new JSZip();
        zip.file(`名簿_${i}.csv`, lines.join('\n'));
        const data = markZipEncrypted(await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
        ppapPending = true;
        mbox = this.#multipart(i, this.#header(i, 'ファイル送付（パスワード別送）', doctorAddr, corrAddr), `${corrName} 様\n\nファイルを送付します。パスワードは別途お送りします。\n${this.#signature(doctor)}`, [{ name: `送付_${i}.zip`, type: 'application/zip', data }]);
      } else if (x < 0.75) {
        template = 'patient_doc';
        const p = this.#patient();
        L.persons = 1;
        const data = await renderDocx('診療情報提供書', [
          { kind: 'title', text: '診療情報提供書' },
          { kind: 'text', text: `患者氏名：${L.v('name', `${p.family} ${p.given}`)} 様` },
          { kind: 'text', text: `生年月日：${L.v('birth_date', this.#birth(p))}` },
          { kind: 'text', text: `住所：${L.v('address', p.address)}` },
          { kind: 'text', text: `傷病名：${L.v('diagnosis', pickFrom(this.#r, DIAGNOSES))}` },
          { kind: 'text', text: '経過：外来にて加療中。' },
        ]);
        mbox = this.#multipart(i, this.#header(i, '診療情報提供書', doctorAddr, corrAddr), `${corrName} 先生\n\n診療情報提供書を添付いたします。\n${this.#signature(doctor)}`, [{ name: `診療情報提供書_${i}.docx`, type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', data }]);
      } else if (x < 0.85) {
        template = 'photo';
        const remaining = this.#opts.messages - i;
        const size = this.#bulkLeft > 0 ? Math.min(this.#bulkLeft, Math.max(1024, Math.round((this.#bulkLeft / Math.max(1, remaining * 0.1)) * (0.5 + this.#r())))) : intIn(this.#r, 2, 20) * 1024;
        this.#bulkLeft = Math.max(0, this.#bulkLeft - size);
        mbox = this.#multipart(i, this.#header(i, '写真送付', doctorAddr, corrAddr), `${corrName} 様\n\n先日の研修会の写真です。\n${this.#signature(doctor)}`, [{ name: `photo_${i}.jpg`, type: 'image/jpeg', data: this.#noise(size) }]);
      } else {
        template = 'short_reply';
        mbox = this.#textMessage(this.#header(i, 'Re: ご連絡', corrAddr, doctorAddr), `${doctor} 先生\n\n承知いたしました。よろしくお願いいたします。\n${this.#signature(corrName)}`);
      }
      yield {
        mbox: mbox.replace(/^(>*From )/gm, (m, p: string, offset: number) => (offset === 0 ? m : `>${p}`)),
        label: { index: i, message_id: `gen${i}@mamori.invalid`, template, pii: L.persons > 0, persons: L.persons, kinds: L.kinds, uninspectable },
      };
    }
  }

  /** Incompressible bytes from the seeded generator (a photo's worth of entropy). */
  #noise(size: number): Buffer {
    const buf = Buffer.allocUnsafe(size);
    let s = Math.floor(this.#r() * 2 ** 32) >>> 0 || 1;
    for (let o = 0; o + 4 <= size; o += 4) {
      s ^= s << 13;
      s ^= s >>> 17;
      s ^= s << 5;
      buf.writeUInt32LE(s >>> 0, o);
    }
    for (let o = size - (size % 4); o < size; o += 1) buf[o] = 0;
    return buf;
  }
}
