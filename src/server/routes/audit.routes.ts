import { z } from 'zod';
import { AuditQuery, type AuditPage } from '../../contracts/api.js';
import { csvLine } from '../../core/csv.js';
import { formatJst, jstDayEnd, jstDayStart } from '../../core/jst.js';
import type { AuditFilter } from '../../db/repositories/audit.repository.js';
import { csvResponse } from '../csv-response.js';
import { presentAuditEntry } from '../presenters/audit.presenter.js';
import { presentJob } from '../presenters/job.presenter.js';
import { route, type RouteDef } from '../route-table.js';

const ExportQuery = AuditQuery.extend({ encoding: z.enum(['utf8', 'sjis']).optional() });

function toFilter(query: AuditQuery, limit: number): AuditFilter {
  return {
    actor: query.actor || undefined,
    action: query.action || undefined,
    fromAt: query.from ? jstDayStart(query.from).toISOString() : undefined,
    toAt: query.to ? jstDayEnd(query.to).toISOString() : undefined,
    beforeSeq: query.beforeSeq,
    limit,
  };
}

const EXPORT_LIMIT = 100_000;

export const auditRoutes: readonly RouteDef[] = [
  route({
    method: 'GET',
    path: '/api/audit',
    access: 'audit:read',
    query: AuditQuery,
    async handler(c, { actor, query }) {
      const { audit } = c.var.container;
      const limit = query.limit ?? 100;
      const rows = await audit.page(toFilter(query, limit));
      await audit.record(actor, { action: 'audit.read', detail: { filter: { ...query }, rows: rows.length } });
      const last = rows.at(-1);
      return c.json<AuditPage>({
        entries: rows.map(presentAuditEntry),
        nextBeforeSeq: rows.length === limit && last ? Number(last.seq) : null,
      });
    },
  }),
  route({
    method: 'GET',
    path: '/api/audit/export.csv',
    access: 'audit:export',
    query: ExportQuery,
    async handler(c, { actor, query }) {
      const { audit } = c.var.container;
      const rows = await audit.page(toFilter(query, EXPORT_LIMIT));
      await audit.record(actor, { action: 'audit.export', detail: { rows: rows.length, encoding: query.encoding ?? 'utf8' } });
      let text = csvLine(['seq', '日時(JST)', '利用者', '操作', '対象種別', '対象ID', '結果', 'IPアドレス', '詳細', 'hash']);
      for (const row of rows) {
        text += csvLine([
          row.seq,
          formatJst(new Date(row.at)),
          row.actor_name,
          row.action,
          row.target_type,
          row.target_id,
          row.outcome,
          row.ip,
          row.detail,
          row.hash,
        ]);
      }
      return csvResponse(text, 'mamori-audit.csv', query.encoding ?? 'utf8');
    },
  }),
  route({
    method: 'POST',
    path: '/api/audit/verify',
    access: 'audit:verify',
    async handler(c, { actor }) {
      const job = await c.var.container.jobs.enqueue(actor, 'audit.verify', {});
      return c.json(presentJob(job), 202);
    },
  }),
];
