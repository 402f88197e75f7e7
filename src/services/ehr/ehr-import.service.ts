/**
 * EHR imports started from the web UI: the export's files are uploaded one by one (streamed,
 * hashed) to the evidence store's temporary folder — not kept as evidence: they are a copy of
 * patient data needed only until imported — then a background job (`ehr.import`) imports them the
 * same way as `mamori ehr import`, reporting progress as bytes of the access log read, and
 * discards them once imported. Re-running the job after a crash adds nothing twice (events are
 * keyed by event_id).
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { Actor } from '../../core/actor.js';
import { iso, type Clock } from '../../core/clock.js';
import { DomainError } from '../../core/errors.js';
import type { JobContext, JobResult } from '../../core/jobs.js';
import type { readEhrFolder } from '../../connectors/ehr-folder.js';
import type { EvidenceStore } from '../../connectors/evidence-store.js';
import type { EhrImportRow } from '../../db/repositories/ehr.repository.js';
import type { IncidentStore } from '../../db/incident-store.js';
import type { AuditService } from '../audit.service.js';
import type { JobService } from '../job.service.js';
import type { EhrAuditService } from './ehr-audit.service.js';

/** What an export folder may hold: the format's files, FHIR NDJSON, a column mapping and the vendor files it names. */
const FILE_NAME = /^[\w.\- ]{1,120}\.(csv|ndjson|json|txt)$/i;
const MAX_FILES = 20;
/** An upload never started is discarded after this long (it is a copy of patient data). */
export const ABANDONED_AFTER_MS = 7 * 86_400_000;

export interface EhrImportFile {
  name: string;
  sha256: string;
  size: number;
  /** The spooled upload (EvidenceStore.spool) until the import succeeds. */
  spool: string;
}

export function importFiles(row: EhrImportRow): EhrImportFile[] {
  return row.files ? (JSON.parse(row.files) as EhrImportFile[]) : [];
}

export class EhrImportService {
  readonly #store: IncidentStore;
  readonly #audit: AuditService;
  readonly #clock: Clock;
  readonly #jobs: JobService;
  readonly #evidence: EvidenceStore;
  readonly #ehr: EhrAuditService;
  readonly #maxFileBytes: number;
  readonly #readFolder: typeof readEhrFolder;

  constructor(deps: { store: IncidentStore; audit: AuditService; clock: Clock; jobs: JobService; evidence: EvidenceStore; ehr: EhrAuditService; maxFileBytes: number; readFolder: typeof readEhrFolder }) {
    this.#readFolder = deps.readFolder;
    this.#store = deps.store;
    this.#audit = deps.audit;
    this.#clock = deps.clock;
    this.#jobs = deps.jobs;
    this.#evidence = deps.evidence;
    this.#ehr = deps.ehr;
    this.#maxFileBytes = deps.maxFileBytes;
  }

  async create(actor: Actor): Promise<EhrImportRow> {
    await this.#discardAbandoned(actor);
    const id = randomUUID();
    await this.#store.ehr.insertImport({ id, source: 'web', at: iso(this.#clock.now()), summary: '{}', state: 'collecting', created_by: actor.name, files: '[]' });
    await this.#audit.record(actor, { action: 'ehr.import_create', targetType: 'ehr_import', targetId: id });
    return this.get(id);
  }

  /** Uploads left in 準備中 for a week: their files are discarded and the import marked failed. */
  async #discardAbandoned(actor: Actor): Promise<void> {
    const cutoff = this.#clock.now().getTime() - ABANDONED_AFTER_MS;
    for (const row of await this.#store.ehr.listImports(100)) {
      if (row.state !== 'collecting' || Date.parse(row.at) > cutoff) continue;
      for (const f of importFiles(row)) await this.#evidence.discardSpooled(f.spool);
      // The file list goes too (each upload's name and hash stay in the audit trail).
      await this.#store.ehr.updateImport(row.id, { state: 'failed', files: '[]', error: '開始されないまま7日が過ぎたため、アップロードされたファイルを破棄しました / not started within 7 days: the uploaded files were discarded' });
      await this.#audit.record(actor, { action: 'ehr.import_discard', targetType: 'ehr_import', targetId: row.id, detail: { files: importFiles(row).length } });
    }
  }

  async get(id: string): Promise<EhrImportRow> {
    const row = await this.#store.ehr.findImport(id);
    if (!row) throw new DomainError('not_found', '取り込みが見つかりません / Import not found');
    return row;
  }

  async list(limit = 20): Promise<EhrImportRow[]> {
    return this.#store.ehr.listImports(limit);
  }

  /** Stores one file of the export (a file of the same name replaces the earlier one). */
  async addFile(actor: Actor, id: string, body: Readable | ReadableStream<Uint8Array>, filename: string): Promise<EhrImportRow> {
    const row = await this.get(id);
    if (row.state !== 'collecting') throw new DomainError('conflict', '開始済みの取り込みには追加できません / This import has already started');
    const name = path.basename(filename.replace(/\\/g, '/'));
    if (!FILE_NAME.test(name)) throw new DomainError('validation_failed', `取り込めないファイル名です（.csv / .ndjson / .json）: ${name.slice(0, 120)} / unsupported file name`);
    const earlier = importFiles(row);
    const files = earlier.filter((f) => f.name !== name);
    if (files.length >= MAX_FILES) throw new DomainError('validation_failed', `1 回の取り込みは ${MAX_FILES} ファイルまでです / at most ${MAX_FILES} files`);
    const blob = await this.#evidence.spool(body, this.#maxFileBytes);
    for (const f of earlier) if (f.name === name) await this.#evidence.discardSpooled(f.spool);
    files.push({ name, sha256: blob.sha256, size: blob.size, spool: blob.spoolId });
    await this.#store.ehr.updateImport(id, { files: JSON.stringify(files) });
    await this.#audit.record(actor, { action: 'ehr.import_upload', targetType: 'ehr_import', targetId: id, detail: { name, sha256: blob.sha256, size: blob.size } });
    return this.get(id);
  }

  /** Queues the import (again, after a failure). */
  async start(actor: Actor, id: string): Promise<EhrImportRow> {
    const row = await this.get(id);
    if (row.state !== 'collecting' && row.state !== 'failed') throw new DomainError('conflict', 'この取り込みはすでに実行されています / This import has already run');
    const names = new Set(importFiles(row).map((f) => f.name));
    const missing = ['staff.csv', 'patients.csv'].filter((n) => !names.has(n));
    if (!names.has('access_log.csv') && !names.has('access_log.ndjson') && !names.has('mapping.json')) missing.push('access_log.csv');
    if (missing.length && !names.has('mapping.json')) throw new DomainError('validation_failed', `必須のファイルがありません: ${missing.join(', ')} / required files missing`);
    const job = await this.#jobs.enqueue(actor, 'ehr.import', { importId: id });
    await this.#store.ehr.updateImport(id, { state: 'queued', job_id: job.id, error: null });
    await this.#audit.record(actor, { action: 'ehr.import_start', targetType: 'ehr_import', targetId: id, detail: { files: names.size, jobId: job.id } });
    return this.get(id);
  }

  /** The job: the uploaded files are laid out as an export folder (links to the evidence store) and imported. */
  async runJob(payload: { importId: string }, ctx: JobContext): Promise<JobResult> {
    const row = await this.#store.ehr.findImport(payload.importId);
    if (!row) return { outcome: 'skipped', summary: 'import not found' };
    if (row.state === 'succeeded') return { outcome: 'skipped', summary: 'already imported' };
    const files = importFiles(row);
    const dir = await mkdtemp(path.join(tmpdir(), 'mamori-ehr-import-'));
    try {
      for (const f of files) await symlink(this.#evidence.spooledPath(f.spool), path.join(dir, f.name));
      const total = files.find((f) => f.name === 'access_log.csv')?.size ?? 0;
      let done = 0;
      let reported = 0;
      const report = async (): Promise<void> => {
        const now = Date.now();
        if (now - reported < 1000) return;
        reported = now;
        await this.#store.ehr.updateImport(row.id, { progress: JSON.stringify({ done, total }) });
        await ctx.progress(done, total || null, 'importing');
      };
      await this.#store.ehr.updateImport(row.id, { state: 'running', progress: JSON.stringify({ done: 0, total }) });
      const folder = await this.#readFolder(dir, { streamAccessLog: true, onAccessLogBytes: (b) => (done = b) });
      const actor: Actor = { id: null, name: row.created_by ?? 'system', ip: null };
      const result = await this.#ehr.importFolder(actor, folder.texts, `web:${row.id}`, folder.accessLogRows, { onBatch: report, importId: row.id });
      const rejected = [...folder.rejected, ...result.rejected];
      const summary = { files: result.files, eventsNew: result.eventsNew, eventsSeen: result.eventsSeen, rejected: rejected.length, rejects: rejected.slice(0, 200) };
      await this.#store.ehr.updateImport(row.id, { state: 'succeeded', summary: JSON.stringify(summary), progress: JSON.stringify({ done: total, total }), finished_at: iso(this.#clock.now()) });
      await ctx.progress(total, total || null, 'done');
      // Imported: the uploaded copies of the export are not kept (a failed import keeps them for a retry).
      for (const f of files) await this.#evidence.discardSpooled(f.spool);
      return { outcome: 'succeeded', summary: `${result.eventsNew} new events, ${rejected.length} rejected rows`, data: { eventsNew: result.eventsNew, eventsSeen: result.eventsSeen, rejected: rejected.length } };
    } catch (error) {
      // A DomainError's message is ours (no row content); anything else gets a fixed text.
      const message = error instanceof DomainError ? error.message : '取り込みに失敗しました / the import failed';
      await this.#store.ehr.updateImport(row.id, { state: 'failed', error: message });
      return { outcome: 'failed', summary: error instanceof Error ? error.name : 'error' };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}
