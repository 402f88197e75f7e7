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
import type { EhrAuditService } from './ehr/ehr-audit.service.js';
import { EhrGenerator } from './ehr/ehr-generator.js';
import { EHR_FILES, type EhrFile } from '../core/ehr/model.js';

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
  readonly #ehr: EhrAuditService | null;

  constructor(deps: {
    ehr?: EhrAuditService;
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
    this.#ehr = deps.ehr ?? null;
  }

  /**
   * A week of a fictional EHR access log ending yesterday (60 staff, 600 patients, with injected
   * misuse: a curiosity storm, self access, a forged prescription in a left-open session …),
   * imported and audited so the 電子カルテ監査 page has alerts to investigate. Skipped when EHR
   * data was imported already.
   */
  async loadEhrAudit(actor: Actor): Promise<{ events: number; alerts: number } | null> {
    if (!this.#ehr || (await this.#ehr.hasData())) return null;
    const start = new Date(this.#clock.now().getTime() + 9 * 3_600_000 - 8 * 86_400_000).toISOString().slice(0, 10);
    const files = new EhrGenerator({ staff: 60, patients: 600, days: 7, seed: 5, start }).generate().files();
    const texts = new Map<EhrFile, string | null>(EHR_FILES.map((f) => [f, files.get(`${f}.csv`) ?? null]));
    await this.#ehr.importFolder(actor, texts, 'demo');
    const summary = await this.#ehr.runAndStore(actor, {});
    return { events: summary.events, alerts: summary.alerts };
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
