/**
 * FHIR R4 AuditEvent (one resource per NDJSON line) → an access_log record. Mapping (documented in
 * docs/ehr-input.md):
 * - event_id ← id; at ← recorded;
 * - user_id ← the requestor agent's who.identifier.value, else the id in who.reference
 *   (Practitioner/U0001 → U0001), else altId;
 * - patient_id ← the entity whose what is a Patient (reference or identifier);
 * - object_id ← the first other entity's id (MedicationRequest/O1 → O1);
 * - action ← subtype login (110122) / logout (110123), type query (110112) → search, export
 *   (110106) → export, else action C/R/U/D → create/view/update/delete, E → view;
 * - screen, session_id, via ← entity.detail entries typed "screen", "session_id", "via";
 * - terminal_id ← the requestor's network.address.
 */
import type { RejectedRow } from './model.js';

type Json = Record<string, unknown>;

function obj(v: unknown): Json | null {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : null;
}
function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}
function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function refId(ref: Json | null, type?: string): string {
  if (!ref) return '';
  const identifier = str(obj(ref.identifier)?.value);
  if (identifier) return identifier;
  const r = str(ref.reference);
  if (type && !r.startsWith(`${type}/`)) return '';
  return r.includes('/') ? (r.split('/').pop() ?? '') : r;
}

function codes(v: unknown): string[] {
  const list = Array.isArray(v) ? v : [v];
  return list.flatMap((c) => {
    const o = obj(c);
    return o ? [str(o.code)] : [];
  });
}

export function auditEventToRecord(line: string): Record<string, string> | string {
  let r: Json | null;
  try {
    r = obj(JSON.parse(line));
  } catch {
    return 'JSONとして解釈できません';
  }
  if (!r || r.resourceType !== 'AuditEvent') return 'AuditEvent ではありません';
  const agents = arr(r.agent).map(obj).filter((a): a is Json => a !== null);
  const requestor = agents.find((a) => a.requestor === true) ?? agents[0] ?? null;
  const who = obj(requestor?.who);
  const entities = arr(r.entity).map(obj).filter((e): e is Json => e !== null);
  const patientEntity = entities.find((e) => str(obj(e.what)?.reference).startsWith('Patient/') || str(obj(obj(e.what)?.identifier)?.system).includes('patient'));
  const other = entities.find((e) => e !== patientEntity);
  const details = new Map<string, string>();
  for (const e of entities) for (const d of arr(e.detail).map(obj)) if (d) details.set(str(d.type), str(d.valueString));
  const sub = codes(r.subtype);
  const type = codes(r.type);
  let action = { C: 'create', R: 'view', U: 'update', D: 'delete', E: 'view' }[str(r.action)] ?? 'view';
  if (sub.includes('110122')) action = 'login';
  else if (sub.includes('110123')) action = 'logout';
  else if (type.includes('110112') || sub.includes('110112')) action = 'search';
  else if (type.includes('110106') || sub.includes('110106')) action = 'export';
  return {
    event_id: str(r.id),
    at: str(r.recorded),
    user_id: refId(who) || str(requestor?.altId),
    patient_id: patientEntity ? refId(obj(patientEntity.what), 'Patient') : '',
    action,
    screen: details.get('screen') ?? (action === 'login' || action === 'logout' ? 'other' : 'chart'),
    terminal_id: str(obj(requestor?.network)?.address),
    session_id: details.get('session_id') ?? '',
    object_id: other ? refId(obj(other.what)) : '',
    via: details.get('via') ?? '',
  };
}

/** NDJSON text → records with line numbers; lines that are not AuditEvents are rejected. */
export function auditEventsFromNdjson(text: string, file = 'access_log.ndjson'): { records: Array<{ line: number; record: Record<string, string> }>; rejected: RejectedRow[] } {
  const records: Array<{ line: number; record: Record<string, string> }> = [];
  const rejected: RejectedRow[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (!raw.trim()) return;
    const r = auditEventToRecord(raw);
    if (typeof r === 'string') rejected.push({ file, line: i + 1, reason: r });
    else records.push({ line: i + 1, record: r });
  });
  return { records, rejected };
}

export const ACCESS_LOG_COLUMNS = ['event_id', 'at', 'user_id', 'patient_id', 'action', 'screen', 'terminal_id', 'session_id', 'object_id', 'via'] as const;
