/** API contract of the incident & breach management module. */
import { z } from 'zod';
import type { DueState } from '../core/incidents/deadlines.js';
import type { TriggerDecision } from '../core/incidents/legal-assessment.js';

export type { DueState, TriggerDecision };

const caseType = z.enum(['ransomware', 'unauthorized_access', 'mailbox_takeover', 'spoofed_mail_malware', 'insider_misuse', 'loss_missend', 'other']);
const severity = z.enum(['low', 'medium', 'high', 'critical']);
const phase = z.enum(['detect', 'analyze', 'contain', 'eradicate', 'recover', 'post']);
const instant = z.iso.datetime({ offset: true });
const dataItem = z.enum([
  'patient_id', 'name', 'sex', 'address', 'phone', 'birth_date', 'email', 'insurance_number', 'my_number',
  'diagnosis', 'test_result', 'medical_record', 'prescription', 'credit_card', 'bank_account', 'login_credentials', 'other',
]);

export const CreateCaseRequest = z
  .object({
    title: z.string().trim().min(1).max(200),
    type: caseType,
    severity: severity.default('high'),
    knownAt: instant,
    occurredAt: instant.nullable().optional(),
    summary: z.string().max(10_000).default(''),
    tags: z.array(z.string().trim().min(1).max(50)).max(30).default([]),
  })
  .strict();
export type CreateCaseRequest = z.infer<typeof CreateCaseRequest>;

export const UpdateCaseRequest = z
  .object({
    title: z.string().trim().min(1).max(200).optional(),
    type: caseType.optional(),
    severity: severity.optional(),
    phase: phase.optional(),
    status: z.enum(['open', 'closed']).optional(),
    knownAt: instant.optional(),
    occurredAt: instant.nullable().optional(),
    summary: z.string().max(10_000).optional(),
    tags: z.array(z.string().trim().min(1).max(50)).max(30).optional(),
    ownerId: z.string().max(64).nullable().optional(),
  })
  .strict();
export type UpdateCaseRequest = z.infer<typeof UpdateCaseRequest>;

export const TimelineEntryRequest = z
  .object({
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/).nullable().default(null),
    approximate: z.boolean().default(false),
    source: z.string().max(200).default(''),
    category: z.string().max(100).default(''),
    body: z.string().trim().min(1).max(4000),
    inPublicNotice: z.boolean().default(false),
    inAuthorityReport: z.boolean().default(false),
    evidenceIds: z.array(z.string().max(64)).max(50).default([]),
  })
  .strict();
export type TimelineEntryRequest = z.infer<typeof TimelineEntryRequest>;

export const ExposureRequest = z
  .object({
    population: z.enum(['patient', 'staff', 'trainee', 'business_partner', 'other']),
    count: z.number().int().min(0).max(100_000_000),
    countIsEstimate: z.boolean().default(false),
    items: z.array(dataItem).max(30).default([]),
    sensitive: z.boolean().default(false),
    financial: z.boolean().default(false),
    malicious: z.boolean().default(false),
    highEncryption: z.boolean().default(false),
    note: z.string().max(2000).default(''),
  })
  .strict();
export type ExposureRequest = z.infer<typeof ExposureRequest>;

export const AssessRequest = z.object({ rationale: z.string().trim().min(1).max(4000) }).strict();

export const SubmissionRequest = z
  .object({
    status: z.enum(['open', 'submitted', 'not_required']),
    submittedAt: instant.nullable().optional(),
    channel: z.string().max(200).nullable().optional(),
    receiptRef: z.string().max(200).nullable().optional(),
    note: z.string().max(2000).optional(),
  })
  .strict();
export type SubmissionRequest = z.infer<typeof SubmissionRequest>;

export const HospitalProfileRequest = z
  .object({
    name: z.string().trim().max(200),
    regime: z.enum(['art26', 'art68']),
    universityHospital: z.boolean(),
    founderBody: z.string().trim().max(200).nullable(),
  })
  .strict();
export type HospitalProfileRequest = z.infer<typeof HospitalProfileRequest>;

export interface ObligationView {
  id: string;
  kind: string;
  label: string;
  required: boolean;
  basis: string;
  dueDate: string;
  dueAt: string;
  state: DueState | 'not_required';
  status: 'open' | 'submitted' | 'not_required';
  submittedAt: string | null;
  channel: string | null;
  receiptRef: string | null;
  note: string;
}

export interface CaseSummaryView {
  id: string;
  number: string;
  title: string;
  type: string;
  severity: string;
  status: string;
  phase: string;
  knownAt: string;
  nextObligation: ObligationView | null;
  overdue: number;
  dueSoon: number;
}

export interface CaseView extends Omit<CaseSummaryView, 'nextObligation' | 'overdue' | 'dueSoon'> {
  occurredAt: string | null;
  ownerId: string | null;
  tags: string[];
  summary: string;
  createdAt: string;
  updatedAt: string;
}

export interface TimelineEntryView {
  id: string;
  date: string;
  time: string | null;
  approximate: boolean;
  source: string;
  category: string;
  body: string;
  inPublicNotice: boolean;
  inAuthorityReport: boolean;
  evidenceIds: string[];
}

export interface ExposureView {
  id: string;
  population: string;
  count: number;
  countIsEstimate: boolean;
  items: string[];
  sensitive: boolean;
  financial: boolean;
  malicious: boolean;
  highEncryption: boolean;
  note: string;
}

export interface AssessmentView {
  id: string;
  at: string;
  decidedBy: string;
  rationale: string;
  regime: string;
  decision: TriggerDecision;
}

export interface CaseChangeView {
  at: string;
  actorName: string;
  entity: string;
  field: string;
  before: unknown;
  after: unknown;
}

export const PeopleImportRequest = z.object({ csv: z.string().max(50 * 1024 * 1024), filename: z.string().max(200).default('upload.csv') }).strict();
export const CampaignRequest = z.object({ name: z.string().trim().min(1).max(200), channel: z.enum(['in_person', 'post', 'phone', 'email']) }).strict();
export const RecipientStatusRequest = z
  .object({
    recipientIds: z.array(z.string().max(64)).min(1).max(200_000),
    status: z.enum(['pending', 'sent', 'delivered', 'returned', 'unreachable']),
    note: z.string().max(1000).optional(),
  })
  .strict();
export const MeasureRequest = z.object({ kind: z.enum(['public_notice', 'hotline']), description: z.string().trim().min(1).max(2000) }).strict();

export interface PeopleImportResult {
  rows: number;
  created: number;
  merged: number;
  errors: Array<{ line: number; reason: string }>;
}

/** One affected person. Personal data: only sent to holders of `pii:read`, and each read is audited. */
export interface PersonView {
  id: string;
  population: string;
  name: string;
  nameKana: string;
  birthDate: string | null;
  patientId: string;
  postalCode: string;
  address: string;
  phone: string;
  email: string;
  items: string[];
  sources: string[];
}

export interface CampaignView {
  id: string;
  name: string;
  channel: string;
  createdAt: string;
  counts: Record<string, number>;
}

export interface RecipientView {
  id: string;
  personId: string;
  name: string;
  patientId: string;
  address: string;
  status: string;
  attempts: number;
  lastAttemptAt: string | null;
  note: string;
}

export interface ReachabilityView {
  people: number;
  unreachable: number;
  alternativeNeeded: boolean;
  measures: Array<{ id: string; kind: string; description: string; peopleCount: number; createdAt: string }>;
}

export const NoticeEditRequest = z
  .object({
    title: z.string().max(300).optional(),
    preamble: z.string().max(10_000).optional(),
    closing: z.string().max(5_000).optional(),
    sections: z.array(z.object({ key: z.string().max(40), body: z.string().max(20_000) }).strict()).max(20).optional(),
  })
  .strict();
export const NoticeExportQuery = z.object({ format: z.enum(['docx', 'html', 'txt']) }).strict();

export interface NoticeView {
  id: string;
  edition: number;
  status: 'draft' | 'published';
  publishedAt: string | null;
  changed: string[];
  content: {
    dateText: string;
    addressee: string;
    sender: string;
    title: string;
    preamble: string;
    sections: Array<{ key: string; heading: string; body: string }>;
    annex: Array<{ when: string; text: string }>;
    closing: string;
  };
}

export const TaskUpdateRequest = z.object({ status: z.enum(['todo', 'doing', 'done', 'skipped']).optional(), assigneeId: z.string().max(64).nullable().optional() }).strict();
export const SystemRequest = z
  .object({
    name: z.string().trim().min(1).max(200),
    quantity: z.number().int().min(1).max(100_000).default(1),
    status: z.enum(['unconfirmed', 'compromised', 'not_compromised', 'unknown']).default('unconfirmed'),
    remoteMaintenance: z.boolean().default(false),
    vendor: z.string().max(200).default(''),
    note: z.string().max(2000).default(''),
  })
  .strict();
export const SystemStatusRequest = z.object({ status: z.enum(['unconfirmed', 'compromised', 'not_compromised', 'unknown']) }).strict();
export const ContainmentRequest = z
  .object({
    systemId: z.string().max(64).nullable().default(null),
    type: z.string().trim().min(1).max(100),
    at: z.iso.datetime({ offset: true }),
    actorName: z.string().max(100).default(''),
    note: z.string().max(2000).default(''),
  })
  .strict();
export const EvidenceUploadQuery = z
  .object({
    filename: z.string().trim().min(1).max(255),
    description: z.string().max(2000).default(''),
    acquiredAt: z.iso.datetime({ offset: true }).optional(),
    acquiredBy: z.string().max(100).default(''),
    source: z.string().max(300).default(''),
  })
  .strict();
export const CustodyRequest = z.object({ action: z.string().trim().min(1).max(100), note: z.string().max(2000).default('') }).strict();

export interface TaskView {
  id: string;
  key: string;
  title: string;
  detail: string;
  role: string;
  assigneeId: string | null;
  dueAt: string;
  status: string;
  doneAt: string | null;
  doneBy: string | null;
  overdue: boolean;
}

export interface SystemView {
  id: string;
  name: string;
  quantity: number;
  status: string;
  remoteMaintenance: boolean;
  vendor: string;
  note: string;
}

export interface ContainmentView {
  id: string;
  systemId: string | null;
  type: string;
  at: string;
  actorName: string;
  note: string;
}

export interface EvidenceView {
  id: string;
  sha256: string;
  size: number;
  filename: string;
  description: string;
  acquiredAt: string;
  acquiredBy: string;
  source: string;
  custody: Array<{ at: string; action: string; actorName: string; note: string }>;
}

export const HotlineLookupRequest = z
  .object({ name: z.string().max(100).optional(), birthDate: z.string().max(30).optional(), patientId: z.string().max(50).optional() })
  .strict()
  .refine((q) => Boolean(q.patientId) || (Boolean(q.name) && Boolean(q.birthDate)), { message: '患者ID、または氏名と生年月日を入力してください' });
export const HotlineCallRequest = z
  .object({
    at: z.iso.datetime({ offset: true }).optional(),
    topic: z.string().trim().min(1).max(200),
    note: z.string().max(4000).default(''),
    name: z.string().max(100).optional(),
    birthDate: z.string().max(30).optional(),
    patientId: z.string().max(50).optional(),
  })
  .strict();
/** Letters are produced in batches (one file per batch) so memory stays bounded for 10万人 breaches. */
export const LETTER_BATCH_MAX = 1000;
export const LettersQuery = z
  .object({
    format: z.enum(['docx', 'html']),
    status: z.enum(['pending', 'sent', 'delivered', 'returned', 'unreachable']).optional(),
    offset: z.coerce.number().int().min(0).default(0),
    limit: z.coerce.number().int().min(1).max(LETTER_BATCH_MAX).default(LETTER_BATCH_MAX),
  })
  .strict();

export interface HotlineLookupView {
  found: boolean;
  method: 'patient_id' | 'name_birth' | null;
  /** Only what the operator needs to answer the caller. */
  items: string[];
}

export interface HotlineCallView {
  id: string;
  at: string;
  topic: string;
  inRegister: boolean;
  matchMethod: string | null;
  note: string;
  takenBy: string;
}

export const AuthorityRequest = z
  .object({ name: z.string().trim().min(1).max(200), contact: z.string().max(500).default(''), phone: z.string().max(100).default(''), url: z.string().max(500).default(''), note: z.string().max(2000).default('') })
  .strict();

export interface AuthorityView {
  id: string;
  kind: string;
  name: string;
  contact: string;
  phone: string;
  url: string;
  note: string;
}

// ---- Breach scoping (issue 4) ----

export const ScanStartRequest = z.object({ evidenceId: z.string().uuid() }).strict();

export interface BreachRowView {
  level: 0 | 1;
  label: string;
  category: string | null;
  items: number;
  persons: number;
  kinds: string[];
  status?: string;
}

export interface ScanSummaryView {
  items: number;
  itemsWithPii: number;
  persons: number;
  personRecords: number;
  itemsUninspected: number;
  table: BreachRowView[];
  /** 「項目：…」 and 「約N人」 ready for a notice. */
  noticeItems: string;
  approxPersons: string;
}

export interface ScanView {
  id: string;
  evidenceId: string;
  sourceName: string;
  state: string;
  jobId: string | null;
  itemsTotal: number | null;
  itemsDone: number;
  error: string | null;
  importedAt: string | null;
  createdAt: string;
  finishedAt: string | null;
  summary: ScanSummaryView | null;
}

export interface ScanPartView {
  part: string;
  name: string;
  kinds: Record<string, number>;
  persons: number;
  status: string;
  category: string;
  reason?: string;
}

export interface ScanItemView {
  item: string;
  messageId: string | null;
  kinds: Record<string, number>;
  persons: number;
  sensitive: boolean;
  category: string;
  parts: ScanPartView[];
}

export interface ScanPersonView {
  itemSeq: number;
  category: string;
  /** Masked (山＊＊＊) unless revealed by the privacy officer. */
  values: Record<string, string>;
  kinds: string[];
}

// ---- EHR access audit (issue 5) ----

export const EhrAuditRunRequest = z
  .object({
    from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
    to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  })
  .strict();

export const EhrAlertReviewRequest = z.object({ state: z.enum(['open', 'investigating', 'justified', 'inappropriate']), note: z.string().max(4000).default('') }).strict();

export interface EhrAlertView {
  id: string;
  rule: string;
  ruleLabel: string;
  userId: string;
  patientId: string | null;
  firstAt: string;
  lastAt: string;
  score: number;
  eventCount: number;
  reason: string;
  state: string;
  stateLabel: string;
  note: string;
  caseId: string | null;
  reviewedBy: string | null;
}

export interface EhrAccessView {
  eventId: string;
  at: string;
  userId: string;
  patientId: string | null;
  sessionId: string;
  terminalId: string;
  userName: string;
  department: string;
  action: string;
  screen: string;
  explanation: string | null;
  relation: string | null;
}

/** One alert with the accesses it cites. */
export interface EhrAlertDetailView {
  alert: EhrAlertView;
  accesses: EhrAccessView[];
}

/** An EHR import (uploaded from the UI or run by `mamori ehr import`). Rejections name file, line and column, never a value. */
export interface EhrImportView {
  id: string;
  source: string;
  at: string;
  state: 'collecting' | 'queued' | 'running' | 'succeeded' | 'failed';
  createdBy: string | null;
  files: Array<{ name: string; size: number }>;
  /** Bytes of the access log read so far. */
  progress: { done: number; total: number } | null;
  result: { eventsNew: number; eventsSeen: number; rejected: number; rejects: Array<{ file: string; line: number; reason: string }>; files: Array<{ file: string; rows: number }> } | null;
  error: string | null;
  finishedAt: string | null;
}

// ---- Mail threats (issue 6) ----

export const MAIL_STATES = ['open', 'confirmed', 'false_positive'] as const;
export type MailState = (typeof MAIL_STATES)[number];
export const MailReviewRequest = z.object({ state: z.enum(MAIL_STATES), note: z.string().max(4000).default('') }).strict();
export const MailEscalateRequest = z.object({ caseId: z.string().max(64).nullable().default(null) }).strict();
export const CorrespondentsImportRequest = z
  .object({
    evidenceId: z.string().min(1).max(64),
    since: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
    until: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
    excludeDomains: z.array(z.string().max(253)).max(50).default([]),
  })
  .strict();

export const TAKEOVER_STATES = ['open', 'investigating', 'confirmed', 'false_positive'] as const;
export type TakeoverState = (typeof TAKEOVER_STATES)[number];
export const TakeoverReviewRequest = z.object({ state: z.enum(TAKEOVER_STATES), note: z.string().max(4000).default('') }).strict();

export interface LogFileView {
  id: string;
  name: string;
  size: number;
  sha256: string;
  format: string;
  formatLabel: string;
  lines: number | null;
  events: number | null;
  rejected: number | null;
  /** First unreadable lines: file, line and reason (never the content). */
  rejects: Array<{ line: number; reason: string }>;
  uploadedAt: string;
}

export interface LogRunView {
  id: string;
  state: 'collecting' | 'queued' | 'running' | 'succeeded' | 'failed';
  stateLabel: string;
  createdAt: string;
  createdBy: string;
  jobId: string | null;
  accounts: number | null;
  events: { logins: number; sends: number; forwards: number } | null;
  dataStart: string | null;
  dataEnd: string | null;
  alerts: number | null;
  error: string | null;
  finishedAt: string | null;
  files: LogFileView[];
}

export interface TakeoverAlertView {
  id: string;
  runId: string;
  account: string;
  severity: '危険' | '注意';
  score: number;
  windowStart: string;
  windowEnd: string;
  findings: Array<{ code: string; text: string; weight: number; first: string; last: string }>;
  suspectIps: Array<{ ip: string; country: string | null; label: string }>;
  sentInWindow: number;
  externalRecipients: number;
  state: TakeoverState;
  stateLabel: string;
  note: string;
  caseId: string | null;
  reviewedBy: string | null;
}

export interface TakeoverAlertDetailView {
  alert: TakeoverAlertView;
  /** The log lines the findings cite, in time order. */
  evidence: Array<{ at: string; file: string; line: number; text: string; raw: string }>;
}

export interface MailReasonView {
  code: string;
  text: string;
  weight: number;
}

export interface MailMessageView {
  id: string;
  source: string;
  item: string;
  messageId: string | null;
  fromAddress: string;
  fromName: string;
  subject: string;
  sentAt: string | null;
  receivedAt: string;
  verdict: '安全' | '注意' | '危険';
  score: number;
  reasons: MailReasonView[];
  indicators: { sender: string; domains: string[]; urls: string[]; attachments: Array<{ filename: string; sha256: string }> };
  state: string;
  stateLabel: string;
  note: string;
  caseId: string | null;
  reviewedBy: string | null;
}

export interface MailDetailView {
  message: MailMessageView;
  headers: Array<{ key: string; value: string }>;
  text: string;
  quoted: string;
  attachments: Array<{ filename: string; size: number; sha256: string; flags: string[] }>;
}
