import type { Context } from 'hono';
import { z } from 'zod';
import { CorrespondentsImportRequest, MAIL_STATES, MailEscalateRequest, MailReviewRequest, TAKEOVER_STATES, TakeoverReviewRequest } from '../../contracts/incidents.js';
import { DomainError } from '../../core/errors.js';
import { jstDays } from '../../core/jst.js';
import { tokensEqual } from '../../services/session-token.js';
import type { AppEnv } from '../app-env.js';
import { presentMailDetail, presentMailMessage } from '../presenters/mail.presenter.js';
import { presentLogRun, presentTakeoverAlert, presentTakeoverDetail } from '../presenters/mail-takeover.presenter.js';
import { rawBody } from '../raw-body.js';
import { pathParam, publicRoute, route, type RouteDef } from '../route-table.js';

/** Raw-body mail uploads (a message, an mbox, a zip of .eml, a log file); app.ts streams them like evidence. */
const MAIL_UPLOAD_PATHS = ['/api/mail/messages', '/api/mail/history', '/api/mail/ingest'];
export function isMailUpload(path: string): boolean {
  return MAIL_UPLOAD_PATHS.includes(path) || /^\/api\/mail\/log-runs\/[^/]+\/files$/.test(path);
}

const UploadQuery = z.object({ filename: z.string().min(1).max(300).default('message.eml') }).strict();
const IngestQuery = z
  .object({
    filename: z.string().min(1).max(300).default('message.eml'),
    ip: z.string().max(64).optional(),
    helo: z.string().max(255).optional(),
    sender: z.string().max(320).optional(),
  })
  .strict();


/** The MTA's shared secret (Authorization: Bearer …), compared in constant time. */
function checkIngestToken(c: Context<AppEnv>): void {
  const expected = c.var.container.config.mail.ingestToken;
  if (!expected) throw new DomainError('not_found', '受付は設定されていません（MAMORI_MAIL_INGEST_TOKEN） / ingest is not configured');
  if (!tokensEqual((c.req.header('authorization') ?? '').replace(/^Bearer\s+/i, ''), expected)) throw new DomainError('unauthenticated', 'トークンが正しくありません / invalid ingest token');
}

export const mailRoutes: readonly RouteDef[] = [
  publicRoute({
    method: 'POST',
    path: '/api/mail/ingest',
    query: IngestQuery,
    async handler(c, { query }) {
      checkIngestToken(c);
      const actor = { id: null, name: 'mta', ip: c.var.ip };
      const { judged, unreadable } = await c.var.container.mail.submit(actor, rawBody(c), query.filename, 'api', { ...(query.ip ? { ip: query.ip } : {}), ...(query.helo ? { helo: query.helo } : {}), ...(query.sender ? { sender: query.sender } : {}) });
      // What a milter or quarantine script needs to act on: verdict, score, reason codes.
      return c.json({ results: judged.map((j) => ({ id: j.row.id, verdict: j.row.verdict, score: Number(j.row.score), reasons: j.analysis.reasons.map((r) => r.code) })), unreadable });
    },
  }),
  route({
    method: 'POST',
    path: '/api/mail/messages',
    access: 'mail:review',
    query: UploadQuery,
    async handler(c, { actor, query }) {
      const { judged, unreadable } = await c.var.container.mail.submit(actor, rawBody(c), query.filename, 'upload');
      return c.json({ messages: judged.map((j) => presentMailMessage(j.row)), unreadable }, 201);
    },
  }),
  route({
    method: 'POST',
    path: '/api/mail/history',
    access: 'mail:review',
    query: UploadQuery,
    async handler(c, { actor, query }) {
      return c.json(await c.var.container.mail.learnHistory(actor, rawBody(c), query.filename), 201);
    },
  }),
  route({
    method: 'GET',
    path: '/api/mail/messages',
    access: 'mail:read',
    query: z
      .object({
        verdict: z.enum(['安全', '注意', '危険']).optional(),
        state: z.enum(MAIL_STATES).optional(),
        q: z.string().max(200).optional(),
        offset: z.coerce.number().int().min(0).default(0),
        limit: z.coerce.number().int().min(1).max(500).default(100),
      })
      .strict(),
    async handler(c, { query }) {
      const { rows, total, counts } = await c.var.container.mail.list(query);
      return c.json({ messages: rows.map(presentMailMessage), total, counts });
    },
  }),
  route({
    method: 'GET',
    path: '/api/mail/messages/:id',
    access: 'mail:read',
    async handler(c, { actor }) {
      return c.json(presentMailDetail(await c.var.container.mail.detail(actor, pathParam(c, 'id'))));
    },
  }),
  route({
    method: 'PATCH',
    path: '/api/mail/messages/:id',
    access: 'mail:review',
    body: MailReviewRequest,
    async handler(c, { actor, body }) {
      return c.json(presentMailMessage(await c.var.container.mail.review(actor, pathParam(c, 'id'), body.state, body.note)));
    },
  }),
  route({
    method: 'POST',
    path: '/api/mail/messages/:id/escalate',
    access: 'mail:review',
    body: MailEscalateRequest,
    async handler(c, { actor, body }) {
      if (body.caseId) await c.var.container.cases.get(body.caseId);
      const r = await c.var.container.mail.escalate(actor, pathParam(c, 'id'), body.caseId);
      return c.json({ message: presentMailMessage(r.row), caseId: r.caseId });
    },
  }),
  route({
    method: 'POST',
    path: '/api/mail/log-runs',
    access: 'mail:review',
    async handler(c, { actor }) {
      return c.json(presentLogRun(await c.var.container.mailTakeover.createRun(actor), []), 201);
    },
  }),
  route({
    method: 'GET',
    path: '/api/mail/log-runs',
    access: 'mail:read',
    async handler(c) {
      const runs = await c.var.container.mailTakeover.runs();
      return c.json({ runs: runs.map((r) => presentLogRun(r, [])) });
    },
  }),
  route({
    method: 'GET',
    path: '/api/mail/log-runs/:id',
    access: 'mail:read',
    async handler(c) {
      const { run, files } = await c.var.container.mailTakeover.run(pathParam(c, 'id'));
      return c.json(presentLogRun(run, files));
    },
  }),
  route({
    method: 'POST',
    path: '/api/mail/log-runs/:id/files',
    access: 'mail:review',
    query: z.object({ filename: z.string().min(1).max(300).default('maillog') }).strict(),
    async handler(c, { actor, query }) {
      const id = pathParam(c, 'id');
      await c.var.container.mailTakeover.addFile(actor, id, rawBody(c), query.filename);
      const { run, files } = await c.var.container.mailTakeover.run(id);
      return c.json(presentLogRun(run, files), 201);
    },
  }),
  route({
    method: 'POST',
    path: '/api/mail/log-runs/:id/analyze',
    access: 'mail:review',
    async handler(c, { actor }) {
      const id = pathParam(c, 'id');
      await c.var.container.mailTakeover.analyze(actor, id);
      const { run, files } = await c.var.container.mailTakeover.run(id);
      return c.json(presentLogRun(run, files), 202);
    },
  }),
  route({
    method: 'GET',
    path: '/api/mail/takeover-alerts',
    access: 'mail:read',
    query: z
      .object({
        runId: z.string().max(64).optional(),
        severity: z.enum(['危険', '注意']).optional(),
        state: z.enum(TAKEOVER_STATES).optional(),
        offset: z.coerce.number().int().min(0).default(0),
        limit: z.coerce.number().int().min(1).max(500).default(100),
      })
      .strict(),
    async handler(c, { query }) {
      const { rows, total } = await c.var.container.mailTakeover.alerts(query);
      return c.json({ alerts: rows.map(presentTakeoverAlert), total });
    },
  }),
  route({
    method: 'GET',
    path: '/api/mail/takeover-alerts/:id',
    access: 'mail:read',
    async handler(c, { actor }) {
      return c.json(presentTakeoverDetail(await c.var.container.mailTakeover.alert(actor, pathParam(c, 'id'))));
    },
  }),
  route({
    method: 'PATCH',
    path: '/api/mail/takeover-alerts/:id',
    access: 'mail:review',
    body: TakeoverReviewRequest,
    async handler(c, { actor, body }) {
      return c.json(presentTakeoverAlert(await c.var.container.mailTakeover.review(actor, pathParam(c, 'id'), body.state, body.note)));
    },
  }),
  route({
    method: 'POST',
    path: '/api/mail/takeover-alerts/:id/escalate',
    access: 'mail:review',
    body: MailEscalateRequest,
    async handler(c, { actor, body }) {
      if (body.caseId) await c.var.container.cases.get(body.caseId);
      const r = await c.var.container.mailTakeover.escalate(actor, pathParam(c, 'id'), body.caseId);
      return c.json({ alert: presentTakeoverAlert(r.row), caseId: r.caseId });
    },
  }),
  route({
    method: 'GET',
    path: '/api/mail/settings',
    access: 'mail:read',
    async handler(c) {
      const s = await c.var.container.mail.settings();
      return c.json({ ...s, ingest: c.var.container.config.mail.ingestToken !== null, watchDir: c.var.container.config.mail.watchDir !== null });
    },
  }),
  route({
    method: 'POST',
    path: '/api/mail/staff',
    access: 'mail:review',
    async handler(c, { actor }) {
      return c.json({ staff: await c.var.container.mail.setStaff(actor, await c.req.text()) });
    },
  }),
  route({
    method: 'POST',
    path: '/api/cases/:id/correspondents/import',
    access: 'incidents:write',
    body: CorrespondentsImportRequest,
    async handler(c, { actor, body }) {
      const { from, to } = jstDays(body.since, body.until);
      const r = await c.var.container.mail.importCorrespondents(actor, pathParam(c, 'id'), body.evidenceId, { ...(from !== undefined ? { since: from } : {}), ...(to !== undefined ? { until: to } : {}), excludeDomains: body.excludeDomains });
      return c.json({ addresses: r.addresses, messages: r.messages, created: r.created, merged: r.merged, rejected: r.errors.length });
    },
  }),
];
