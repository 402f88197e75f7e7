/**
 * Table types for Kysely. Portable column conventions (see docs/adr/0002-embedded-database.md):
 * timestamps are ISO-8601 UTC text, booleans are 0/1 integers, JSON is text, ids are UUID text —
 * so the same repository code reads identical values from SQLite and PostgreSQL.
 */
export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  role: string;
  password_hash: string;
  mfa_secret: string | null;
  mfa_pending_secret: string | null;
  mfa_enabled: number;
  mfa_required: number;
  must_change_password: number;
  disabled: number;
  failed_count: number;
  lockout_count: number;
  locked_until: string | null;
  last_totp_step: number | null;
  last_login_at: string | null;
  password_changed_at: string;
  created_at: string;
  updated_at: string;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  stage: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  locked: number;
  ip: string | null;
  revoked_at: string | null;
}

export interface AuditLogTable {
  seq: number;
  at: string;
  actor_id: string | null;
  actor_name: string;
  action: string;
  target_type: string | null;
  target_id: string | null;
  outcome: string;
  ip: string | null;
  detail: string;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface JobsTable {
  id: string;
  name: string;
  payload: string;
  state: string;
  progress_done: number;
  progress_total: number | null;
  message: string | null;
  summary: string | null;
  result: string | null;
  attempts: number;
  max_attempts: number;
  run_after: string;
  locked_by: string | null;
  locked_at: string | null;
  created_by: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

export interface SettingsTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface CasesTable {
  id: string;
  number: string;
  year: number;
  seq: number;
  title: string;
  type: string;
  severity: string;
  status: string;
  phase: string;
  known_at: string;
  occurred_at: string | null;
  owner_id: string | null;
  /** JSON array of user ids. */
  team: string;
  /** JSON array of strings. */
  tags: string;
  summary: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface CaseChangesTable {
  id: string;
  case_id: string;
  at: string;
  actor_id: string | null;
  actor_name: string;
  entity: string;
  entity_id: string;
  field: string;
  /** JSON values. */
  before: string;
  after: string;
}

export interface TimelineEntriesTable {
  id: string;
  case_id: string;
  /** JST calendar date YYYY-MM-DD. */
  date: string;
  /** JST HH:MM or null. */
  time: string | null;
  approximate: number;
  source: string;
  category: string;
  body: string;
  in_public_notice: number;
  in_authority_report: number;
  /** JSON array of evidence ids supporting this entry. */
  evidence_ids: string;
  deleted: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface ExposuresTable {
  id: string;
  case_id: string;
  population: string;
  count: number;
  count_is_estimate: number;
  /** JSON array of DataItem keys. */
  items: string;
  sensitive: number;
  financial: number;
  malicious: number;
  high_encryption: number;
  note: string;
  deleted: number;
  created_at: string;
  updated_at: string;
}

export interface AssessmentsTable {
  id: string;
  case_id: string;
  /** 1, 2, 3 … per case: the order of decisions (timestamps can tie). */
  seq: number;
  at: string;
  decided_by_id: string | null;
  decided_by_name: string;
  rationale: string;
  regime: string;
  /** JSON TriggerDecision. */
  decision: string;
  /** JSON snapshot of the exposures assessed. */
  exposures: string;
}

export interface ObligationsTable {
  id: string;
  case_id: string;
  kind: string;
  required: number;
  basis: string;
  due_date: string;
  due_at: string;
  warn_at: string | null;
  status: string;
  submitted_at: string | null;
  channel: string | null;
  receipt_ref: string | null;
  note: string;
  created_at: string;
  updated_at: string;
}

export interface AuthoritiesTable {
  id: string;
  kind: string;
  name: string;
  contact: string;
  phone: string;
  url: string;
  note: string;
  updated_at: string;
}

export interface AffectedPeopleTable {
  id: string;
  case_id: string;
  population: string;
  name: string;
  name_kana: string;
  birth_date: string | null;
  patient_id: string;
  postal_code: string;
  address: string;
  phone: string;
  email: string;
  /** JSON array of DataItem keys exposed for this person. */
  items: string;
  /** JSON array of where the record came from (file:line), for the de-duplication trail. */
  sources: string;
  key_pid: string | null;
  key_name_birth: string | null;
  created_at: string;
  updated_at: string;
}

export interface NotificationCampaignsTable {
  id: string;
  case_id: string;
  name: string;
  channel: string;
  created_by: string | null;
  created_at: string;
}

export interface CampaignRecipientsTable {
  id: string;
  campaign_id: string;
  person_id: string;
  status: string;
  attempts: number;
  last_attempt_at: string | null;
  note: string;
  updated_at: string;
}

export interface AlternativeMeasuresTable {
  id: string;
  case_id: string;
  kind: string;
  description: string;
  people_count: number;
  created_by: string | null;
  created_at: string;
}

export interface PublicNoticesTable {
  id: string;
  case_id: string;
  edition: number;
  /** draft | published */
  status: string;
  /** JSON NoticeContent. */
  content: string;
  /** JSON array of section keys marked （更新）. */
  changed: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  published_at: string | null;
  published_by: string | null;
}

export interface CaseTasksTable {
  id: string;
  case_id: string;
  key: string;
  title: string;
  detail: string;
  /** Role expected to do it (from the playbook). */
  role: string;
  assignee_id: string | null;
  ord: number;
  due_at: string;
  /** todo | doing | done | skipped */
  status: string;
  done_at: string | null;
  done_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface AffectedSystemsTable {
  id: string;
  case_id: string;
  name: string;
  quantity: number;
  /** unconfirmed | compromised | not_compromised | unknown */
  status: string;
  remote_maintenance: number;
  vendor: string;
  note: string;
  created_at: string;
  updated_at: string;
}

export interface ContainmentActionsTable {
  id: string;
  case_id: string;
  system_id: string | null;
  type: string;
  at: string;
  actor_name: string;
  note: string;
  created_by: string | null;
  created_at: string;
}

export interface EvidenceTable {
  id: string;
  case_id: string;
  sha256: string;
  size: number;
  filename: string;
  description: string;
  acquired_at: string;
  acquired_by: string;
  source: string;
  created_by: string | null;
  created_at: string;
}

export interface ScansTable {
  id: string;
  case_id: string;
  evidence_id: string;
  source_name: string;
  /** queued | running | succeeded | failed */
  state: string;
  job_id: string | null;
  items_total: number | null;
  items_done: number;
  /** JSON ScanSummaryLine once finished (counts and the breach table; no personal data). */
  summary: string | null;
  error: string | null;
  imported_at: string | null;
  created_by: string | null;
  created_at: string;
  finished_at: string | null;
}

export interface ScanItemsTable {
  scan_id: string;
  seq: number;
  item: string;
  message_id: string | null;
  category: string;
  persons: number;
  sensitive: number;
  kinds: string;
  parts: string;
}

/** Personal data: one person record found by a scan (values JSON keyed by PII kind). */
export interface ScanPersonsTable {
  scan_id: string;
  item_seq: number;
  ord: number;
  category: string;
  vals: string;
  kinds: string;
}

/** One validated EHR master row (staff, patients, encounters …) as JSON, keyed per kind. */
export interface EhrRowsTable {
  kind: string;
  row_key: string;
  data: string;
  imported_at: string;
}

export interface EhrEventsTable {
  event_id: string;
  /** ISO UTC, for window queries. */
  at: string;
  data: string;
  imported_at: string;
  /** The explanation code the last audit gave this access (explain.ts), null when unexplained or not audited. */
  explanation: string | null;
  /** Copied from the event for indexed lookups (patient and session null when empty). */
  user_id: string | null;
  patient_id: string | null;
  session_id: string | null;
}

export interface EhrAlertsTable {
  id: string;
  fingerprint: string;
  rule: string;
  user_id: string;
  patient_id: string | null;
  first_at: string;
  last_at: string;
  score: number;
  event_ids: string;
  reason: string;
  /** open | investigating | justified | inappropriate */
  state: string;
  note: string;
  case_id: string | null;
  reviewed_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface MailMessagesTable {
  id: string;
  sha256: string;
  size: number;
  /** api | upload | watch */
  source: string;
  /** Where the message came from (file name, mbox#n, watched path). */
  item: string;
  message_id: string | null;
  from_address: string;
  from_name: string;
  subject: string;
  sent_at: string | null;
  /** 安全 | 注意 | 危険 */
  verdict: string;
  score: number;
  /** JSON Reason[] */
  reasons: string;
  /** JSON Indicators */
  indicators: string;
  /** open | confirmed | false_positive */
  state: string;
  note: string;
  case_id: string | null;
  reviewed_by: string | null;
  received_at: string;
  updated_at: string;
}

export interface MailLogRunsTable {
  id: string;
  /** collecting | queued | running | succeeded | failed */
  state: string;
  created_by: string;
  created_at: string;
  job_id: string | null;
  accounts: number | null;
  /** JSON { logins, sends, forwards } */
  events: string | null;
  data_start: string | null;
  data_end: string | null;
  alerts: number | null;
  error: string | null;
  finished_at: string | null;
}

export interface MailLogFilesTable {
  id: string;
  run_id: string;
  /** The uploaded file name (evidence lines cite it). */
  name: string;
  sha256: string;
  size: number;
  /** maillog | m365-sign-in | m365-message-trace | m365-audit | unknown */
  format: string;
  lines: number | null;
  events: number | null;
  rejected: number | null;
  /** JSON LogReject[] (file, line, reason — never the line) */
  rejects: string | null;
  uploaded_at: string;
}

export interface MailTakeoverAlertsTable {
  id: string;
  run_id: string;
  account: string;
  /** 危険 | 注意 */
  severity: string;
  score: number;
  window_start: string;
  window_end: string;
  /** JSON findings (code, kind, text, weight, first, last) */
  findings: string;
  /** JSON [{ at, file, line, text, raw }] */
  evidence: string;
  /** JSON [{ ip, country }] */
  suspect_ips: string;
  sent_in_window: number;
  external_recipients: number;
  /** JSON [{ address, first, messages }]: outside addresses mailed in the window */
  recipients: string;
  /** open | investigating | confirmed | false_positive */
  state: string;
  note: string;
  case_id: string | null;
  reviewed_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface MailIndexTable {
  key: string;
  /** JSON IndexedMessage */
  record: string;
  learned_at: string;
}

export interface EhrImportsTable {
  id: string;
  source: string;
  at: string;
  /** JSON of the import result (files, eventsNew, eventsSeen, rejected count); '{}' until done. */
  summary: string;
  /** collecting | queued | running | succeeded | failed (CLI imports: succeeded). */
  state: string;
  created_by: string | null;
  job_id: string | null;
  files: string | null;
  progress: string | null;
  error: string | null;
  finished_at: string | null;
}

export interface CustodyEntriesTable {
  id: string;
  evidence_id: string;
  /** 1, 2, 3 … per evidence item: custody order even when timestamps tie. */
  seq: number;
  at: string;
  action: string;
  actor_name: string;
  note: string;
}

export interface HotlineCallsTable {
  id: string;
  case_id: string;
  at: string;
  topic: string;
  /** The caller found in the affected-people register, if any. */
  person_id: string | null;
  /** patient_id | name_birth | null (not found or not asked). */
  match_method: string | null;
  note: string;
  taken_by: string;
  created_at: string;
}

export interface DB {
  hotline_calls: HotlineCallsTable;
  case_tasks: CaseTasksTable;
  affected_systems: AffectedSystemsTable;
  containment_actions: ContainmentActionsTable;
  evidence: EvidenceTable;
  scans: ScansTable;
  ehr_rows: EhrRowsTable;
  ehr_events: EhrEventsTable;
  ehr_imports: EhrImportsTable;
  ehr_alerts: EhrAlertsTable;
  mail_messages: MailMessagesTable;
  mail_index: MailIndexTable;
  mail_log_runs: MailLogRunsTable;
  mail_log_files: MailLogFilesTable;
  mail_takeover_alerts: MailTakeoverAlertsTable;
  scan_items: ScanItemsTable;
  scan_persons: ScanPersonsTable;
  custody_entries: CustodyEntriesTable;
  public_notices: PublicNoticesTable;
  affected_people: AffectedPeopleTable;
  notification_campaigns: NotificationCampaignsTable;
  campaign_recipients: CampaignRecipientsTable;
  alternative_measures: AlternativeMeasuresTable;
  cases: CasesTable;
  case_changes: CaseChangesTable;
  timeline_entries: TimelineEntriesTable;
  exposures: ExposuresTable;
  assessments: AssessmentsTable;
  obligations: ObligationsTable;
  authorities: AuthoritiesTable;
  users: UsersTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  jobs: JobsTable;
  settings: SettingsTable;
}
