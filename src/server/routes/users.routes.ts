import { CreateUserRequest, UpdateUserRequest } from '../../contracts/api.js';
import { presentUser } from '../presenters/user.presenter.js';
import { pathParam, route, type RouteDef } from '../route-table.js';

export const userRoutes: readonly RouteDef[] = [
  route({
    method: 'GET',
    path: '/api/users/directory',
    access: 'incidents:read',
    async handler(c, { actor }) {
      const { users, audit } = c.var.container;
      // Minimal staff directory for assigning owners and tasks: id, display name, role.
      const list = (await users.list()).filter((u) => u.disabled === 0);
      await audit.record(actor, { action: 'user.directory', detail: { count: list.length } });
      return c.json({ users: list.map((u) => ({ id: u.id, displayName: u.display_name, role: u.role })) });
    },
  }),
  route({
    method: 'GET',
    path: '/api/users',
    access: 'users:manage',
    async handler(c, { actor }) {
      const { users, audit, clock } = c.var.container;
      const list = await users.list();
      // Staff names are personal data too: reading the list is recorded.
      await audit.record(actor, { action: 'user.list', detail: { count: list.length } });
      return c.json({ users: list.map((u) => presentUser(u, clock.now())) });
    },
  }),
  route({
    method: 'POST',
    path: '/api/users',
    access: 'users:manage',
    body: CreateUserRequest,
    async handler(c, { actor, body }) {
      const { users, clock } = c.var.container;
      const user = await users.create(actor, { ...body, mustChangePassword: true });
      return c.json(presentUser(user, clock.now()), 201);
    },
  }),
  route({
    method: 'PATCH',
    path: '/api/users/:id',
    access: 'users:manage',
    body: UpdateUserRequest,
    async handler(c, { actor, body }) {
      const { users, clock } = c.var.container;
      const user = await users.update(actor, pathParam(c, 'id'), body);
      return c.json(presentUser(user, clock.now()));
    },
  }),
  route({
    method: 'POST',
    path: '/api/users/:id/reset-mfa',
    access: 'users:manage',
    async handler(c, { actor }) {
      const { users, clock } = c.var.container;
      return c.json(presentUser(await users.resetMfa(actor, pathParam(c, 'id')), clock.now()));
    },
  }),
  route({
    method: 'POST',
    path: '/api/users/:id/unlock',
    access: 'users:manage',
    async handler(c, { actor }) {
      const { users, clock } = c.var.container;
      return c.json(presentUser(await users.unlock(actor, pathParam(c, 'id')), clock.now()));
    },
  }),
];
