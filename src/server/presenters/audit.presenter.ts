import type { AuditEntryView } from '../../contracts/api.js';
import type { AuditRow } from '../../db/repositories/audit.repository.js';

function parseDetail(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return { unparseable: true };
  }
}

export function presentAuditEntry(row: AuditRow): AuditEntryView {
  return {
    seq: Number(row.seq),
    at: row.at,
    actorName: row.actor_name,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    outcome: row.outcome === 'failure' || row.outcome === 'denied' ? row.outcome : 'success',
    ip: row.ip,
    detail: parseDetail(row.detail),
  };
}
