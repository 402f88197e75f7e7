import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../core/actor.js';
import type { JobResult } from '../core/jobs.js';
import { JobRepository } from '../db/repositories/job.repository.js';
import { createLogger } from '../logging/logger.js';
import { testDialects } from '../../test/support/dialects.js';
import { createHarness, type Harness } from '../../test/support/harness.js';
import { JobWorker } from './job-worker.js';

for (const dialect of testDialects()) {
  describe(`job queue and worker (${dialect})`, () => {
    let h: Harness;
    beforeEach(async () => {
      h = await createHarness(dialect);
    });
    afterEach(async () => {
      await h.close();
    });

    function makeWorker(run: (progress: (d: number, t: number | null, m?: string) => Promise<void>, attempt: number) => Promise<JobResult>) {
      return new JobWorker(
        {
          jobs: new JobRepository(h.db.database.db, dialect),
          handlers: {
            'audit.verify': (_p, ctx) => run((d, t, m) => ctx.progress(d, t, m), ctx.attempt),
            'campaign.email': () => Promise.resolve({ outcome: 'skipped', summary: 'not used here' }),
            'scan.run': () => Promise.resolve({ outcome: 'skipped', summary: 'not used here' }),
            'mail.takeover': () => Promise.resolve({ outcome: 'skipped', summary: 'not used here' }),
            'ehr.import': () => Promise.resolve({ outcome: 'skipped', summary: 'not used here' }),
          },
          clock: h.clock,
          log: createLogger('silent'),
        },
        { progressEveryMs: 0 },
      );
    }

    it('runs a job, records progress and the outcome', async () => {
      const seen: number[] = [];
      const w = makeWorker(async (progress) => {
        for (let i = 1; i <= 4; i += 1) {
          await progress(i, 4, `${i}/4`);
          const row = (await h.container.jobs.latest(1))[0];
          seen.push(Number(row?.progress_done));
        }
        return { outcome: 'succeeded', summary: 'done', data: { n: 4 } };
      });
      const job = await h.container.jobs.enqueue(SYSTEM_ACTOR, 'audit.verify', {});
      expect(await w.drain()).toBe(1);
      expect(seen).toEqual([1, 2, 3, 4]);
      const row = await h.container.jobs.get(job.id);
      expect(row).toMatchObject({ state: 'succeeded', summary: 'done', progress_done: 4, progress_total: 4, attempts: 1 });
      expect(JSON.parse(row?.result ?? '{}')).toEqual({ n: 4 });
    });

    it('retries a failed job with back-off until attempts run out', async () => {
      const w = makeWorker(() => Promise.resolve({ outcome: 'failed', summary: 'source unreachable' }));
      const job = await h.container.jobs.enqueue(SYSTEM_ACTOR, 'audit.verify', {}, 2);
      await w.drain();
      expect((await h.container.jobs.get(job.id))?.state).toBe('queued');
      expect(await w.drain()).toBe(0); // not due yet
      h.clock.advance(31_000);
      await w.drain();
      expect(await h.container.jobs.get(job.id)).toMatchObject({ state: 'failed', attempts: 2, summary: 'source unreachable' });
    });

    it('a thrown error becomes a failed outcome without leaking the message', async () => {
      const w = makeWorker(() => Promise.reject(new Error('patient 山田太郎 090-1234-5678')));
      const job = await h.container.jobs.enqueue(SYSTEM_ACTOR, 'audit.verify', {}, 1);
      await w.drain();
      expect(await h.container.jobs.get(job.id)).toMatchObject({ state: 'failed', summary: 'internal error' });
    });

    it('a job interrupted by a crash runs again after restart', async () => {
      const job = await h.container.jobs.enqueue(SYSTEM_ACTOR, 'audit.verify', {});
      // Simulate a process that claimed the job and died.
      const repo = new JobRepository(h.db.database.db, dialect);
      expect((await repo.claimNext('dead-worker', h.clock.now().toISOString()))?.id).toBe(job.id);
      let runs = 0;
      const w = makeWorker(() => {
        runs += 1;
        return Promise.resolve({ outcome: 'succeeded', summary: 'ok' });
      });
      expect(await w.start()).toBe(1);
      await w.stop();
      await w.drain();
      expect(runs).toBe(1);
      expect(await h.container.jobs.get(job.id)).toMatchObject({ state: 'succeeded', attempts: 2 });
    });

    it('the real audit.verify job reports the chain state', async () => {
      await h.container.audit.record(SYSTEM_ACTOR, { action: 'test.event' });
      const job = await h.container.jobs.enqueue(SYSTEM_ACTOR, 'audit.verify', {});
      await h.container.worker.drain();
      const row = await h.container.jobs.get(job.id);
      expect(row?.state).toBe('succeeded');
      expect(row?.summary).toMatch(/^OK: \d+ rows/);
    });
  });
}
