import { z } from 'zod';
import { CampaignRequest, MeasureRequest, PeopleImportRequest, RecipientStatusRequest } from '../../contracts/incidents.js';
import { presentCampaign, presentPerson, presentReachability, presentRecipient } from '../presenters/people.presenter.js';
import { pathParam, route, type RouteDef } from '../route-table.js';

/** Raw-body xlsx upload; app.ts gives it the larger upload limit. */
export const PEOPLE_XLSX_PATH = '/api/cases/:id/people/import.xlsx';

export const peopleRoutes: readonly RouteDef[] = [
  route({
    method: 'GET',
    path: '/api/cases/:id/people',
    access: 'pii:read',
    query: z.object({ offset: z.coerce.number().int().min(0).default(0), limit: z.coerce.number().int().min(1).max(5000).default(500) }).strict(),
    async handler(c, { actor, query }) {
      const { rows, total } = await c.var.container.people.list(actor, pathParam(c, 'id'), query);
      return c.json({ people: rows.map(presentPerson), total });
    },
  }),
  route({
    method: 'POST',
    path: '/api/cases/:id/people/import',
    access: 'incidents:write',
    body: PeopleImportRequest,
    async handler(c, { actor, body }) {
      return c.json(await c.var.container.people.importCsv(actor, pathParam(c, 'id'), body.csv, body.filename));
    },
  }),
  route({
    method: 'POST',
    path: PEOPLE_XLSX_PATH,
    access: 'incidents:write',
    query: z.object({ filename: z.string().max(200).default('upload.xlsx') }).strict(),
    async handler(c, { actor, query }) {
      const data = Buffer.from(await c.req.arrayBuffer());
      return c.json(await c.var.container.people.importXlsx(actor, pathParam(c, 'id'), data, query.filename));
    },
  }),
  route({
    method: 'GET',
    path: '/api/cases/:id/campaigns',
    access: 'incidents:read',
    async handler(c) {
      const list = await c.var.container.people.campaigns(pathParam(c, 'id'));
      return c.json({ campaigns: list.map((s) => presentCampaign(s.campaign, s.counts)) });
    },
  }),
  route({
    method: 'POST',
    path: '/api/cases/:id/campaigns',
    access: 'incidents:write',
    body: CampaignRequest,
    async handler(c, { actor, body }) {
      const row = await c.var.container.people.createCampaign(actor, pathParam(c, 'id'), body);
      return c.json(presentCampaign(row, {}), 201);
    },
  }),
  route({
    method: 'GET',
    path: '/api/cases/:id/campaigns/:campaignId/recipients',
    access: 'pii:read',
    async handler(c, { actor }) {
      const rows = await c.var.container.people.recipients(actor, pathParam(c, 'id'), pathParam(c, 'campaignId'));
      return c.json({ recipients: rows.map(presentRecipient) });
    },
  }),
  route({
    method: 'PATCH',
    path: '/api/cases/:id/campaigns/:campaignId/recipients',
    access: 'incidents:write',
    body: RecipientStatusRequest,
    async handler(c, { actor, body }) {
      const updated = await c.var.container.people.setStatus(actor, pathParam(c, 'id'), pathParam(c, 'campaignId'), body.recipientIds, body.status, body.note);
      return c.json({ updated });
    },
  }),
  route({
    method: 'GET',
    path: '/api/cases/:id/reachability',
    access: 'incidents:read',
    async handler(c) {
      return c.json(presentReachability(await c.var.container.people.reachability(pathParam(c, 'id'))));
    },
  }),
  route({
    method: 'POST',
    path: '/api/cases/:id/alternative-measures',
    access: 'incidents:write',
    body: MeasureRequest,
    async handler(c, { actor, body }) {
      await c.var.container.people.recordMeasure(actor, pathParam(c, 'id'), body);
      return c.json(presentReachability(await c.var.container.people.reachability(pathParam(c, 'id'))), 201);
    },
  }),
];
