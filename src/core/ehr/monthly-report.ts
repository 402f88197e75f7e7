/**
 * アクセスログ監査報告: the periodic review the guideline asks for (システム運用編 17: record access
 * logs and review them regularly), as document blocks — volume, explained share, alerts by rule,
 * the rules that could not run, and the alerts to review. No patient names: patients appear by ID.
 */
import type { DocBlock } from '../document-blocks.js';
import { formatWareki, isoJst } from '../jst.js';
import type { AuditResult } from './audit.js';
import { EXPLANATION_LABELS, type Explanation } from './explain.js';

export const RULE_LABELS: Readonly<Record<string, string>> = {
  self_access: '本人の診療録の閲覧',
  family_access: '家族・同居者の診療録の閲覧',
  coworker_access: '同僚（職員・その家族）の診療録の閲覧',
  neighbour_access: '近隣住民の診療録の閲覧',
  vip_restricted: '閲覧制限（VIP等）患者の閲覧',
  curiosity_storm: '同一患者へのアクセス集中',
  stale_relationship: '元患者の閲覧',
  deceased_patient: '死亡患者の閲覧',
  unexplained_name_search: '理由のない氏名検索による初回閲覧',
  demographics_only: '住所・連絡先のみの閲覧',
  concurrent_sessions: '同一IDの同時使用',
  off_shift_activity: '勤務時間外の操作',
  idle_session_resume: '放置セッションの再開と処方操作',
  terminated_account: '退職者・名簿外IDの使用',
  self_family_prescription: '本人・家族への処方',
  prescription_without_encounter: '受診のない処方',
  controlled_rx_deleted: '向精神薬等の処方の作成後削除',
  bulk_access: '大量アクセス・一括出力',
  multi_incident_user: '同一職員の複数の検知（まとめて確認）',
};

function jstDate(t: number): string {
  return isoJst(t).slice(0, 10);
}

/** Review states recorded for the period's alerts (stored alerts), by state. */
export interface Dispositions {
  open: number;
  investigating: number;
  justified: number;
  inappropriate: number;
  /** Alerts escalated into incident cases. */
  escalated: number;
}

export function monthlyReportBlocks(input: { hospital: string; from: number; to: number; result: AuditResult; users: number; generatedAt: Date; dispositions?: Dispositions | null }): { title: string; blocks: DocBlock[] } {
  const { result, from, to } = input;
  const s = result.summary;
  const pct = s.patient_accesses ? ((100 * s.explained) / s.patient_accesses).toFixed(1) : '0.0';
  const byRule = new Map<string, { n: number; top: number }>();
  for (const a of result.alerts) {
    const r = byRule.get(a.rule) ?? { n: 0, top: 0 };
    r.n += 1;
    r.top = Math.max(r.top, a.score);
    byRule.set(a.rule, r);
  }
  const title = 'アクセスログ監査報告';
  const blocks: DocBlock[] = [
    { kind: 'title', text: title },
    { kind: 'text', text: `${input.hospital}\n対象期間：${jstDate(from)} ～ ${jstDate(to - 1)}\n作成日：${formatWareki(input.generatedAt)}`, align: 'right' },
    { kind: 'heading', text: '1. 監査の概要' },
    {
      kind: 'table',
      header: ['項目', '値'],
      rows: [
        ['操作件数（ログ）', `${s.events.toLocaleString('ja-JP')}件`],
        ['患者記録へのアクセス', `${s.patient_accesses.toLocaleString('ja-JP')}件`],
        ['業務上の理由で説明されたアクセス', `${s.explained.toLocaleString('ja-JP')}件（${pct}%）`],
        ['利用者数', `${input.users.toLocaleString('ja-JP')}人`],
        ['要確認の検知', `${s.alerts.toLocaleString('ja-JP')}件`],
      ],
    },
    { kind: 'heading', text: '2. 説明の内訳' },
    { kind: 'table', header: ['説明', '件数'], rows: (Object.entries(s.explained_by) as Array<[Explanation, number]>).sort((a, b) => b[1] - a[1]).map(([k, n]) => [EXPLANATION_LABELS[k], `${n.toLocaleString('ja-JP')}件`]) },
    { kind: 'heading', text: '3. 検知ルール別の件数' },
    { kind: 'table', header: ['ルール', '件数', '最高スコア'], rows: [...byRule].sort((a, b) => b[1].top - a[1].top).map(([rule, r]) => [RULE_LABELS[rule] ?? rule, `${r.n}件`, String(r.top)]) },
  ];
  if (s.skipped_rules.length) {
    blocks.push({ kind: 'text', text: `入力ファイルがないため実行できなかったルール：${s.skipped_rules.map((r) => `${RULE_LABELS[r.rule] ?? r.rule}（${r.missing.join('、')}）`).join('／')}` });
  }
  blocks.push(
    { kind: 'heading', text: '4. 確認が必要な検知（スコア上位）' },
    { kind: 'table', header: ['スコア', 'ルール', '職員ID', '患者ID', '日時', '内容'], rows: result.alerts.slice(0, 30).map((a) => [String(a.score), RULE_LABELS[a.rule] ?? a.rule, a.userId, a.patientId ?? '—', jstDate(a.firstAt), a.reason]) },
    { kind: 'heading', text: '5. 処置状況と未完了事項' },
    ...(input.dispositions
      ? ([
          {
            kind: 'table',
            header: ['状態', '件数'],
            rows: [
              ['未確認', `${input.dispositions.open}件`],
              ['調査中', `${input.dispositions.investigating}件`],
              ['正当（業務上必要と確認）', `${input.dispositions.justified}件`],
              ['不適切', `${input.dispositions.inappropriate}件（うちインシデント登録 ${input.dispositions.escalated}件）`],
            ],
          },
          { kind: 'text', text: `未完了：未確認${input.dispositions.open}件、調査中${input.dispositions.investigating}件。担当者が確認し、判断と対応（本人への聴取、所属長への連絡、インシデントとしての登録）を記録してください。` },
        ] satisfies DocBlock[])
      : ([{ kind: 'text', text: `検知${s.alerts}件は未確認です（画面で監査を実行すると処置状況を記録できます）。担当者が確認し、正当・不適切の判断と対応を記録してください。` }] satisfies DocBlock[])),
    { kind: 'text', text: '本報告は医療情報システムの安全管理に関するガイドライン第6.0版（システム運用編17）に基づく定期的なアクセスログの確認として作成しました。' },
  );
  return { title, blocks };
}
