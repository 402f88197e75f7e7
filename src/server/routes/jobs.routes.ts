import { DomainError } from '../../core/errors.js';
import { presentJob } from '../presenters/job.presenter.js';
import { pathParam, route, type RouteDef } from '../route-table.js';

export const jobRoutes: readonly RouteDef[] = [
  route({
    method: 'GET',
    path: '/api/jobs',
    access: 'jobs:read',
    async handler(c) {
      return c.json({ jobs: (await c.var.container.jobs.latest(50)).map(presentJob) });
    },
  }),
  route({
    method: 'GET',
    path: '/api/jobs/:id',
    access: 'jobs:read',
    async handler(c) {
      const job = await c.var.container.jobs.get(pathParam(c, 'id'));
      if (!job) throw new DomainError('not_found', 'ジョブが見つかりません / Job not found');
      return c.json(presentJob(job));
    },
  }),
];
