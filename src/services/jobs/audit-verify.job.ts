import type { JobHandler } from '../job.service.js';
import type { AuditService } from '../audit.service.js';

/** Background verification of the audit hash chain, with progress for the UI. */
export function auditVerifyJob(audit: AuditService): JobHandler<'audit.verify'> {
  return async (_payload, ctx) => {
    const report = await audit.verify((rows, total) => ctx.progress(rows, total, `${rows} / ${total}`), 2000);
    return {
      outcome: report.ok ? 'succeeded' : 'failed',
      summary: report.ok
        ? `OK: ${report.rows} rows, head ${report.headHash.slice(0, 16)}`
        : `TAMPERED: ${report.problems.map((p) => p.message).join('; ')}`,
      data: { ok: report.ok, rows: report.rows, lastSeq: report.lastSeq, headHash: report.headHash, problems: report.problems },
    };
  };
}
