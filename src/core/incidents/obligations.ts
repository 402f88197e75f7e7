/**
 * From a legal assessment to the list of things the hospital must send, to whom, by when.
 * Authorities and their contacts live in an editable registry (database); this module only
 * decides *which* kinds apply and their deadlines.
 */
import { MALICIOUS_BY_DEFAULT, type CaseType } from './case-model.js';
import { deadlineOnDay, type Deadline, type DeadlineRules } from './deadlines.js';
import type { Regime, TriggerDecision } from './legal-assessment.js';

export const OBLIGATION_KINDS = [
  'ppc_sokuho',
  'ppc_kakuho',
  'individual_notice',
  'mhlw',
  'prefecture',
  'police',
  'mext',
  'founder',
  'ipa',
] as const;
export type ObligationKind = (typeof OBLIGATION_KINDS)[number];

export const OBLIGATION_LABELS: Readonly<Record<ObligationKind, string>> = {
  ppc_sokuho: '個人情報保護委員会への報告（速報）',
  ppc_kakuho: '個人情報保護委員会への報告（確報）',
  individual_notice: '本人への通知',
  mhlw: '厚生労働省への報告',
  prefecture: '都道府県・保健所への報告',
  police: '警察への相談・被害届',
  mext: '文部科学省への報告',
  founder: '設置者・法人本部への報告',
  ipa: 'IPAへの届出（任意）',
};

export interface HospitalProfile {
  name: string;
  regime: Regime;
  universityHospital: boolean;
  /** 設置者・法人本部 to notify (e.g. 県, 法人本部); null when the hospital is its own founder. */
  founderBody: string | null;
}

export const DEFAULT_HOSPITAL_PROFILE: Readonly<HospitalProfile> = Object.freeze({
  name: '',
  regime: 'art26',
  universityHospital: false,
  founderBody: null,
});

export interface GeneratedObligation {
  kind: ObligationKind;
  required: boolean;
  basis: string;
  deadline: Deadline;
}

/** Case types that are cyber attacks on hospital systems (MHLW asks to be told). */
const CYBER: ReadonlySet<CaseType> = new Set<CaseType>(['ransomware', 'unauthorized_access', 'mailbox_takeover', 'spoofed_mail_malware']);

export function generateObligations(input: {
  caseType: CaseType;
  knownAt: Date;
  decision: TriggerDecision;
  profile: HospitalProfile;
  rules: DeadlineRules;
}): GeneratedObligation[] {
  const { caseType, knownAt, decision, profile, rules } = input;
  const out: GeneratedObligation[] = [];
  const asap = deadlineOnDay(knownAt, rules.asapDueDay, rules);
  const add = (kind: ObligationKind, required: boolean, basis: string, deadline: Deadline = asap) =>
    out.push({ kind, required, basis, deadline });

  const regimeArticle = profile.regime === 'art68' ? '法68条' : '法26条';
  if (decision.reportable) {
    add('ppc_sokuho', true, `${regimeArticle}1項・規則8条1項（速やかに、概ね3～5日以内）`, deadlineOnDay(knownAt, rules.sokuhoDueDay, rules, rules.sokuhoWarnDay));
    const days = decision.r7_3_malicious ? rules.kakuhoDaysMalicious : rules.kakuhoDays;
    add('ppc_kakuho', true, `${regimeArticle}1項・規則8条2項（知った日から${days}日以内${decision.r7_3_malicious ? '、3号該当' : ''}）`, deadlineOnDay(knownAt, days, rules, Math.max(1, Math.floor(days * 0.8))));
    add('individual_notice', true, `${regimeArticle}2項・規則10条（状況に応じて速やかに。困難な場合は公表・問合せ窓口等の代替措置）`);
  }
  const cyber = CYBER.has(caseType);
  if (decision.reportable || cyber) {
    add('mhlw', true, '厚生労働省通知（平成30年10月29日）: 個人情報の漏えい又は診療への支障（おそれを含む）');
    add('prefecture', true, '医療法25条・都道府県／保健所の指導（立入検査 2-19）');
    if (profile.universityHospital) add('mext', true, '大学病院: 文部科学省への報告');
    if (profile.founderBody) add('founder', true, `設置者・法人本部への報告（${profile.founderBody}）`);
  }
  if (MALICIOUS_BY_DEFAULT.has(caseType)) add('police', false, '不正アクセス禁止法等: 警察（サイバー犯罪相談窓口）への相談・被害届');
  if (cyber) add('ipa', false, 'IPA 情報セキュリティ安心相談窓口・届出（任意）');
  return out;
}

export type ObligationStatus = 'open' | 'submitted' | 'not_required';

export interface StoredObligation {
  kind: ObligationKind;
  status: ObligationStatus;
  dueAt: Date;
}

export interface ReconcilePlan {
  create: GeneratedObligation[];
  /** Open obligations whose deadline or basis changed. */
  update: Array<{ kind: ObligationKind; next: GeneratedObligation }>;
  /** Open obligations that no longer apply: kept, marked not_required (history is never deleted). */
  retire: ObligationKind[];
  /** Previously retired obligations that apply again. */
  reopen: Array<{ kind: ObligationKind; next: GeneratedObligation }>;
}

/**
 * Compare what the latest assessment requires with what is stored. Submitted obligations are
 * never changed: a submitted 確報 stays submitted even if the count later grows (a 続報 is a new
 * submission recorded against it).
 */
export function reconcileObligations(stored: readonly StoredObligation[], generated: readonly GeneratedObligation[]): ReconcilePlan {
  const plan: ReconcilePlan = { create: [], update: [], retire: [], reopen: [] };
  const byKind = new Map(stored.map((s) => [s.kind, s]));
  const wanted = new Set(generated.map((g) => g.kind));
  for (const g of generated) {
    const s = byKind.get(g.kind);
    if (!s) plan.create.push(g);
    else if (s.status === 'not_required') plan.reopen.push({ kind: g.kind, next: g });
    else if (s.status === 'open') plan.update.push({ kind: g.kind, next: g });
  }
  for (const s of stored) if (!wanted.has(s.kind) && s.status === 'open') plan.retire.push(s.kind);
  return plan;
}
