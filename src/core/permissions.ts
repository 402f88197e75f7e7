import type { Role } from './roles.js';

/**
 * Everything a route or command can ask for. Module issues add their permissions here; the
 * matrix below is the single policy every route goes through (see server/routes/route-table.ts).
 */
export const PERMISSIONS = [
  'dashboard:read',
  'users:manage',
  'audit:read',
  'audit:export',
  'audit:verify',
  'jobs:read',
  'incidents:read',
  'incidents:write',
  'scoping:run',
  'pii:read',
  /** See unmasked values in the scoping register: the privacy officer only. */
  'pii:reveal',
  'pii:export',
  'ehr_audit:read',
  /** Run EHR audits, record dispositions, escalate alerts into cases. */
  'ehr_audit:review',
  'mail:read',
  /** Submit and review messages, escalate them into cases, set the staff directory. */
  'mail:review',
  'logs:read',
  'preparedness:read',
  'preparedness:write',
  'settings:manage',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

const ALL: readonly Permission[] = PERMISSIONS;

/**
 * Role → permission matrix. Separation of duties: the administrator manages accounts; the
 * auditor can read everything needed to audit but change nothing and export no personal data.
 */
const MATRIX: Readonly<Record<Role, readonly Permission[]>> = {
  // Unmasked scoping values are for the privacy officer alone (issue 4), not even the admin.
  admin: ALL.filter((p) => p !== 'pii:reveal'),
  security_officer: ALL.filter((p) => p !== 'users:manage' && p !== 'pii:reveal'),
  // settings:manage (hospital profile, deadline rules): admin and security officer only.
  privacy_officer: [
    'dashboard:read',
    'audit:read',
    'audit:export',
    'jobs:read',
    'incidents:read',
    'incidents:write',
    'scoping:run',
    'pii:read',
    'pii:reveal',
    'pii:export',
    'ehr_audit:read',
    'ehr_audit:review',
    'mail:read',
    'preparedness:read',
  ],
  auditor: [
    'dashboard:read',
    'audit:read',
    'audit:export',
    'audit:verify',
    'jobs:read',
    'incidents:read',
    'ehr_audit:read',
    'mail:read',
    'logs:read',
    'preparedness:read',
  ],
  responder: [
    'dashboard:read',
    'jobs:read',
    'incidents:read',
    'incidents:write',
    'scoping:run',
    'pii:read',
    'ehr_audit:read',
    'mail:read',
    'mail:review',
    'logs:read',
    'preparedness:read',
    'preparedness:write',
  ],
  viewer: ['dashboard:read', 'incidents:read', 'preparedness:read'],
};

/** True when `role` grants `permission`. */
export function can(role: Role, permission: Permission): boolean {
  return MATRIX[role].includes(permission);
}

/** All permissions of a role, for presenting to the UI (which hides what the server refuses). */
export function permissionsOf(role: Role): Permission[] {
  return [...MATRIX[role]];
}
