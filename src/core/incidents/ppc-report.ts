/**
 * Draft of the 個人情報保護委員会 漏えい等報告 (規則8条1項, nine items), pre-filled from the case.
 * The draft is a working document: the official submission is made through PPC's online form,
 * into which these texts are copied; the submission itself is recorded on the obligation.
 */
import type { DocBlock } from '../document-blocks.js';
import { CASE_TYPE_LABELS, type CaseType } from './case-model.js';
import { DATA_ITEMS, POPULATION_LABELS, type Exposure, type TriggerDecision } from './legal-assessment.js';

export interface PpcReportFacts {
  kind: '速報' | '確報';
  hospitalName: string;
  caseNumber: string;
  caseType: CaseType;
  summary: string;
  /** 和暦 of the day the organisation knew, and of today. */
  knownDateText: string;
  todayText: string;
  decision: TriggerDecision;
  exposures: Exposure[];
  /** Timeline entries flagged "include in authority report": [when, text]. */
  timeline: Array<[string, string]>;
  cause: string | null;
  prevention: string | null;
  notification: { people: number; byStatus: Record<string, number>; channels: string[]; unreachable: number; measures: string[] };
  publications: string[];
  otherAuthorities: string[];
}

export interface PpcReportItem {
  no: number;
  heading: string;
  body: string;
}

export interface PpcReport {
  title: string;
  header: string[];
  items: PpcReportItem[];
  timeline: Array<[string, string]>;
}

const STATUS_JA: Readonly<Record<string, string>> = { pending: '未送付', sent: '送付済', delivered: '到達', returned: '返送・不達', unreachable: '連絡不能' };

export function buildPpcReport(f: PpcReportFacts): PpcReport {
  const counted = f.exposures.filter((e) => e.count > 0 && !e.highEncryption);
  const itemsBody =
    counted
      .map((e) => {
        const labels = e.items.map((k) => `${DATA_ITEMS[k].label}${DATA_ITEMS[k].sensitive ? '（要配慮個人情報）' : ''}`);
        return `【${POPULATION_LABELS[e.population]}】${labels.join('、') || '調査中'}`;
      })
      .join('\n') || '調査中';
  const peopleBody =
    counted.map((e) => `${POPULATION_LABELS[e.population]}: ${e.countIsEstimate ? '約' : ''}${e.count.toLocaleString('ja-JP')}人`).join('\n') +
    `\n合計: ${f.decision.peopleIsEstimate ? '約' : ''}${f.decision.people.toLocaleString('ja-JP')}人${f.decision.peopleIsEstimate ? '（概数。調査により変動する可能性あり）' : ''}`;
  const n = f.notification;
  const notifyBody =
    n.people === 0
      ? '本人への通知は準備中です。'
      : [
          `対象者 ${n.people.toLocaleString('ja-JP')}人（方法: ${n.channels.join('、') || '未定'}）`,
          Object.entries(n.byStatus)
            .map(([k, v]) => `${STATUS_JA[k] ?? k} ${v.toLocaleString('ja-JP')}人`)
            .join('、'),
          n.unreachable > 0 ? `連絡がつかない方 ${n.unreachable.toLocaleString('ja-JP')}人については、代替措置として ${n.measures.join('、') || '（未実施）'} を実施。` : '',
        ]
          .filter(Boolean)
          .join('\n');
  const items: PpcReportItem[] = [
    {
      no: 1,
      heading: '概要',
      body: `${f.knownDateText}、当院において${CASE_TYPE_LABELS[f.caseType]}による個人データの漏えい等（そのおそれを含む）の事態が発生したことを認識した。\n${f.summary}\n該当する事態: ${f.decision.reasons.join('、') || '（評価中）'}`,
    },
    { no: 2, heading: '漏えい等が発生し、又は発生したおそれがある個人データの項目', body: itemsBody },
    { no: 3, heading: '漏えい等が発生し、又は発生したおそれがある個人データに係る本人の数', body: peopleBody },
    { no: 4, heading: '原因', body: f.cause ?? '調査中' },
    { no: 5, heading: '二次被害又はそのおそれの有無及びその内容', body: '現時点で二次被害は確認されていない。不審な連絡等への注意を呼びかけている。' },
    { no: 6, heading: '本人への対応の実施状況', body: notifyBody },
    { no: 7, heading: '公表の実施状況', body: f.publications.length > 0 ? f.publications.join('\n') : '未実施' },
    { no: 8, heading: '再発防止のための措置', body: f.prevention ?? '検討中' },
    { no: 9, heading: 'その他参考となる事項', body: f.otherAuthorities.length > 0 ? `${f.otherAuthorities.join('、')}に報告・相談済み。` : '特になし' },
  ];
  return {
    title: `個人データの漏えい等の報告（${f.kind}）下書き`,
    header: [`報告者: ${f.hospitalName || '（病院名）'}`, `作成日: ${f.todayText}`, `管理番号: ${f.caseNumber}`, `報告の種別: ${f.kind}`],
    items,
    timeline: f.timeline,
  };
}

export function ppcReportToBlocks(r: PpcReport): DocBlock[] {
  const blocks: DocBlock[] = [{ kind: 'title', text: r.title }, { kind: 'text', text: r.header.join('\n'), align: 'right' }];
  for (const item of r.items) blocks.push({ kind: 'heading', text: `${item.no}. ${item.heading}` }, { kind: 'text', text: item.body });
  if (r.timeline.length > 0) blocks.push({ kind: 'heading', text: '（参考）経緯' }, { kind: 'table', header: ['日時', '事象'], rows: r.timeline.map(([a, b]) => [a, b]) });
  blocks.push({ kind: 'text', text: '※ 本書は報告内容の下書きです。提出は個人情報保護委員会の漏えい等報告フォームから行ってください。' });
  return blocks;
}
