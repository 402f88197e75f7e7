import { Readable } from 'node:stream';
import { ContainmentRequest, CustodyRequest, EvidenceUploadQuery, SystemRequest, SystemStatusRequest, TaskUpdateRequest, type ContainmentView, type EvidenceView, type SystemView, type TaskView } from '../../contracts/incidents.js';
import type { ContainmentRow, CustodyRow, EvidenceRow, SystemRow, TaskRow } from '../../db/repositories/response.repository.js';
import { rawBody } from '../raw-body.js';
import { pathParam, route, type RouteDef } from '../route-table.js';

function presentTask(t: TaskRow, now: Date): TaskView {
  return { id: t.id, key: t.key, title: t.title, detail: t.detail, role: t.role, assigneeId: t.assignee_id, dueAt: t.due_at, status: t.status, doneAt: t.done_at, doneBy: t.done_by, overdue: (t.status === 'todo' || t.status === 'doing') && Date.parse(t.due_at) < now.getTime() };
}
function presentSystem(s: SystemRow): SystemView {
  return { id: s.id, name: s.name, quantity: Number(s.quantity), status: s.status, remoteMaintenance: s.remote_maintenance === 1, vendor: s.vendor, note: s.note };
}
function presentContainment(c: ContainmentRow): ContainmentView {
  return { id: c.id, systemId: c.system_id, type: c.type, at: c.at, actorName: c.actor_name, note: c.note };
}
function presentEvidence(e: EvidenceRow & { custody: CustodyRow[] }): EvidenceView {
  return {
    id: e.id,
    sha256: e.sha256,
    size: Number(e.size),
    filename: e.filename,
    description: e.description,
    acquiredAt: e.acquired_at,
    acquiredBy: e.acquired_by,
    source: e.source,
    custody: e.custody.map((c) => ({ at: c.at, action: c.action, actorName: c.actor_name, note: c.note })),
  };
}

/** Path of the raw-body evidence upload; app.ts gives it its own (larger) body limit. */
export const EVIDENCE_UPLOAD_PATH = '/api/cases/:id/evidence';

export const responseRoutes: readonly RouteDef[] = [
  route({
    method: 'GET',
    path: '/api/cases/:id/tasks',
    access: 'incidents:read',
    async handler(c) {
      const { response, clock } = c.var.container;
      const now = clock.now();
      return c.json({ tasks: (await response.tasks(pathParam(c, 'id'))).map((t) => presentTask(t, now)) });
    },
  }),
  route({
    method: 'PATCH',
    path: '/api/cases/:id/tasks/:taskId',
    access: 'incidents:write',
    body: TaskUpdateRequest,
    async handler(c, { actor, body }) {
      const { response, clock } = c.var.container;
      return c.json(presentTask(await response.updateTask(actor, pathParam(c, 'id'), pathParam(c, 'taskId'), body), clock.now()));
    },
  }),
  route({
    method: 'POST',
    path: '/api/cases/:id/tasks/apply-playbook',
    access: 'incidents:write',
    async handler(c, { actor }) {
      return c.json({ added: await c.var.container.response.applyPlaybook(actor, pathParam(c, 'id')) });
    },
  }),
  route({
    method: 'GET',
    path: '/api/cases/:id/systems',
    access: 'incidents:read',
    async handler(c) {
      const { systems, containment } = await c.var.container.response.systems(pathParam(c, 'id'));
      return c.json({ systems: systems.map(presentSystem), containment: containment.map(presentContainment) });
    },
  }),
  route({
    method: 'POST',
    path: '/api/cases/:id/systems',
    access: 'incidents:write',
    body: SystemRequest,
    async handler(c, { actor, body }) {
      return c.json(presentSystem(await c.var.container.response.addSystem(actor, pathParam(c, 'id'), body)), 201);
    },
  }),
  route({
    method: 'PATCH',
    path: '/api/cases/:id/systems/:systemId',
    access: 'incidents:write',
    body: SystemStatusRequest,
    async handler(c, { actor, body }) {
      return c.json(presentSystem(await c.var.container.response.setSystemStatus(actor, pathParam(c, 'id'), pathParam(c, 'systemId'), body.status)));
    },
  }),
  route({
    method: 'POST',
    path: '/api/cases/:id/containment',
    access: 'incidents:write',
    body: ContainmentRequest,
    async handler(c, { actor, body }) {
      return c.json({ containment: (await c.var.container.response.addContainment(actor, pathParam(c, 'id'), body)).map(presentContainment) }, 201);
    },
  }),
  route({
    method: 'GET',
    path: '/api/cases/:id/evidence',
    access: 'incidents:read',
    async handler(c) {
      return c.json({ evidence: (await c.var.container.response.evidence(pathParam(c, 'id'))).map(presentEvidence) });
    },
  }),
  route({
    method: 'POST',
    path: EVIDENCE_UPLOAD_PATH,
    access: 'incidents:write',
    query: EvidenceUploadQuery,
    async handler(c, { actor, query }) {
      const row = await c.var.container.response.addEvidence(actor, pathParam(c, 'id'), rawBody(c), { filename: query.filename, description: query.description, acquiredAt: query.acquiredAt ?? null, acquiredBy: query.acquiredBy, source: query.source });
      return c.json(presentEvidence({ ...row, custody: [] }), 201);
    },
  }),
  route({
    method: 'POST',
    path: '/api/cases/:id/evidence/:evidenceId/custody',
    access: 'incidents:write',
    body: CustodyRequest,
    async handler(c, { actor, body }) {
      const rows = await c.var.container.response.addCustody(actor, pathParam(c, 'id'), pathParam(c, 'evidenceId'), body);
      return c.json({ custody: rows.map((r) => ({ at: r.at, action: r.action, actorName: r.actor_name, note: r.note })) }, 201);
    },
  }),
  route({
    method: 'POST',
    path: '/api/cases/:id/evidence/:evidenceId/verify',
    access: 'incidents:write',
    async handler(c, { actor }) {
      return c.json({ ok: await c.var.container.response.verifyEvidence(actor, pathParam(c, 'id'), pathParam(c, 'evidenceId')) });
    },
  }),
  route({
    method: 'GET',
    path: '/api/cases/:id/evidence/:evidenceId/download',
    access: 'incidents:read',
    async handler(c, { actor }) {
      const { row, stream } = await c.var.container.response.openEvidence(actor, pathParam(c, 'id'), pathParam(c, 'evidenceId'));
      return new Response(Readable.toWeb(stream) as ReadableStream, {
        headers: {
          'Content-Type': 'application/octet-stream',
          'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(row.filename)}`,
          'X-Content-SHA256': row.sha256,
        },
      });
    },
  }),
];
