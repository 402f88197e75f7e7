/**
 * The HTTP API contract: request schemas (zod, validated by the server) and response types.
 * This is the only backend module the web UI may import, and it imports types only.
 */
import { z } from 'zod';
import type { Permission } from '../core/permissions.js';
import type { Role } from '../core/roles.js';

export type { Permission, Role };

const username = z
  .string()
  .trim()
  .min(3)
  .max(64)
  .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, dot, underscore and hyphen only');

const roleSchema = z.enum(['admin', 'security_officer', 'privacy_officer', 'auditor', 'responder', 'viewer']);

export const LoginRequest = z.object({ username: z.string().max(64), password: z.string().max(1024) }).strict();
export type LoginRequest = z.infer<typeof LoginRequest>;

export const TotpRequest = z.object({ code: z.string().regex(/^\d{6}$/) }).strict();
export type TotpRequest = z.infer<typeof TotpRequest>;

export const UnlockRequest = z.object({ password: z.string().max(1024) }).strict();
export type UnlockRequest = z.infer<typeof UnlockRequest>;

export const PasswordChangeRequest = z
  .object({ currentPassword: z.string().max(1024), newPassword: z.string().max(1024) })
  .strict();
export type PasswordChangeRequest = z.infer<typeof PasswordChangeRequest>;

export const SetupRequest = z
  .object({
    token: z.string().min(16).max(256),
    username,
    displayName: z.string().trim().min(1).max(100),
    password: z.string().max(1024),
  })
  .strict();
export type SetupRequest = z.infer<typeof SetupRequest>;

export const CreateUserRequest = z
  .object({
    username,
    displayName: z.string().trim().min(1).max(100),
    role: roleSchema,
    password: z.string().max(1024),
  })
  .strict();
export type CreateUserRequest = z.infer<typeof CreateUserRequest>;

export const UpdateUserRequest = z
  .object({
    role: roleSchema.optional(),
    disabled: z.boolean().optional(),
    displayName: z.string().trim().min(1).max(100).optional(),
  })
  .strict();
export type UpdateUserRequest = z.infer<typeof UpdateUserRequest>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const AuditQuery = z
  .object({
    actor: z.string().max(64).optional(),
    action: z.string().max(64).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    beforeSeq: z.coerce.number().int().positive().optional(),
    limit: z.coerce.number().int().min(1).max(500).optional(),
  })
  .strict();
export type AuditQuery = z.infer<typeof AuditQuery>;

/** Session stage: what the holder of this session may do next. */
export type SessionStage = 'mfa' | 'enrol' | 'active';

export interface ErrorBody {
  ok: false;
  error: string;
  message: string;
  details?: Record<string, unknown>;
}

export interface MeResponse {
  user: UserView;
  stage: SessionStage;
  locked: boolean;
  csrfToken: string;
  permissions: Permission[];
  idleLockSeconds: number;
  mustChangePassword: boolean;
}

export interface LoginResponse {
  stage: SessionStage;
  csrfToken: string;
}

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  disabled: boolean;
  mfaEnabled: boolean;
  mfaRequired: boolean;
  locked: boolean;
  lastLoginAt: string | null;
  createdAt: string;
}

export interface TotpEnrolment {
  /** otpauth:// URI and the secret for manual entry; shown once. */
  uri: string;
  secret: string;
  /** QR code as a self-contained SVG data URL, rendered on the server (no network). */
  qrDataUrl: string;
}

export interface AuditEntryView {
  seq: number;
  at: string;
  actorName: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  outcome: 'success' | 'failure' | 'denied';
  ip: string | null;
  detail: Record<string, unknown>;
}

export interface AuditPage {
  entries: AuditEntryView[];
  nextBeforeSeq: number | null;
}

export interface JobView {
  id: string;
  name: string;
  state: 'queued' | 'running' | 'succeeded' | 'skipped' | 'failed';
  progressDone: number;
  progressTotal: number | null;
  message: string | null;
  summary: string | null;
  attempts: number;
  createdAt: string;
  finishedAt: string | null;
}

export interface DashboardView {
  /** Hospital name from settings (the demo sets デモ総合病院). */
  hospital: string | null;
  users: { total: number; active: number; byRole: Partial<Record<Role, number>> };
  sessionsActive: number;
  audit: { total: number; last24h: number; failedLogins24h: number; lastVerify: JobView | null };
  jobs: { queued: number; running: number; failed: number };
  incidents: { open: number; overdueObligations: number; dueSoonObligations: number };
  modules: Array<{ key: string; available: boolean }>;
}

export interface SetupStatus {
  setupRequired: boolean;
}
