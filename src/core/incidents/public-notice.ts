/**
 * お知らせ・お詫び 第N報: the generator's first draft from the case facts, and the automatic
 * 「（更新）」 marking of sections whose text changed since the previous published edition.
 * Layout follows the hospitals' notices in ../shared/seeds (日付, 宛名, 差出人, 表題（第N報）, 前文,
 * 記, numbered sections, 別表).
 */
import type { DocBlock } from '../document-blocks.js';
import { CASE_TYPE_LABELS, type CaseType } from './case-model.js';
import { DATA_ITEMS, POPULATION_LABELS, type Exposure } from './legal-assessment.js';

export const NOTICE_SECTIONS = [
  { key: 'systems', heading: '攻撃を受けたシステム' },
  { key: 'leaked', heading: '漏洩した個人情報' },
  { key: 'investigation', heading: '事象の調査内容' },
  { key: 'cause', heading: '侵入経路及び原因' },
  { key: 'care', heading: '現在の診療状況' },
  { key: 'prevention', heading: '再発防止策' },
  { key: 'secondary', heading: '二次被害へのご注意' },
  { key: 'contact', heading: '問い合わせ窓口' },
] as const;
export type NoticeSectionKey = (typeof NOTICE_SECTIONS)[number]['key'];

export interface NoticeSection {
  key: NoticeSectionKey;
  heading: string;
  body: string;
}

export interface AnnexRow {
  /** 令和8年2月9日（月） 01:50頃 */
  when: string;
  text: string;
}

export interface NoticeContent {
  dateText: string;
  addressee: string;
  sender: string;
  title: string;
  preamble: string;
  sections: NoticeSection[];
  annex: AnnexRow[];
  closing: string;
}

export interface NoticeFacts {
  hospitalName: string;
  caseType: CaseType;
  caseTitle: string;
  edition: number;
  /** JST date of the notice in 和暦, e.g. 令和8年2月13日. */
  dateText: string;
  /** 「令和8年2月14日11時時点」 */
  asOfText: string;
  summary: string;
  exposures: Exposure[];
  annex: AnnexRow[];
  hotline: string | null;
  authoritiesReported: string[];
  /** Sections of the previous published edition; unchanged facts keep its (edited) wording. */
  previous: NoticeSection[] | null;
}

function count(e: Exposure): string {
  return `${e.countIsEstimate ? '約' : ''}${e.count.toLocaleString('ja-JP')}名`;
}

function leakedBody(exposures: readonly Exposure[]): string {
  const counted = exposures.filter((e) => e.count > 0);
  if (counted.length === 0) return '現時点で個人情報の漏洩は確認されておりません。調査を継続しております。';
  const lines = counted.map((e, i) => {
    const items = e.items.filter((k) => k !== 'other').map((k) => DATA_ITEMS[k].label);
    return `${'①②③④⑤⑥⑦⑧⑨'[i] ?? '・'}${POPULATION_LABELS[e.population]}の情報 ${count(e)}\n\u3000項目: ${items.join('、') || '（調査中）'}`;
  });
  const sensitive = counted.some((e) => e.sensitive || e.items.some((k) => DATA_ITEMS[k].sensitive));
  const financial = counted.some((e) => e.financial || e.items.some((k) => DATA_ITEMS[k].financial));
  const negatives = [sensitive ? null : '診療録（カルテ）の内容', financial ? null : 'クレジットカード情報'].filter((x): x is string => x !== null);
  if (negatives.length > 0) lines.push(`なお、${negatives.join('及び')}が漏洩したことは確認されておりません。`);
  return lines.join('\n');
}

/** The generator's first draft; people edit it before publishing. */
export function draftNotice(f: NoticeFacts): NoticeContent {
  const prev = new Map((f.previous ?? []).map((s) => [s.key, s.body]));
  const typeLabel = CASE_TYPE_LABELS[f.caseType];
  const generated: Record<NoticeSectionKey, string> = {
    systems: f.summary || '（対象となったシステムと台数を記載してください）',
    leaked: leakedBody(f.exposures),
    investigation: f.annex.length > 0 ? '外部の専門機関の協力を得て調査を行っております。経緯は別表のとおりです。' : '外部の専門機関の協力を得て調査を行っております。',
    cause: '（侵入経路及び原因を記載してください。捜査に支障のある情報は記載しないでください）',
    care: '現在、外来・入院ともに診療を継続しております。',
    prevention: '外部接続機器の脆弱性対策、多要素認証の導入、監視体制の強化等の再発防止策を講じてまいります。',
    secondary: '当院を装った不審な電話やメール、郵便物等にご注意ください。当院から電話やメールで口座番号やパスワード等をお尋ねすることはありません。',
    contact: f.hotline ?? '（専用窓口の電話番号と受付時間を記載してください）',
  };
  const sections = NOTICE_SECTIONS.map(({ key, heading }) => {
    // Facts-derived sections are regenerated; free-text sections keep the last published wording.
    const keep = key !== 'leaked' && key !== 'investigation' && prev.has(key);
    return { key, heading, body: keep ? (prev.get(key) ?? '') : generated[key] };
  });
  const reported = f.authoritiesReported.length > 0 ? `本件につきましては、${f.authoritiesReported.join('、')}へ報告しております。` : '';
  return {
    dateText: f.dateText,
    addressee: '患者様・関係者各位',
    sender: `${f.hospitalName || '（病院名）'}\n院長`,
    title: `${typeLabel}による被害に関するご報告とお詫び（第${f.edition}報）`,
    preamble: `このたび、当院において${typeLabel}による被害が発生いたしました。患者様をはじめ関係者の皆様に多大なるご迷惑とご心配をおかけしておりますことを、深くお詫び申し上げます。${f.asOfText}で判明している内容について、以下のとおりご報告いたします。${reported}`,
    sections,
    annex: f.annex,
    closing: '今後、新たな事実が判明した場合には、速やかにお知らせいたします。',
  };
}

const UPDATED = '（更新）';

/** Heading without any 「（更新）」 marker. */
export function baseHeading(heading: string): string {
  return heading.endsWith(UPDATED) ? heading.slice(0, -UPDATED.length) : heading;
}

function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Mark the sections whose text changed since the previous published edition. The first edition
 * has nothing to compare with, so nothing is marked. Returns the keys that changed.
 */
export function markUpdatedSections(current: NoticeSection[], previous: readonly NoticeSection[] | null): { sections: NoticeSection[]; changed: NoticeSectionKey[] } {
  if (!previous) return { sections: current.map((s) => ({ ...s, heading: baseHeading(s.heading) })), changed: [] };
  const before = new Map(previous.map((s) => [s.key, normalise(s.body)]));
  const changed: NoticeSectionKey[] = [];
  const sections = current.map((s) => {
    const isChanged = before.get(s.key) !== normalise(s.body);
    if (isChanged) changed.push(s.key);
    return { ...s, heading: `${baseHeading(s.heading)}${isChanged ? UPDATED : ''}` };
  });
  return { sections, changed };
}

const KANJI_NUM = ['', '１', '２', '３', '４', '５', '６', '７', '８', '９', '１０'];

/** Plain text, as pasted into a web CMS or e-mail. */
export function noticeToText(n: NoticeContent): string {
  const out = [n.dateText, n.addressee, '', ...n.sender.split('\n').map((l) => `\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000${l}`), '', n.title, '', n.preamble, '', '記', ''];
  n.sections.forEach((s, i) => {
    out.push(`${KANJI_NUM[i + 1] ?? i + 1}．${s.heading}`, s.body, '');
  });
  if (n.annex.length > 0) {
    out.push('別表\u3000経緯');
    for (const row of n.annex) out.push(`${row.when}\u3000${row.text}`);
    out.push('');
  }
  out.push(n.closing, '', '以上');
  return out.join('\n');
}

/** The notice as generic document blocks (rendered to DOCX/HTML by services/documents). */
export function noticeToBlocks(n: NoticeContent): DocBlock[] {
  const blocks: DocBlock[] = [
    { kind: 'text', text: n.dateText, align: 'right' },
    { kind: 'text', text: n.addressee },
    { kind: 'text', text: n.sender, align: 'right' },
    { kind: 'title', text: n.title },
    { kind: 'text', text: n.preamble },
    { kind: 'text', text: '記', align: 'center' },
  ];
  n.sections.forEach((s, i) => blocks.push({ kind: 'heading', text: `${i + 1}. ${s.heading}` }, { kind: 'text', text: s.body }));
  if (n.annex.length > 0) {
    blocks.push({ kind: 'heading', text: '別表\u3000経緯' }, { kind: 'table', header: ['日時', '事象'], rows: n.annex.map((r) => [r.when, r.text]) });
  }
  blocks.push({ kind: 'text', text: n.closing }, { kind: 'text', text: '以上', align: 'right' });
  return blocks;
}
