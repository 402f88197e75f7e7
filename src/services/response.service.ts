import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { EvidenceStore } from '../connectors/evidence-store.js';
import type { Actor } from '../core/actor.js';
import { iso, type Clock } from '../core/clock.js';
import { DomainError } from '../core/errors.js';
import { playbookTasks } from '../core/incidents/playbooks.js';
import type { IncidentStore } from '../db/incident-store.js';
import type { ContainmentRow, CustodyRow, EvidenceRow, SystemRow, TaskRow } from '../db/repositories/response.repository.js';
import type { AuditService } from './audit.service.js';
import { caseTypeOf } from './case.service.js';

export const SYSTEM_STATUSES = ['unconfirmed', 'compromised', 'not_compromised', 'unknown'] as const;
export const TASK_STATUSES = ['todo', 'doing', 'done', 'skipped'] as const;

/**
 * Response work on a case: playbook tasks, affected systems and containment actions, and
 * evidence with its chain of custody (files in a write-once, content-addressed store).
 */
export class ResponseService {
  readonly #store: IncidentStore;
  readonly #audit: AuditService;
  readonly #clock: Clock;
  readonly #evidence: EvidenceStore;
  readonly #evidenceMaxBytes: number;

  constructor(deps: { store: IncidentStore; audit: AuditService; clock: Clock; evidence: EvidenceStore; evidenceMaxBytes: number }) {
    this.#store = deps.store;
    this.#audit = deps.audit;
    this.#clock = deps.clock;
    this.#evidence = deps.evidence;
    this.#evidenceMaxBytes = deps.evidenceMaxBytes;
  }

  /** Add the case type's playbook tasks that are not there yet (idempotent by task key). */
  async applyPlaybook(actor: Actor, caseId: string, store: IncidentStore = this.#store): Promise<number> {
    const row = await store.cases.findById(caseId);
    if (!row) throw new DomainError('not_found', 'インシデントが見つかりません / Case not found');
    const existing = new Set((await store.response.tasks(caseId)).map((t) => t.key));
    const offset = existing.size;
    const now = iso(this.#clock.now());
    const drafts = playbookTasks(caseTypeOf(row), new Date(row.known_at)).filter((t) => !existing.has(t.key));
    await store.response.insertTasks(
      drafts.map((t, i) => ({ id: randomUUID(), case_id: caseId, key: t.key, title: t.title, detail: t.detail, role: t.role, assignee_id: null, ord: offset + i + 1, due_at: t.dueAt.toISOString(), status: 'todo', done_at: null, done_by: null, created_at: now, updated_at: now })),
    );
    if (drafts.length > 0) await this.#audit.record(actor, { action: 'case.playbook_apply', targetType: 'case', targetId: caseId, detail: { tasks: drafts.length } });
    return drafts.length;
  }

  async tasks(caseId: string): Promise<TaskRow[]> {
    await this.#requireCase(caseId);
    return this.#store.response.tasks(caseId);
  }

  async updateTask(actor: Actor, caseId: string, taskId: string, patch: { status?: (typeof TASK_STATUSES)[number] | undefined; assigneeId?: string | null | undefined }): Promise<TaskRow> {
    const task = await this.#store.response.findTask(taskId);
    if (!task || task.case_id !== caseId) throw new DomainError('not_found', 'タスクが見つかりません / Task not found');
    const now = iso(this.#clock.now());
    const done = patch.status === 'done' || patch.status === 'skipped';
    await this.#store.transaction(async (tx) => {
      await tx.response.updateTask(taskId, {
        ...(patch.status ? { status: patch.status, done_at: done ? now : null, done_by: done ? actor.name : null } : {}),
        ...(patch.assigneeId !== undefined ? { assignee_id: patch.assigneeId } : {}),
        updated_at: now,
      });
      await tx.cases.addChanges([{ id: randomUUID(), case_id: caseId, at: now, actor_id: actor.id, actor_name: actor.name, entity: 'task', entity_id: taskId, field: task.key, before: JSON.stringify({ status: task.status, assignee: task.assignee_id }), after: JSON.stringify(patch) }]);
    });
    await this.#audit.record(actor, { action: 'case.task_update', targetType: 'case', targetId: caseId, detail: { task: task.key, ...patch } });
    const row = await this.#store.response.findTask(taskId);
    if (!row) throw new Error('task vanished');
    return row;
  }

  async systems(caseId: string): Promise<{ systems: SystemRow[]; containment: ContainmentRow[] }> {
    await this.#requireCase(caseId);
    const [systems, containment] = await Promise.all([this.#store.response.systems(caseId), this.#store.response.containment(caseId)]);
    return { systems, containment };
  }

  async addSystem(actor: Actor, caseId: string, input: { name: string; quantity: number; status: (typeof SYSTEM_STATUSES)[number]; remoteMaintenance: boolean; vendor: string; note: string }): Promise<SystemRow> {
    await this.#requireCase(caseId);
    const id = randomUUID();
    const now = iso(this.#clock.now());
    await this.#store.response.insertSystem({ id, case_id: caseId, name: input.name, quantity: input.quantity, status: input.status, remote_maintenance: input.remoteMaintenance ? 1 : 0, vendor: input.vendor, note: input.note, created_at: now, updated_at: now });
    await this.#audit.record(actor, { action: 'case.system_add', targetType: 'case', targetId: caseId, detail: { systemId: id } });
    const row = await this.#store.response.findSystem(id);
    if (!row) throw new Error('system vanished');
    return row;
  }

  async setSystemStatus(actor: Actor, caseId: string, systemId: string, status: (typeof SYSTEM_STATUSES)[number]): Promise<SystemRow> {
    const sys = await this.#store.response.findSystem(systemId);
    if (!sys || sys.case_id !== caseId) throw new DomainError('not_found', 'システムが見つかりません / System not found');
    const now = iso(this.#clock.now());
    await this.#store.transaction(async (tx) => {
      await tx.response.updateSystem(systemId, { status, updated_at: now });
      await tx.cases.addChanges([{ id: randomUUID(), case_id: caseId, at: now, actor_id: actor.id, actor_name: actor.name, entity: 'system', entity_id: systemId, field: 'status', before: JSON.stringify(sys.status), after: JSON.stringify(status) }]);
    });
    await this.#audit.record(actor, { action: 'case.system_update', targetType: 'case', targetId: caseId, detail: { systemId, status } });
    const row = await this.#store.response.findSystem(systemId);
    if (!row) throw new Error('system vanished');
    return row;
  }

  async addContainment(actor: Actor, caseId: string, input: { systemId: string | null; type: string; at: string; actorName: string; note: string }): Promise<ContainmentRow[]> {
    await this.#requireCase(caseId);
    if (input.systemId) {
      const sys = await this.#store.response.findSystem(input.systemId);
      if (!sys || sys.case_id !== caseId) throw new DomainError('not_found', 'システムが見つかりません / System not found');
    }
    await this.#store.response.insertContainment({ id: randomUUID(), case_id: caseId, system_id: input.systemId, type: input.type, at: new Date(input.at).toISOString(), actor_name: input.actorName || actor.name, note: input.note, created_by: actor.id, created_at: iso(this.#clock.now()) });
    await this.#audit.record(actor, { action: 'case.containment_add', targetType: 'case', targetId: caseId, detail: { type: input.type } });
    return this.#store.response.containment(caseId);
  }

  /** Store a file as evidence: hashed while streaming, kept write-once, custody starts. */
  async addEvidence(actor: Actor, caseId: string, body: Readable | ReadableStream<Uint8Array>, meta: { filename: string; description: string; acquiredAt: string | null; acquiredBy: string; source: string }): Promise<EvidenceRow> {
    await this.#requireCase(caseId);
    let blob;
    try {
      blob = await this.#evidence.put(body, this.#evidenceMaxBytes);
    } catch (error) {
      if (error instanceof Error && error.name === 'EvidenceTooLargeError') {
        throw new DomainError('payload_too_large', '証拠ファイルが大きすぎます / Evidence file too large', { limitBytes: this.#evidenceMaxBytes });
      }
      throw error;
    }
    const id = randomUUID();
    const now = iso(this.#clock.now());
    await this.#store.transaction(async (tx) => {
      await tx.response.insertEvidence({ id, case_id: caseId, sha256: blob.sha256, size: blob.size, filename: meta.filename, description: meta.description, acquired_at: meta.acquiredAt ? new Date(meta.acquiredAt).toISOString() : now, acquired_by: meta.acquiredBy || actor.name, source: meta.source, created_by: actor.id, created_at: now });
      await tx.response.insertCustody({ id: randomUUID(), evidence_id: id, at: now, action: 'registered', actor_name: actor.name, note: `SHA-256 ${blob.sha256}` });
    });
    await this.#audit.record(actor, { action: 'case.evidence_add', targetType: 'case', targetId: caseId, detail: { evidenceId: id, sha256: blob.sha256, size: blob.size } });
    const row = await this.#store.response.findEvidence(id);
    if (!row) throw new Error('evidence vanished');
    return row;
  }

  async evidence(caseId: string): Promise<Array<EvidenceRow & { custody: CustodyRow[] }>> {
    await this.#requireCase(caseId);
    const rows = await this.#store.response.evidence(caseId);
    return Promise.all(rows.map(async (r) => ({ ...r, custody: await this.#store.response.custody(r.id) })));
  }

  async addCustody(actor: Actor, caseId: string, evidenceId: string, input: { action: string; note: string }): Promise<CustodyRow[]> {
    await this.#requireEvidence(caseId, evidenceId);
    await this.#store.response.insertCustody({ id: randomUUID(), evidence_id: evidenceId, at: iso(this.#clock.now()), action: input.action, actor_name: actor.name, note: input.note });
    await this.#audit.record(actor, { action: 'case.custody_add', targetType: 'evidence', targetId: evidenceId, detail: { action: input.action } });
    return this.#store.response.custody(evidenceId);
  }

  /** Re-hash the stored file; the result is itself a custody entry. */
  async verifyEvidence(actor: Actor, caseId: string, evidenceId: string): Promise<boolean> {
    const ev = await this.#requireEvidence(caseId, evidenceId);
    const ok = await this.#evidence.verify(ev.sha256);
    await this.#store.response.insertCustody({ id: randomUUID(), evidence_id: evidenceId, at: iso(this.#clock.now()), action: ok ? 'verified' : 'verification_failed', actor_name: actor.name, note: ok ? 'SHA-256 一致' : 'SHA-256 不一致またはファイルなし' });
    await this.#audit.record(actor, { action: 'case.evidence_verify', outcome: ok ? 'success' : 'failure', targetType: 'evidence', targetId: evidenceId });
    return ok;
  }

  async openEvidence(actor: Actor, caseId: string, evidenceId: string): Promise<{ row: EvidenceRow; stream: Readable }> {
    const row = await this.#requireEvidence(caseId, evidenceId);
    await this.#store.response.insertCustody({ id: randomUUID(), evidence_id: evidenceId, at: iso(this.#clock.now()), action: 'downloaded', actor_name: actor.name, note: '' });
    await this.#audit.record(actor, { action: 'case.evidence_download', targetType: 'evidence', targetId: evidenceId });
    return { row, stream: this.#evidence.read(row.sha256) };
  }

  async #requireEvidence(caseId: string, evidenceId: string): Promise<EvidenceRow> {
    const ev = await this.#store.response.findEvidence(evidenceId);
    if (!ev || ev.case_id !== caseId) throw new DomainError('not_found', '証拠が見つかりません / Evidence not found');
    return ev;
  }

  async #requireCase(caseId: string): Promise<void> {
    if (!(await this.#store.cases.findById(caseId))) throw new DomainError('not_found', 'インシデントが見つかりません / Case not found');
  }
}
