import { randomUUID } from 'node:crypto';
import type { Actor } from '../core/actor.js';
import { iso, type Clock } from '../core/clock.js';
import type { JobContext, JobName, JobOf, JobResult } from '../core/jobs.js';
import type { JobRepository, JobRow } from '../db/repositories/job.repository.js';
import type { AuditService } from './audit.service.js';

/** A handler per job name; it must be idempotent because a crashed job runs again. */
export type JobHandler<N extends JobName> = (payload: JobOf<N>, ctx: JobContext) => Promise<JobResult>;
export type JobHandlers = { [N in JobName]: JobHandler<N> };

/** Enqueue and inspect jobs. */
export class JobService {
  readonly #jobs: JobRepository;
  readonly #audit: AuditService;
  readonly #clock: Clock;

  constructor(deps: { jobs: JobRepository; audit: AuditService; clock: Clock }) {
    this.#jobs = deps.jobs;
    this.#audit = deps.audit;
    this.#clock = deps.clock;
  }

  async enqueue<N extends JobName>(actor: Actor, name: N, payload: JobOf<N>, maxAttempts = 3): Promise<JobRow> {
    const now = iso(this.#clock.now());
    const id = randomUUID();
    await this.#jobs.insert({
      id,
      name,
      payload: JSON.stringify(payload),
      state: 'queued',
      progress_done: 0,
      progress_total: null,
      message: null,
      summary: null,
      result: null,
      attempts: 0,
      max_attempts: maxAttempts,
      run_after: now,
      locked_by: null,
      locked_at: null,
      created_by: actor.id,
      created_at: now,
      started_at: null,
      finished_at: null,
    });
    await this.#audit.record(actor, { action: 'job.enqueue', targetType: 'job', targetId: id, detail: { name } });
    const row = await this.#jobs.findById(id);
    if (!row) throw new Error('job vanished after insert');
    return row;
  }

  async get(id: string): Promise<JobRow | undefined> {
    return this.#jobs.findById(id);
  }

  async latest(limit = 20, name?: JobName): Promise<JobRow[]> {
    return this.#jobs.latest(limit, name);
  }

  async countByState(): Promise<Record<string, number>> {
    return this.#jobs.countByState();
  }
}
