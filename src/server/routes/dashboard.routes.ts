import type { DashboardView } from '../../contracts/api.js';
import { presentJob } from '../presenters/job.presenter.js';
import { route, type RouteDef } from '../route-table.js';

export const dashboardRoutes: readonly RouteDef[] = [
  route({
    method: 'GET',
    path: '/api/dashboard',
    access: 'dashboard:read',
    async handler(c) {
      const { dashboard, settings } = c.var.container;
      const data = await dashboard.get();
      const hospital = (await settings.get('hospital.name')) ?? null;
      return c.json<DashboardView>({
        ...data,
        hospital,
        audit: { ...data.audit, lastVerify: data.audit.lastVerify ? presentJob(data.audit.lastVerify) : null },
      });
    },
  }),
];
