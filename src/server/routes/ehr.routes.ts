import { z } from 'zod';
import { EhrAlertReviewRequest, EhrAuditRunRequest } from '../../contracts/incidents.js';
import { jstDays } from '../../core/jst.js';
import { presentAccess, presentEhrAlert, presentEhrImport } from '../presenters/ehr.presenter.js';
import { rawBody } from '../raw-body.js';
import { documentResponse } from '../document-response.js';
import { pathParam, route, type RouteDef } from '../route-table.js';


const IMPORT_FILES_PATH = /^\/api\/ehr\/imports\/[^/]+\/files$/;

/** Raw-body uploads of an export's files; app.ts streams them to the evidence store. */
export function isEhrUpload(path: string): boolean {
  return IMPORT_FILES_PATH.test(path);
}

/** EHR access audit: import (upload + background job, or `mamori ehr import`), run, review alerts, escalate, investigate. */
export const ehrRoutes: readonly RouteDef[] = [
  route({
    method: 'POST',
    path: '/api/ehr/imports',
    access: 'ehr_audit:review',
    async handler(c, { actor }) {
      return c.json(presentEhrImport(await c.var.container.ehrImports.create(actor)), 201);
    },
  }),
  route({
    method: 'GET',
    path: '/api/ehr/imports',
    access: 'ehr_audit:read',
    async handler(c) {
      return c.json({ imports: (await c.var.container.ehrImports.list()).map(presentEhrImport) });
    },
  }),
  route({
    method: 'GET',
    path: '/api/ehr/imports/:id',
    access: 'ehr_audit:read',
    async handler(c) {
      return c.json(presentEhrImport(await c.var.container.ehrImports.get(pathParam(c, 'id'))));
    },
  }),
  route({
    method: 'POST',
    path: '/api/ehr/imports/:id/files',
    access: 'ehr_audit:review',
    query: z.object({ filename: z.string().min(1).max(300) }).strict(),
    async handler(c, { actor, query }) {
      return c.json(presentEhrImport(await c.var.container.ehrImports.addFile(actor, pathParam(c, 'id'), rawBody(c), query.filename)), 201);
    },
  }),
  route({
    method: 'POST',
    path: '/api/ehr/imports/:id/start',
    access: 'ehr_audit:review',
    async handler(c, { actor }) {
      return c.json(presentEhrImport(await c.var.container.ehrImports.start(actor, pathParam(c, 'id'))), 202);
    },
  }),
  route({
    method: 'POST',
    path: '/api/ehr/audit',
    access: 'ehr_audit:review',
    body: EhrAuditRunRequest,
    async handler(c, { actor, body }) {
      return c.json(await c.var.container.ehr.runAndStore(actor, jstDays(body.from, body.to)));
    },
  }),
  route({
    method: 'GET',
    path: '/api/ehr/alerts',
    access: 'ehr_audit:read',
    query: z.object({ state: z.enum(['open', 'investigating', 'justified', 'inappropriate']).optional(), offset: z.coerce.number().int().min(0).default(0), limit: z.coerce.number().int().min(1).max(500).default(100) }).strict(),
    async handler(c, { query }) {
      return c.json({ alerts: (await c.var.container.ehr.alerts(query)).map(presentEhrAlert) });
    },
  }),
  route({
    method: 'GET',
    path: '/api/ehr/alerts/:id',
    access: 'ehr_audit:read',
    async handler(c, { actor }) {
      const { alert, accesses } = await c.var.container.ehr.alertDetail(actor, pathParam(c, 'id'));
      return c.json({ alert: presentEhrAlert(alert), accesses: accesses.map(presentAccess) });
    },
  }),
  route({
    method: 'GET',
    path: '/api/ehr/reports/:month',
    access: 'ehr_audit:read',
    query: z.object({ format: z.enum(['docx', 'html']).default('html') }).strict(),
    async handler(c, { actor, query }) {
      const month = pathParam(c, 'month');
      const hospital = (await c.var.container.incidentSettings.profile()).name;
      const doc = await c.var.container.ehr.monthlyReport(actor, month, query.format, hospital);
      return documentResponse(doc, query.format, `ehr-access-audit-${month}.${query.format}`);
    },
  }),
  route({
    method: 'PATCH',
    path: '/api/ehr/alerts/:id',
    access: 'ehr_audit:review',
    body: EhrAlertReviewRequest,
    async handler(c, { actor, body }) {
      return c.json(presentEhrAlert(await c.var.container.ehr.review(actor, pathParam(c, 'id'), body.state, body.note)));
    },
  }),
  route({
    method: 'POST',
    path: '/api/ehr/alerts/:id/escalate',
    access: 'ehr_audit:review',
    async handler(c, { actor }) {
      const r = await c.var.container.ehr.escalate(actor, pathParam(c, 'id'));
      return c.json({ alert: presentEhrAlert(r.alert), caseId: r.caseId });
    },
  }),
  route({
    method: 'GET',
    path: '/api/ehr/users/:id/activity',
    access: 'ehr_audit:read',
    query: z.object({ from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(), to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional() }).strict(),
    async handler(c, { actor, query }) {
      const lines = await c.var.container.ehr.investigate(actor, { userId: pathParam(c, 'id'), ...jstDays(query.from, query.to) });
      return c.json({ accesses: lines.map(presentAccess) });
    },
  }),
  route({
    method: 'GET',
    path: '/api/ehr/sessions/:id',
    access: 'ehr_audit:read',
    async handler(c, { actor }) {
      return c.json({ accesses: (await c.var.container.ehr.investigate(actor, { sessionId: pathParam(c, 'id') })).map(presentAccess) });
    },
  }),
  route({
    method: 'GET',
    path: '/api/ehr/patients/:id/accesses',
    access: 'ehr_audit:read',
    async handler(c, { actor }) {
      return c.json({ accesses: (await c.var.container.ehr.investigate(actor, { patientId: pathParam(c, 'id') })).map(presentAccess) });
    },
  }),
];
