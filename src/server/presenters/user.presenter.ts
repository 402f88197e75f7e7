import type { UserView } from '../../contracts/api.js';
import { isRole } from '../../core/roles.js';
import type { UserRow } from '../../db/repositories/user.repository.js';

/** Exactly these fields leave the server; hashes and TOTP secrets never do. */
export function presentUser(user: UserRow, now: Date): UserView {
  return {
    id: user.id,
    username: user.username,
    displayName: user.display_name,
    role: isRole(user.role) ? user.role : 'viewer',
    disabled: user.disabled === 1,
    mfaEnabled: user.mfa_enabled === 1,
    mfaRequired: user.mfa_required === 1,
    locked: user.locked_until !== null && Date.parse(user.locked_until) > now.getTime(),
    lastLoginAt: user.last_login_at,
    createdAt: user.created_at,
  };
}
