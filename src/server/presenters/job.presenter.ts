import type { JobView } from '../../contracts/api.js';
import type { JobRow } from '../../db/repositories/job.repository.js';

const STATES = ['queued', 'running', 'succeeded', 'skipped', 'failed'] as const;

export function presentJob(row: JobRow): JobView {
  const state = STATES.find((s) => s === row.state) ?? 'failed';
  return {
    id: row.id,
    name: row.name,
    state,
    progressDone: Number(row.progress_done),
    progressTotal: row.progress_total === null ? null : Number(row.progress_total),
    message: row.message,
    summary: row.summary,
    attempts: Number(row.attempts),
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  };
}
