import type { ScanItemView, ScanPersonView, ScanSummaryView, ScanView } from '../../contracts/incidents.js';
import { approxPeople, noticeItems } from '../../core/pii/notice-phrase.js';
import type { ScanItem } from '../../core/pii/scan-item.js';
import type { ScanSummaryLine } from '../../core/pii/scan-summary.js';
import type { ScanRow } from '../../db/repositories/scan.repository.js';
import type { ScanPerson } from '../../services/scan/breach-scan.service.js';

function presentSummary(s: ScanSummaryLine): ScanSummaryView {
  return {
    items: s.items,
    itemsWithPii: s.items_with_pii,
    persons: s.persons,
    personRecords: s.person_records,
    itemsUninspected: s.items_uninspected,
    table: s.table.map((r) => ({ level: r.level, label: r.label, category: r.category, items: r.items, persons: r.persons, kinds: r.kinds, ...(r.status ? { status: r.status } : {}) })),
    noticeItems: noticeItems(s.table),
    approxPersons: approxPeople(s.persons),
  };
}

export function presentScan(r: ScanRow, summary: ScanSummaryLine | null): ScanView {
  return {
    id: r.id,
    evidenceId: r.evidence_id,
    sourceName: r.source_name,
    state: r.state,
    jobId: r.job_id,
    itemsTotal: r.items_total,
    itemsDone: r.items_done,
    error: r.error,
    importedAt: r.imported_at,
    createdAt: r.created_at,
    finishedAt: r.finished_at,
    summary: summary ? presentSummary(summary) : null,
  };
}

export function presentScanItem(i: ScanItem): ScanItemView {
  return { item: i.item, messageId: i.message_id, kinds: i.kinds, persons: i.persons, sensitive: i.sensitive, category: i.category, parts: i.parts.map((p) => ({ part: p.part, name: p.name, kinds: p.kinds, persons: p.persons, status: p.status, category: p.category, ...(p.reason ? { reason: p.reason } : {}) })) };
}

export function presentScanPerson(p: ScanPerson): ScanPersonView {
  return { itemSeq: p.itemSeq, category: p.category, values: p.values, kinds: p.kinds };
}
