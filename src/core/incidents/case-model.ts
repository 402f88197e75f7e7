/**
 * Vocabulary of an incident case (インシデント). Keys are stored; labels are what people read.
 */
export const CASE_TYPES = [
  'ransomware',
  'unauthorized_access',
  'mailbox_takeover',
  'spoofed_mail_malware',
  'insider_misuse',
  'loss_missend',
  'other',
] as const;
export type CaseType = (typeof CASE_TYPES)[number];

export const CASE_TYPE_LABELS: Readonly<Record<CaseType, string>> = {
  ransomware: 'ランサムウェア',
  unauthorized_access: '不正アクセス',
  mailbox_takeover: 'メールアカウント乗っ取り',
  spoofed_mail_malware: 'なりすましメール・マルウェア',
  insider_misuse: '内部不正・不正閲覧',
  loss_missend: '紛失・誤送信',
  other: 'その他',
};

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const SEVERITY_LABELS: Readonly<Record<Severity, string>> = { low: '低', medium: '中', high: '高', critical: '緊急' };

/** Phases in order (NIST-style, as hospitals' BCPs name them). */
export const PHASES = ['detect', 'analyze', 'contain', 'eradicate', 'recover', 'post'] as const;
export type Phase = (typeof PHASES)[number];
export const PHASE_LABELS: Readonly<Record<Phase, string>> = {
  detect: '検知',
  analyze: '分析',
  contain: '封じ込め',
  eradicate: '根絶',
  recover: '復旧',
  post: '事後',
};

export const CASE_STATUSES = ['open', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Case types where an attacker acted on purpose: 規則7条3号 (不正の目的) is presumed. */
export const MALICIOUS_BY_DEFAULT: ReadonlySet<CaseType> = new Set<CaseType>([
  'ransomware',
  'unauthorized_access',
  'mailbox_takeover',
  'spoofed_mail_malware',
  'insider_misuse',
]);

/** Case number shown to people: 2026-0007. */
export function formatCaseNumber(year: number, sequence: number): string {
  return `${year}-${String(sequence).padStart(4, '0')}`;
}

export function isCaseType(v: string): v is CaseType {
  return (CASE_TYPES as readonly string[]).includes(v);
}
