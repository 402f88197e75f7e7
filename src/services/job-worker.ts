import { randomUUID } from 'node:crypto';
import { iso, addMs, type Clock } from '../core/clock.js';
import { isJobName, retryDelayMs, type JobContext, type JobName, type JobOf, type JobResult } from '../core/jobs.js';
import type { JobRepository, JobRow } from '../db/repositories/job.repository.js';
import type { Logger } from '../logging/logger.js';
import type { JobHandler, JobHandlers } from './job.service.js';

export interface WorkerOptions {
  pollMs?: number;
  /** A running job whose heartbeat is older than this is considered abandoned. */
  staleMs?: number;
  /** Minimum interval between progress writes. */
  progressEveryMs?: number;
}

/**
 * Polls the jobs table and runs handlers one at a time (the hardware is small and the work is
 * I/O- and CPU-heavy; several processes can run workers against PostgreSQL).
 */
export class JobWorker {
  readonly id = `worker-${randomUUID().slice(0, 8)}`;
  readonly #jobs: JobRepository;
  readonly #handlers: JobHandlers;
  readonly #clock: Clock;
  readonly #log: Logger;
  readonly #pollMs: number;
  readonly #staleMs: number;
  readonly #progressEveryMs: number;
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;
  #stopped = true;

  constructor(deps: { jobs: JobRepository; handlers: JobHandlers; clock: Clock; log: Logger }, options: WorkerOptions = {}) {
    this.#jobs = deps.jobs;
    this.#handlers = deps.handlers;
    this.#clock = deps.clock;
    this.#log = deps.log;
    this.#pollMs = options.pollMs ?? 1000;
    this.#staleMs = options.staleMs ?? 5 * 60 * 1000;
    this.#progressEveryMs = options.progressEveryMs ?? 500;
  }

  /** Re-queue jobs a previous process left running, then start polling. */
  async start(): Promise<number> {
    const resumed = await this.#jobs.requeueStale(iso(addMs(this.#clock.now(), -this.#staleMs)));
    // At start-up nothing of ours is running, so every `running` row belongs to a dead process.
    const orphaned = await this.#jobs.requeueStale(iso(addMs(this.#clock.now(), 1000)));
    this.#stopped = false;
    this.#schedule(0);
    return resumed + orphaned;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#running;
  }

  /** Run queued jobs until none is due; used by the CLI and tests. Returns how many ran. */
  async drain(): Promise<number> {
    let n = 0;
    while (await this.runOne()) n += 1;
    return n;
  }

  async runOne(): Promise<boolean> {
    const job = await this.#jobs.claimNext(this.id, iso(this.#clock.now()));
    if (!job) return false;
    await this.#execute(job);
    return true;
  }

  #schedule(delay: number): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.#running = this.drain()
        .then(() => undefined)
        .catch((error: unknown) => this.#log.error({ err: error }, 'job worker poll failed'))
        .finally(() => this.#schedule(this.#pollMs));
    }, delay);
  }

  async #execute(job: JobRow): Promise<void> {
    const name = job.name;
    if (!isJobName(name)) {
      await this.#jobs.finish(job.id, 'failed', `unknown job type ${name}`, null, iso(this.#clock.now()));
      return;
    }
    let lastWrite = 0;
    const ctx: JobContext = {
      jobId: job.id,
      attempt: job.attempts,
      progress: async (done, total, message) => {
        const t = Date.now();
        if (t - lastWrite < this.#progressEveryMs && done !== total) return;
        lastWrite = t;
        await this.#jobs.progress(job.id, done, total, message ?? null, iso(this.#clock.now()));
      },
    };
    let result: JobResult;
    try {
      const payload: unknown = JSON.parse(job.payload);
      result = await this.#dispatch(name, payload, ctx);
    } catch (error) {
      this.#log.error({ err: error, jobId: job.id, job: name }, 'job threw');
      result = { outcome: 'failed', summary: 'internal error' };
    }
    const now = this.#clock.now();
    if (result.outcome === 'failed' && job.attempts < job.max_attempts) {
      await this.#jobs.retryLater(job.id, iso(addMs(now, retryDelayMs(job.attempts))), result.summary);
      return;
    }
    await this.#jobs.finish(job.id, result.outcome, result.summary, result.data ? JSON.stringify(result.data) : null, iso(now));
  }

  #dispatch(name: JobName, payload: unknown, ctx: JobContext): Promise<JobResult> {
    switch (name) {
      case 'audit.verify': {
        const handler: JobHandler<'audit.verify'> = this.#handlers[name];
        return handler(payload as Record<string, never>, ctx);
      }
      case 'campaign.email': {
        const handler: JobHandler<'campaign.email'> = this.#handlers[name];
        return handler(payload as JobOf<'campaign.email'>, ctx);
      }
      case 'scan.run': {
        const handler: JobHandler<'scan.run'> = this.#handlers[name];
        return handler(payload as JobOf<'scan.run'>, ctx);
      }
      case 'mail.takeover': {
        const handler: JobHandler<'mail.takeover'> = this.#handlers[name];
        return handler(payload as JobOf<'mail.takeover'>, ctx);
      }
      case 'ehr.import': {
        const handler: JobHandler<'ehr.import'> = this.#handlers[name];
        return handler(payload as JobOf<'ehr.import'>, ctx);
      }
    }
  }
}
