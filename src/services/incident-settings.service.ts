import type { Actor } from '../core/actor.js';
import { iso, type Clock } from '../core/clock.js';
import { DEFAULT_DEADLINE_RULES, type DeadlineRules } from '../core/incidents/deadlines.js';
import { DEFAULT_HOSPITAL_PROFILE, type HospitalProfile } from '../core/incidents/obligations.js';
import { DomainError } from '../core/errors.js';
import type { AuthorityRow, ObligationRepository } from '../db/repositories/obligation.repository.js';
import type { SettingRepository } from '../db/repositories/setting.repository.js';
import type { AuditService } from './audit.service.js';

const PROFILE_KEY = 'hospital.profile';
const RULES_KEY = 'incident.deadline_rules';

function parse<T extends object>(text: string | undefined, fallback: T): T {
  if (!text) return { ...fallback };
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' ? { ...fallback, ...(value as Partial<T>) } : { ...fallback };
  } catch {
    return { ...fallback };
  }
}

/** Hospital profile (法26条/法68条, university hospital, founder) and deadline counting rules. */
export class IncidentSettingsService {
  readonly #settings: SettingRepository;
  readonly #audit: AuditService;
  readonly #clock: Clock;
  readonly #authorities: ObligationRepository;

  constructor(deps: { settings: SettingRepository; audit: AuditService; clock: Clock; authorities: ObligationRepository }) {
    this.#settings = deps.settings;
    this.#audit = deps.audit;
    this.#clock = deps.clock;
    this.#authorities = deps.authorities;
  }

  /** The editable registry of authorities and their contacts (never hard-coded). */
  async authorities(): Promise<AuthorityRow[]> {
    return this.#authorities.authorities();
  }

  async updateAuthority(actor: Actor, id: string, input: { name: string; contact: string; phone: string; url: string; note: string }): Promise<AuthorityRow[]> {
    const current = (await this.#authorities.authorities()).find((a) => a.id === id);
    if (!current) throw new DomainError('not_found', '報告先が見つかりません / Authority not found');
    await this.#authorities.upsertAuthority({ ...current, ...input, updated_at: iso(this.#clock.now()) });
    await this.#audit.record(actor, { action: 'settings.authority', targetType: 'authority', targetId: id });
    return this.#authorities.authorities();
  }

  async profile(): Promise<HospitalProfile> {
    const profile = parse<HospitalProfile>(await this.#settings.get(PROFILE_KEY), { ...DEFAULT_HOSPITAL_PROFILE });
    if (!profile.name) profile.name = (await this.#settings.get('hospital.name')) ?? '';
    return profile;
  }

  async setProfile(actor: Actor, profile: HospitalProfile): Promise<HospitalProfile> {
    const before = await this.profile();
    await this.#settings.set(PROFILE_KEY, JSON.stringify(profile), iso(this.#clock.now()));
    if (profile.name) await this.#settings.set('hospital.name', profile.name, iso(this.#clock.now()));
    await this.#audit.record(actor, { action: 'settings.hospital_profile', detail: { before, after: profile } });
    return profile;
  }

  async deadlineRules(): Promise<DeadlineRules> {
    return parse<DeadlineRules>(await this.#settings.get(RULES_KEY), { ...DEFAULT_DEADLINE_RULES });
  }

  async setDeadlineRules(actor: Actor, rules: DeadlineRules): Promise<void> {
    await this.#settings.set(RULES_KEY, JSON.stringify(rules), iso(this.#clock.now()));
    await this.#audit.record(actor, { action: 'settings.deadline_rules', detail: { ...rules } });
  }
}
