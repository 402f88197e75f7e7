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

export interface DB {
  users: UsersTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  jobs: JobsTable;
  settings: SettingsTable;
}
