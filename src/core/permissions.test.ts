import { describe, expect, it } from 'vitest';
import { can, PERMISSIONS } from './permissions.js';
import { ROLES } from './roles.js';

describe('role policy', () => {
  it('only the administrator manages users', () => {
    expect(ROLES.filter((r) => can(r, 'users:manage'))).toEqual(['admin']);
  });
  it('the auditor reads the trail but changes nothing and exports no personal data', () => {
    expect(can('auditor', 'audit:read')).toBe(true);
    expect(can('auditor', 'incidents:write')).toBe(false);
    expect(can('auditor', 'pii:export')).toBe(false);
  });
  it('the viewer has read-only dashboard access', () => {
    expect(PERMISSIONS.filter((p) => can('viewer', p))).toEqual(['dashboard:read', 'incidents:read', 'preparedness:read']);
  });
});
