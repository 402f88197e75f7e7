import { SetupRequest, type SetupStatus } from '../../contracts/api.js';
import { publicRoute, type RouteDef } from '../route-table.js';

export const setupRoutes: readonly RouteDef[] = [
  publicRoute({
    method: 'GET',
    path: '/api/setup/status',
    async handler(c) {
      return c.json<SetupStatus>({ setupRequired: await c.var.container.setup.isRequired() });
    },
  }),
  publicRoute({
    method: 'POST',
    path: '/api/setup',
    body: SetupRequest,
    async handler(c, { body }) {
      const { token, ...admin } = body;
      await c.var.container.setup.complete(token, admin, c.var.ip);
      return c.body(null, 201);
    },
  }),
];
