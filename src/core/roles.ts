/** The six roles of the foundation issue; keys are stable identifiers stored in the database. */
export const ROLES = [
  'admin',
  'security_officer',
  'privacy_officer',
  'auditor',
  'responder',
  'viewer',
] as const;

export type Role = (typeof ROLES)[number];

/** Japanese names used on screens and in printed reports. */
export const ROLE_LABELS_JA: Readonly<Record<Role, string>> = {
  admin: '管理者',
  security_officer: '安全管理責任者',
  privacy_officer: '個人情報保護担当',
  auditor: '監査担当',
  responder: '対応担当',
  viewer: '閲覧',
};

/** Roles whose holders must use two-factor authentication whatever their password length. */
export const MFA_MANDATORY_ROLES: ReadonlySet<Role> = new Set<Role>(['admin', 'security_officer']);

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
