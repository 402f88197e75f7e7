/**
 * 本人通知 letters (法26条2項, 規則10条): the items the person must be told — 概要, 項目, 原因,
 * 二次被害のおそれ, その他（問い合わせ先） — one letter per person, mail-merged.
 */
import type { DocBlock } from '../document-blocks.js';
import { CASE_TYPE_LABELS, type CaseType } from './case-model.js';
import { DATA_ITEMS, isDataItem } from './legal-assessment.js';

export interface LetterRecipient {
  name: string;
  postalCode: string;
  address: string;
  items: string[];
}

export interface LetterContext {
  hospitalName: string;
  dateText: string;
  knownDateText: string;
  caseType: CaseType;
  cause: string | null;
  hotline: string | null;
}

export function letterBlocks(p: LetterRecipient, c: LetterContext): DocBlock[] {
  const items = p.items.filter(isDataItem).map((k) => DATA_ITEMS[k].label);
  return [
    { kind: 'text', text: [p.postalCode ? `〒${p.postalCode}` : '', p.address, `${p.name} 様`].filter(Boolean).join('\n') },
    { kind: 'text', text: `${c.dateText}\n${c.hospitalName || '（病院名）'}\n院長`, align: 'right' },
    { kind: 'title', text: '個人情報の漏えいに関するお知らせとお詫び' },
    {
      kind: 'text',
      text: `拝啓\u3000平素より当院をご利用いただき、誠にありがとうございます。\nこのたび、当院において${CASE_TYPE_LABELS[c.caseType]}による被害が発生し、あなた様の個人情報が漏えいした、又はそのおそれがあることが判明いたしました。多大なるご迷惑とご心配をおかけしますことを、心より深くお詫び申し上げます。`,
    },
    { kind: 'heading', text: '1. 概要' },
    { kind: 'text', text: `${c.knownDateText}、当院において${CASE_TYPE_LABELS[c.caseType]}による被害を確認いたしました。` },
    { kind: 'heading', text: '2. 漏えい（又はそのおそれ）のあるあなた様の情報' },
    { kind: 'text', text: items.join('、') || '調査中' },
    { kind: 'heading', text: '3. 原因' },
    { kind: 'text', text: c.cause ?? '現在調査中です。判明次第お知らせいたします。' },
    { kind: 'heading', text: '4. 二次被害のおそれとお願い' },
    { kind: 'text', text: '当院を装った不審な電話・メール・郵便物にご注意ください。当院から口座番号やパスワード等をお尋ねすることはありません。' },
    { kind: 'heading', text: '5. お問い合わせ先' },
    { kind: 'text', text: c.hotline ?? '（専用窓口を記載）' },
    { kind: 'text', text: '敬具', align: 'right' },
  ];
}

/** One document with a page per person. */
export function batchLetterBlocks(people: readonly LetterRecipient[], c: LetterContext): DocBlock[] {
  const out: DocBlock[] = [];
  people.forEach((p, i) => {
    if (i > 0) out.push({ kind: 'pageBreak' });
    out.push(...letterBlocks(p, c));
  });
  return out;
}

/** Plain-text body of the same letter for e-mail. */
export function letterText(p: LetterRecipient, c: LetterContext): string {
  return letterBlocks(p, c)
    .map((b) => (b.kind === 'table' || b.kind === 'pageBreak' ? '' : b.text))
    .filter(Boolean)
    .join('\n\n');
}
