import type { Actor } from '../core/actor.js';
import { iso, type Clock } from '../core/clock.js';
import { MFA_MANDATORY_ROLES, ROLE_LABELS_JA, type Role } from '../core/roles.js';
import type { SettingRepository } from '../db/repositories/setting.repository.js';
import type { AuditService } from './audit.service.js';
import type { BreachAssessmentService } from './breach-assessment.service.js';
import type { CaseService } from './case.service.js';
import { loadDemoIncidents } from './demo-incidents.js';
import type { ResponseService } from './response.service.js';
import type { IncidentSettingsService } from './incident-settings.service.js';
import type { NoticeService } from './notice.service.js';
import { generatePassword } from './password-generator.js';
import type { UserService } from './user.service.js';

/** Fictional hospital and staff. Every name here is invented. */
export const DEMO_HOSPITAL = 'デモ総合病院';

const DEMO_USERS: ReadonlyArray<{ username: string; displayName: string; role: Role }> = [
  { username: 'demo-admin', displayName: '守山 管理', role: 'admin' },
  { username: 'demo-security', displayName: '安田 責任', role: 'security_officer' },
  { username: 'demo-privacy', displayName: '個田 保護', role: 'privacy_officer' },
  { username: 'demo-auditor', displayName: '監野 査子', role: 'auditor' },
  { username: 'demo-responder', displayName: '対馬 応太', role: 'responder' },
  { username: 'demo-viewer', displayName: '閲田 見子', role: 'viewer' },
];

export interface DemoAccount {
  username: string;
  role: Role;
  roleLabel: string;
  password: string;
  mfaAtFirstSignIn: boolean;
  created: boolean;
}

/**
 * `mamori demo`: a fictional hospital with one account per role. Running it again resets the
 * demo accounts' passwords (and prints the new ones); real accounts are never touched.
 */
export class DemoService {
  readonly #users: UserService;
  readonly #settings: SettingRepository;
  readonly #audit: AuditService;
  readonly #clock: Clock;
  readonly #incidents: { cases: CaseService; breach: BreachAssessmentService; notices: NoticeService; settings: IncidentSettingsService; response?: ResponseService };

  constructor(deps: {
    users: UserService;
    settings: SettingRepository;
    audit: AuditService;
    clock: Clock;
    incidents: { cases: CaseService; breach: BreachAssessmentService; notices: NoticeService; settings: IncidentSettingsService; response?: ResponseService };
  }) {
    this.#users = deps.users;
    this.#settings = deps.settings;
    this.#audit = deps.audit;
    this.#clock = deps.clock;
    this.#incidents = deps.incidents;
  }

  /** Fictional incident cases; skipped when they already exist. Returns how many were created. */
  async loadIncidents(actor: Actor): Promise<number> {
    const profile = await this.#incidents.settings.profile();
    if (!profile.name) await this.#incidents.settings.setProfile(actor, { ...profile, name: DEMO_HOSPITAL });
    return loadDemoIncidents({ cases: this.#incidents.cases, breach: this.#incidents.breach, notices: this.#incidents.notices, ...(this.#incidents.response ? { response: this.#incidents.response } : {}), clock: this.#clock }, actor);
  }

  async load(actor: Actor, onStep?: (done: number, total: number) => void): Promise<DemoAccount[]> {
    await this.#settings.set('hospital.name', DEMO_HOSPITAL, iso(this.#clock.now()));
    const accounts: DemoAccount[] = [];
    for (const [index, spec] of DEMO_USERS.entries()) {
      const password = generatePassword();
      const existing = await this.#users.findByUsername(spec.username).catch(() => undefined);
      if (existing) {
        await this.#users.setPassword(actor, existing.id, password, false);
      } else {
        await this.#users.create(actor, { ...spec, password, mustChangePassword: false });
      }
      accounts.push({
        username: spec.username,
        role: spec.role,
        roleLabel: ROLE_LABELS_JA[spec.role],
        password,
        mfaAtFirstSignIn: MFA_MANDATORY_ROLES.has(spec.role) && !existing?.mfa_enabled,
        created: !existing,
      });
      onStep?.(index + 1, DEMO_USERS.length);
    }
    await this.#audit.record(actor, { action: 'demo.load', detail: { hospital: DEMO_HOSPITAL, accounts: accounts.length } });
    return accounts;
  }
}
