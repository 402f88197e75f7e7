import { z } from 'zod';
import { ScanStartRequest } from '../../contracts/incidents.js';
import { presentScan, presentScanItem, presentScanPerson } from '../presenters/scan.presenter.js';
import { documentResponse } from '../document-response.js';
import { pathParam, route, type RouteDef } from '../route-table.js';

const Page = z.object({ offset: z.coerce.number().int().min(0).default(0), limit: z.coerce.number().int().min(1).max(1000).default(200) }).strict();

/** Breach scoping (影響範囲調査) of a case's evidence. */
export const scanRoutes: readonly RouteDef[] = [
  route({
    method: 'GET',
    path: '/api/cases/:id/scans',
    access: 'incidents:read',
    async handler(c) {
      const svc = c.var.container.scans;
      return c.json({ scans: (await svc.list(pathParam(c, 'id'))).map((s) => presentScan(s, svc.summaryOf(s))) });
    },
  }),
  route({
    method: 'POST',
    path: '/api/cases/:id/scans',
    access: 'scoping:run',
    body: ScanStartRequest,
    async handler(c, { actor, body }) {
      const svc = c.var.container.scans;
      const scan = await svc.start(actor, pathParam(c, 'id'), body.evidenceId);
      return c.json(presentScan(scan, null), 201);
    },
  }),
  route({
    method: 'GET',
    path: '/api/cases/:id/scans/:scanId',
    access: 'incidents:read',
    async handler(c) {
      const svc = c.var.container.scans;
      const scan = await svc.get(pathParam(c, 'id'), pathParam(c, 'scanId'));
      return c.json(presentScan(scan, svc.summaryOf(scan)));
    },
  }),
  route({
    method: 'GET',
    path: '/api/cases/:id/scans/:scanId/items',
    access: 'incidents:read',
    query: Page.extend({ withPii: z.enum(['0', '1']).default('1') }),
    async handler(c, { query }) {
      const items = await c.var.container.scans.items(pathParam(c, 'id'), pathParam(c, 'scanId'), { offset: query.offset, limit: query.limit, withPii: query.withPii === '1' });
      return c.json({ items: items.map(presentScanItem) });
    },
  }),
  route({
    method: 'GET',
    path: '/api/cases/:id/scans/:scanId/persons',
    access: 'pii:read',
    query: Page,
    async handler(c, { actor, query }) {
      const r = await c.var.container.scans.persons(actor, pathParam(c, 'id'), pathParam(c, 'scanId'), { ...query, reveal: false });
      return c.json({ persons: r.persons.map(presentScanPerson), total: r.total, masked: true });
    },
  }),
  route({
    method: 'GET',
    path: '/api/cases/:id/scans/:scanId/persons/revealed',
    access: 'pii:reveal',
    query: Page,
    async handler(c, { actor, query }) {
      const r = await c.var.container.scans.persons(actor, pathParam(c, 'id'), pathParam(c, 'scanId'), { ...query, reveal: true });
      return c.json({ persons: r.persons.map(presentScanPerson), total: r.total, masked: false });
    },
  }),
  route({
    method: 'POST',
    path: '/api/cases/:id/scans/:scanId/import',
    access: 'incidents:write',
    async handler(c, { actor }) {
      return c.json(await c.var.container.scans.importToCase(actor, pathParam(c, 'id'), pathParam(c, 'scanId')));
    },
  }),
  route({
    method: 'GET',
    path: '/api/cases/:id/scans/:scanId/table',
    access: 'incidents:read',
    query: z.object({ format: z.enum(['docx', 'xlsx', 'html']) }).strict(),
    async handler(c, { query }) {
      const body = await c.var.container.scans.tableDocument(pathParam(c, 'id'), pathParam(c, 'scanId'), query.format);
      return documentResponse(body, query.format, `breach-table.${query.format}`);
    },
  }),
];
