import { z } from 'zod';
import {
  AssessRequest,
  AuthorityRequest,
  type AuthorityView,
  CreateCaseRequest,
  ExposureRequest,
  HospitalProfileRequest,
  SubmissionRequest,
  TimelineEntryRequest,
  UpdateCaseRequest,
} from '../../contracts/incidents.js';
import { csvResponse } from '../csv-response.js';
import {
  presentAssessment,
  presentCase,
  presentCaseSummary,
  presentChange,
  presentExposure,
  presentObligation,
  presentTimelineEntry,
} from '../presenters/incident.presenter.js';
import { pathParam, route, type RouteDef } from '../route-table.js';

const ImportRequest = z.object({ csv: z.string().max(5 * 1024 * 1024) }).strict();
const ListQuery = z.object({ status: z.enum(['open', 'closed']).optional() }).strict();
const ExportQuery = z.object({ encoding: z.enum(['utf8', 'sjis']).optional() }).strict();

/** Case list order: overdue first, then due soon, then by next deadline, then newest. */
const STATE_RANK: Readonly<Record<string, number>> = { overdue: 0, due_soon: 1, ok: 2 };

export const incidentRoutes: readonly RouteDef[] = [
  route({
    method: 'GET',
    path: '/api/cases',
    access: 'incidents:read',
    query: ListQuery,
    async handler(c, { query }) {
      const { cases, breach, clock } = c.var.container;
      const now = clock.now();
      const [rows, open] = await Promise.all([cases.list({ status: query.status }), breach.openObligations()]);
      const list = rows.map((r) => presentCaseSummary(r, open, now));
      list.sort((a, b) => {
        const ra = STATE_RANK[a.nextObligation?.state ?? ''] ?? 3;
        const rb = STATE_RANK[b.nextObligation?.state ?? ''] ?? 3;
        if (ra !== rb) return ra - rb;
        const da = a.nextObligation?.dueAt ?? '9999';
        const db = b.nextObligation?.dueAt ?? '9999';
        return da === db ? b.knownAt.localeCompare(a.knownAt) : da.localeCompare(db);
      });
      return c.json({ cases: list });
    },
  }),
  route({
    method: 'POST',
    path: '/api/cases',
    access: 'incidents:write',
    body: CreateCaseRequest,
    async handler(c, { actor, body }) {
      return c.json(presentCase(await c.var.container.cases.create(actor, body)), 201);
    },
  }),
  route({
    method: 'GET',
    path: '/api/cases/:id',
    access: 'incidents:read',
    async handler(c) {
      return c.json(presentCase(await c.var.container.cases.get(pathParam(c, 'id'))));
    },
  }),
  route({
    method: 'PATCH',
    path: '/api/cases/:id',
    access: 'incidents:write',
    body: UpdateCaseRequest,
    async handler(c, { actor, body }) {
      return c.json(presentCase(await c.var.container.cases.update(actor, pathParam(c, 'id'), body)));
    },
  }),
  route({
    method: 'GET',
    path: '/api/cases/:id/changes',
    access: 'incidents:read',
    async handler(c) {
      return c.json({ changes: (await c.var.container.cases.changes(pathParam(c, 'id'))).map(presentChange) });
    },
  }),
  route({
    method: 'GET',
    path: '/api/cases/:id/timeline',
    access: 'incidents:read',
    async handler(c) {
      return c.json({ entries: (await c.var.container.cases.timeline(pathParam(c, 'id'))).map(presentTimelineEntry) });
    },
  }),
  route({
    method: 'POST',
    path: '/api/cases/:id/timeline',
    access: 'incidents:write',
    body: TimelineEntryRequest,
    async handler(c, { actor, body }) {
      return c.json(presentTimelineEntry(await c.var.container.cases.addTimeline(actor, pathParam(c, 'id'), body)), 201);
    },
  }),
  route({
    method: 'PATCH',
    path: '/api/cases/:id/timeline/:entryId',
    access: 'incidents:write',
    body: TimelineEntryRequest,
    async handler(c, { actor, body }) {
      return c.json(presentTimelineEntry(await c.var.container.cases.updateTimeline(actor, pathParam(c, 'id'), pathParam(c, 'entryId'), body)));
    },
  }),
  route({
    method: 'DELETE',
    path: '/api/cases/:id/timeline/:entryId',
    access: 'incidents:write',
    async handler(c, { actor }) {
      await c.var.container.cases.deleteTimeline(actor, pathParam(c, 'id'), pathParam(c, 'entryId'));
      return c.body(null, 204);
    },
  }),
  route({
    method: 'POST',
    path: '/api/cases/:id/timeline/import',
    access: 'incidents:write',
    body: ImportRequest,
    async handler(c, { actor, body }) {
      return c.json(await c.var.container.cases.importTimeline(actor, pathParam(c, 'id'), body.csv));
    },
  }),
  route({
    method: 'GET',
    path: '/api/cases/:id/timeline/export.csv',
    access: 'incidents:read',
    query: ExportQuery,
    async handler(c, { actor, query }) {
      const text = await c.var.container.cases.exportTimelineCsv(actor, pathParam(c, 'id'));
      return csvResponse(text, 'timeline.csv', query.encoding ?? 'utf8');
    },
  }),
  route({
    method: 'GET',
    path: '/api/cases/:id/timeline/export.xlsx',
    access: 'incidents:read',
    async handler(c, { actor }) {
      const body = await c.var.container.cases.exportTimelineXlsx(actor, pathParam(c, 'id'));
      return new Response(new Uint8Array(body), {
        headers: { 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'Content-Disposition': 'attachment; filename="timeline.xlsx"' },
      });
    },
  }),
  route({
    method: 'GET',
    path: '/api/cases/:id/exposures',
    access: 'incidents:read',
    async handler(c) {
      const { breach } = c.var.container;
      const id = pathParam(c, 'id');
      const [exposures, assessments] = await Promise.all([breach.exposures(id), breach.assessments(id)]);
      return c.json({ exposures: exposures.map(presentExposure), assessments: assessments.map(presentAssessment) });
    },
  }),
  route({
    method: 'POST',
    path: '/api/cases/:id/exposures',
    access: 'incidents:write',
    body: ExposureRequest,
    async handler(c, { actor, body }) {
      return c.json(presentExposure(await c.var.container.breach.addExposure(actor, pathParam(c, 'id'), body)), 201);
    },
  }),
  route({
    method: 'PATCH',
    path: '/api/cases/:id/exposures/:exposureId',
    access: 'incidents:write',
    body: ExposureRequest,
    async handler(c, { actor, body }) {
      return c.json(presentExposure(await c.var.container.breach.updateExposure(actor, pathParam(c, 'id'), pathParam(c, 'exposureId'), body)));
    },
  }),
  route({
    method: 'DELETE',
    path: '/api/cases/:id/exposures/:exposureId',
    access: 'incidents:write',
    async handler(c, { actor }) {
      await c.var.container.breach.deleteExposure(actor, pathParam(c, 'id'), pathParam(c, 'exposureId'));
      return c.body(null, 204);
    },
  }),
  route({
    method: 'POST',
    path: '/api/cases/:id/assess',
    access: 'incidents:write',
    body: AssessRequest,
    async handler(c, { actor, body }) {
      return c.json(presentAssessment(await c.var.container.breach.assess(actor, pathParam(c, 'id'), body.rationale)), 201);
    },
  }),
  route({
    method: 'GET',
    path: '/api/cases/:id/obligations',
    access: 'incidents:read',
    async handler(c) {
      const { breach, clock } = c.var.container;
      const now = clock.now();
      return c.json({ obligations: (await breach.obligations(pathParam(c, 'id'))).map((o) => presentObligation(o, now)) });
    },
  }),
  route({
    method: 'PATCH',
    path: '/api/cases/:id/obligations/:obligationId',
    access: 'incidents:write',
    body: SubmissionRequest,
    async handler(c, { actor, body }) {
      const { breach, clock } = c.var.container;
      return c.json(presentObligation(await breach.recordSubmission(actor, pathParam(c, 'id'), pathParam(c, 'obligationId'), body), clock.now()));
    },
  }),
  route({
    method: 'GET',
    path: '/api/deadlines',
    access: 'incidents:read',
    async handler(c) {
      const { breach, cases, clock } = c.var.container;
      const now = clock.now();
      const open = await breach.openObligations();
      const byCase = new Map((await cases.list()).map((r) => [r.id, r]));
      return c.json({
        deadlines: open.map((o) => ({ caseId: o.case_id, caseNumber: byCase.get(o.case_id)?.number ?? '', caseTitle: byCase.get(o.case_id)?.title ?? '', obligation: presentObligation(o, now) })),
      });
    },
  }),
  route({
    method: 'GET',
    path: '/api/settings/hospital',
    access: 'incidents:read',
    async handler(c) {
      return c.json(await c.var.container.incidentSettings.profile());
    },
  }),
  route({
    method: 'PATCH',
    path: '/api/settings/hospital',
    access: 'settings:manage',
    body: HospitalProfileRequest,
    async handler(c, { actor, body }) {
      return c.json(await c.var.container.incidentSettings.setProfile(actor, body));
    },
  }),
  route({
    method: 'GET',
    path: '/api/settings/deadline-rules',
    access: 'incidents:read',
    async handler(c) {
      return c.json(await c.var.container.incidentSettings.deadlineRules());
    },
  }),
  route({
    method: 'GET',
    path: '/api/authorities',
    access: 'incidents:read',
    async handler(c) {
      const rows = await c.var.container.incidentSettings.authorities();
      return c.json({ authorities: rows.map((a): AuthorityView => ({ id: a.id, kind: a.kind, name: a.name, contact: a.contact, phone: a.phone, url: a.url, note: a.note })) });
    },
  }),
  route({
    method: 'PATCH',
    path: '/api/authorities/:authorityId',
    access: 'settings:manage',
    body: AuthorityRequest,
    async handler(c, { actor, body }) {
      const rows = await c.var.container.incidentSettings.updateAuthority(actor, pathParam(c, 'authorityId'), body);
      return c.json({ authorities: rows.map((a): AuthorityView => ({ id: a.id, kind: a.kind, name: a.name, contact: a.contact, phone: a.phone, url: a.url, note: a.note })) });
    },
  }),
];
