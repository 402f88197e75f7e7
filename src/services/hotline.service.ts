import { randomUUID } from 'node:crypto';
import type { Actor } from '../core/actor.js';
import { iso, type Clock } from '../core/clock.js';
import { DomainError } from '../core/errors.js';
import { personKeys } from '../core/incidents/person-matching.js';
import { parseJapaneseDate } from '../core/incidents/timeline-csv.js';
import type { IncidentStore } from '../db/incident-store.js';
import type { CallRow, PersonRow } from '../db/repositories/people.repository.js';
import type { AuditService } from './audit.service.js';

export interface LookupQuery {
  name?: string | undefined;
  birthDate?: string | undefined;
  patientId?: string | undefined;
}

export interface LookupResult {
  found: boolean;
  method: 'patient_id' | 'name_birth' | null;
  person: PersonRow | null;
}

/**
 * Hotline (問い合わせ窓口): "am I affected?" lookups by patient ID, or by name + birth date, and the
 * call log. A lookup reads the register, so it is audited like any other read of personal data.
 */
export class HotlineService {
  readonly #store: IncidentStore;
  readonly #audit: AuditService;
  readonly #clock: Clock;

  constructor(deps: { store: IncidentStore; audit: AuditService; clock: Clock }) {
    this.#store = deps.store;
    this.#audit = deps.audit;
    this.#clock = deps.clock;
  }

  async lookup(actor: Actor, caseId: string, q: LookupQuery): Promise<LookupResult> {
    if (!(await this.#store.cases.findById(caseId))) throw new DomainError('not_found', 'インシデントが見つかりません / Case not found');
    const result = await this.#find(caseId, q);
    await this.#audit.record(actor, { action: 'case.hotline_lookup', targetType: 'case', targetId: caseId, detail: { found: result.found, method: result.method } });
    return result;
  }

  async logCall(actor: Actor, caseId: string, input: { at?: string | undefined; topic: string; note: string } & LookupQuery): Promise<CallRow> {
    if (!(await this.#store.cases.findById(caseId))) throw new DomainError('not_found', 'インシデントが見つかりません / Case not found');
    const match = input.patientId || (input.name && input.birthDate) ? await this.#find(caseId, input) : { found: false, method: null, person: null };
    const id = randomUUID();
    const now = iso(this.#clock.now());
    await this.#store.people.insertCall({ id, case_id: caseId, at: input.at ? new Date(input.at).toISOString() : now, topic: input.topic, person_id: match.person?.id ?? null, match_method: match.method, note: input.note, taken_by: actor.name, created_at: now });
    await this.#audit.record(actor, { action: 'case.hotline_call', targetType: 'case', targetId: caseId, detail: { inRegister: match.found } });
    const calls = await this.#store.people.calls(caseId);
    const row = calls.find((c) => c.id === id);
    if (!row) throw new Error('call vanished');
    return row;
  }

  async calls(actor: Actor, caseId: string): Promise<{ calls: CallRow[]; total: number; inRegister: number }> {
    const [calls, counts] = await Promise.all([this.#store.people.calls(caseId), this.#store.people.callCounts(caseId)]);
    await this.#audit.record(actor, { action: 'case.hotline_read', targetType: 'case', targetId: caseId, detail: { rows: calls.length } });
    return { calls, ...counts };
  }

  async #find(caseId: string, q: LookupQuery): Promise<LookupResult> {
    const birth = q.birthDate ? parseJapaneseDate(q.birthDate) : null;
    const keys = personKeys({ name: q.name ?? null, birthDate: birth, patientId: q.patientId ?? null });
    const rows = await this.#store.people.byKeys(caseId, { pid: keys.patientId ? [keys.patientId] : [], nameBirth: keys.nameBirth ? [keys.nameBirth] : [] });
    const byPid = keys.patientId ? rows.find((r) => r.key_pid === keys.patientId) : undefined;
    if (byPid) return { found: true, method: 'patient_id', person: byPid };
    const byName = keys.nameBirth ? rows.find((r) => r.key_name_birth === keys.nameBirth) : undefined;
    if (byName) return { found: true, method: 'name_birth', person: byName };
    return { found: false, method: null, person: null };
  }
}
