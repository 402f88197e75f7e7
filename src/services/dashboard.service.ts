import type { DashboardView } from '../contracts/api.js';
import { addMs, iso, type Clock } from '../core/clock.js';
import { isRole, type Role } from '../core/roles.js';
import type { JobRow } from '../db/repositories/job.repository.js';
import type { SessionRepository } from '../db/repositories/session.repository.js';
import type { UserRepository } from '../db/repositories/user.repository.js';
import type { AuditService } from './audit.service.js';
import type { JobService } from './job.service.js';
import type { IncidentStore } from '../db/incident-store.js';
import { obligationState } from './breach-assessment.service.js';

/** Modules of the product; `available` flips to true as each module issue lands. */
export const MODULES = [
  { key: 'incidents', available: true },
  { key: 'scoping', available: false },
  { key: 'ehr-audit', available: false },
  { key: 'mail', available: false },
  { key: 'logs', available: false },
  { key: 'preparedness', available: false },
] as const;

export interface DashboardData extends Omit<DashboardView, 'audit' | 'hospital'> {
  audit: Omit<DashboardView['audit'], 'lastVerify'> & { lastVerify: JobRow | null };
}

/** Real counts from the database for the home screen. */
export class DashboardService {
  readonly #users: UserRepository;
  readonly #sessions: SessionRepository;
  readonly #audit: AuditService;
  readonly #jobs: JobService;
  readonly #clock: Clock;
  readonly #incidents: IncidentStore;

  constructor(deps: { users: UserRepository; sessions: SessionRepository; audit: AuditService; jobs: JobService; clock: Clock; incidents: IncidentStore }) {
    this.#incidents = deps.incidents;
    this.#users = deps.users;
    this.#sessions = deps.sessions;
    this.#audit = deps.audit;
    this.#jobs = deps.jobs;
    this.#clock = deps.clock;
  }

  async get(): Promise<DashboardData> {
    const now = this.#clock.now();
    const dayAgo = addMs(now, -24 * 3600 * 1000);
    const [total, byRoleRows, sessionsActive, auditTotal, audit24h, failed24h, jobCounts, lastVerify] = await Promise.all([
      this.#users.count(),
      this.#users.countByRole(),
      this.#sessions.countLive(iso(now)),
      this.#audit.count(),
      this.#audit.count({ since: dayAgo }),
      this.#audit.count({ since: dayAgo, action: 'auth.login', outcome: 'failure' }),
      this.#jobs.countByState(),
      this.#jobs.latest(1, 'audit.verify'),
    ]);
    const [caseCounts, openObligations] = await Promise.all([this.#incidents.cases.countByStatus(), this.#incidents.obligations.open()]);
    const states = openObligations.map((o) => obligationState(o, now));
    const byRole: Partial<Record<Role, number>> = {};
    let active = 0;
    for (const { role, n } of byRoleRows) {
      if (isRole(role)) byRole[role] = n;
      active += n;
    }
    return {
      users: { total, active, byRole },
      sessionsActive,
      audit: { total: auditTotal, last24h: audit24h, failedLogins24h: failed24h, lastVerify: lastVerify[0] ?? null },
      jobs: { queued: jobCounts.queued ?? 0, running: jobCounts.running ?? 0, failed: jobCounts.failed ?? 0 },
      incidents: { open: caseCounts.open ?? 0, overdueObligations: states.filter((s) => s === 'overdue').length, dueSoonObligations: states.filter((s) => s === 'due_soon').length },
      modules: MODULES.map((m) => ({ ...m })),
    };
  }
}
