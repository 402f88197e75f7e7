import { z } from 'zod';
import { NoticeEditRequest, NoticeExportQuery, type NoticeView } from '../../contracts/incidents.js';
import type { NoticeRow } from '../../db/repositories/notice.repository.js';
import { noticeContent } from '../../services/notice.service.js';
import { documentResponse } from '../document-response.js';
import { pathParam, route, type RouteDef } from '../route-table.js';

function presentNotice(row: NoticeRow): NoticeView {
  const changed: unknown = JSON.parse(row.changed);
  return {
    id: row.id,
    edition: Number(row.edition),
    status: row.status === 'published' ? 'published' : 'draft',
    publishedAt: row.published_at,
    changed: Array.isArray(changed) ? changed.filter((x): x is string => typeof x === 'string') : [],
    content: noticeContent(row),
  };
}

const PpcQuery = z.object({ kind: z.enum(['sokuho', 'kakuho']), format: z.enum(['json', 'docx', 'html']).default('json') }).strict();

export const noticeRoutes: readonly RouteDef[] = [
  route({
    method: 'GET',
    path: '/api/cases/:id/ppc-report',
    access: 'incidents:read',
    query: PpcQuery,
    async handler(c, { actor, query }) {
      const kind = query.kind === 'sokuho' ? '速報' : '確報';
      const { report, body } = await c.var.container.ppcReports.render(actor, pathParam(c, 'id'), kind, query.format);
      if (body === null) return c.json(report);
      const format = query.format === 'docx' ? 'docx' : 'html';
      return documentResponse(body, format, `ppc-${query.kind}.${format}`);
    },
  }),
  route({
    method: 'GET',
    path: '/api/cases/:id/notices',
    access: 'incidents:read',
    async handler(c) {
      return c.json({ notices: (await c.var.container.notices.list(pathParam(c, 'id'))).map(presentNotice) });
    },
  }),
  route({
    method: 'POST',
    path: '/api/cases/:id/notices',
    access: 'incidents:write',
    async handler(c, { actor }) {
      return c.json(presentNotice(await c.var.container.notices.createDraft(actor, pathParam(c, 'id'))), 201);
    },
  }),
  route({
    method: 'PATCH',
    path: '/api/cases/:id/notices/:noticeId',
    access: 'incidents:write',
    body: NoticeEditRequest,
    async handler(c, { actor, body }) {
      return c.json(presentNotice(await c.var.container.notices.edit(actor, pathParam(c, 'id'), pathParam(c, 'noticeId'), body)));
    },
  }),
  route({
    method: 'POST',
    path: '/api/cases/:id/notices/:noticeId/publish',
    access: 'incidents:write',
    async handler(c, { actor }) {
      return c.json(presentNotice(await c.var.container.notices.publish(actor, pathParam(c, 'id'), pathParam(c, 'noticeId'))));
    },
  }),
  route({
    method: 'GET',
    path: '/api/cases/:id/notices/:noticeId/export',
    access: 'incidents:read',
    query: NoticeExportQuery,
    async handler(c, { actor, query }) {
      const out = await c.var.container.notices.render(actor, pathParam(c, 'id'), pathParam(c, 'noticeId'), query.format);
      const body = typeof out.body === 'string' ? out.body : new Uint8Array(out.body);
      return new Response(body, {
        headers: {
          'Content-Type': out.contentType,
          'Content-Disposition': `${query.format === 'html' ? 'inline' : 'attachment'}; filename="${out.filename}"`,
          'Cache-Control': 'no-store',
        },
      });
    },
  }),
];
