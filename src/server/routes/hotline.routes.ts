import { HotlineCallRequest, HotlineLookupRequest, LettersQuery, type HotlineCallView, type HotlineLookupView } from '../../contracts/incidents.js';
import type { CallRow } from '../../db/repositories/people.repository.js';
import { documentResponse } from '../document-response.js';
import { pathParam, route, type RouteDef } from '../route-table.js';

function presentCall(c: CallRow): HotlineCallView {
  return { id: c.id, at: c.at, topic: c.topic, inRegister: c.person_id !== null, matchMethod: c.match_method, note: c.note, takenBy: c.taken_by };
}

function items(text: string): string[] {
  const v: unknown = JSON.parse(text);
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

export const hotlineRoutes: readonly RouteDef[] = [
  route({
    method: 'POST',
    path: '/api/cases/:id/hotline/lookup',
    access: 'pii:read',
    body: HotlineLookupRequest,
    async handler(c, { actor, body }) {
      const r = await c.var.container.hotline.lookup(actor, pathParam(c, 'id'), body);
      return c.json<HotlineLookupView>({ found: r.found, method: r.method, items: r.person ? items(r.person.items) : [] });
    },
  }),
  route({
    method: 'GET',
    path: '/api/cases/:id/hotline/calls',
    access: 'pii:read',
    async handler(c, { actor }) {
      const r = await c.var.container.hotline.calls(actor, pathParam(c, 'id'));
      return c.json({ calls: r.calls.map(presentCall), total: r.total, inRegister: r.inRegister });
    },
  }),
  route({
    method: 'POST',
    path: '/api/cases/:id/hotline/calls',
    access: 'incidents:write',
    body: HotlineCallRequest,
    async handler(c, { actor, body }) {
      return c.json(presentCall(await c.var.container.hotline.logCall(actor, pathParam(c, 'id'), body)), 201);
    },
  }),
  route({
    method: 'GET',
    path: '/api/cases/:id/campaigns/:campaignId/letters',
    access: 'pii:export',
    query: LettersQuery,
    async handler(c, { actor, query }) {
      const { body, count, total } = await c.var.container.letters.letters(actor, pathParam(c, 'id'), pathParam(c, 'campaignId'), query.format, { status: query.status, offset: query.offset, limit: query.limit });
      return documentResponse(body, query.format, `letters-${query.offset + 1}-${query.offset + count}.${query.format}`, { 'X-Total-Count': String(total) });
    },
  }),
  route({
    method: 'POST',
    path: '/api/cases/:id/campaigns/:campaignId/send-email',
    access: 'incidents:write',
    async handler(c, { actor }) {
      return c.json({ jobId: await c.var.container.letters.queueEmail(actor, pathParam(c, 'id'), pathParam(c, 'campaignId')) }, 202);
    },
  }),
];
