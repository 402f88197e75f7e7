import type { Actor } from '../core/actor.js';
import type { Clock } from '../core/clock.js';
import { DomainError } from '../core/errors.js';
import { assessTriggers } from '../core/incidents/legal-assessment.js';
import { buildPpcReport, ppcReportToBlocks, type PpcReport } from '../core/incidents/ppc-report.js';
import { formatWareki, formatWarekiDate } from '../core/jst.js';
import type { IncidentStore } from '../db/incident-store.js';
import type { AuditService } from './audit.service.js';
import { toExposure } from './breach-assessment.service.js';
import { caseTypeOf } from './case.service.js';
import { renderDocx, renderHtml } from './documents/docx-writer.js';
import type { IncidentSettingsService } from './incident-settings.service.js';
import { noticeContent } from './notice.service.js';

const CHANNEL_JA: Readonly<Record<string, string>> = { post: '郵送', in_person: '対面・主治医', phone: '電話', email: 'メール' };
const AUTHORITY_JA: Readonly<Record<string, string>> = { mhlw: '厚生労働省', prefecture: '都道府県・保健所', police: '警察', mext: '文部科学省', founder: '設置者・法人本部', ipa: 'IPA' };
const MEASURE_JA: Readonly<Record<string, string>> = { public_notice: '公表', hotline: '問い合わせ窓口' };

export type PpcReportFormat = 'json' | 'docx' | 'html';

/** PPC 漏えい等報告 draft (速報/確報), pre-filled from everything the case knows. */
export class PpcReportService {
  readonly #store: IncidentStore;
  readonly #audit: AuditService;
  readonly #clock: Clock;
  readonly #settings: IncidentSettingsService;

  constructor(deps: { store: IncidentStore; audit: AuditService; clock: Clock; settings: IncidentSettingsService }) {
    this.#store = deps.store;
    this.#audit = deps.audit;
    this.#clock = deps.clock;
    this.#settings = deps.settings;
  }

  async build(caseId: string, kind: '速報' | '確報'): Promise<PpcReport> {
    const row = await this.#store.cases.findById(caseId);
    if (!row) throw new DomainError('not_found', 'インシデントが見つかりません / Case not found');
    const profile = await this.#settings.profile();
    const [exposureRows, timeline, notices, campaigns, measures, obligations, people, unreachable] = await Promise.all([
      this.#store.exposures.list(caseId),
      this.#store.timeline.list(caseId),
      this.#store.notices.list(caseId),
      this.#store.people.campaigns(caseId),
      this.#store.people.measures(caseId),
      this.#store.obligations.list(caseId),
      this.#store.people.count(caseId),
      this.#store.people.unreachableCount(caseId),
    ]);
    const exposures = exposureRows.map(toExposure);
    const published = notices.filter((n) => n.status === 'published');
    const latest = published.at(-1);
    const section = (key: string) => (latest ? (noticeContent(latest).sections.find((s) => s.key === key)?.body ?? null) : null);
    const byStatus: Record<string, number> = {};
    for (const c of campaigns) {
      for (const [k, v] of Object.entries(await this.#store.people.statusCounts(c.id))) byStatus[k] = (byStatus[k] ?? 0) + v;
    }
    return buildPpcReport({
      kind,
      hospitalName: profile.name,
      caseNumber: row.number,
      caseType: caseTypeOf(row),
      summary: row.summary,
      knownDateText: formatWareki(new Date(row.known_at)),
      todayText: formatWareki(this.#clock.now()),
      decision: assessTriggers(exposures, profile.regime),
      exposures,
      timeline: timeline.filter((t) => t.in_authority_report === 1).map((t) => [`${formatWarekiDate(t.date)}${t.time ? ` ${t.time}${t.approximate ? '頃' : ''}` : ''}`, t.body]),
      cause: section('cause'),
      prevention: section('prevention'),
      notification: {
        people,
        byStatus,
        channels: [...new Set(campaigns.map((c) => CHANNEL_JA[c.channel] ?? c.channel))],
        unreachable,
        measures: [...new Set(measures.map((m) => MEASURE_JA[m.kind] ?? m.kind))],
      },
      publications: published.map((n) => `第${n.edition}報 ${n.published_at ? formatWareki(new Date(n.published_at)) : ''} 公表`),
      otherAuthorities: obligations.filter((o) => o.status === 'submitted' && AUTHORITY_JA[o.kind]).map((o) => AUTHORITY_JA[o.kind] ?? o.kind),
    });
  }

  async render(actor: Actor, caseId: string, kind: '速報' | '確報', format: PpcReportFormat): Promise<{ report: PpcReport; body: Buffer | string | null }> {
    const report = await this.build(caseId, kind);
    await this.#audit.record(actor, { action: 'case.ppc_report', targetType: 'case', targetId: caseId, detail: { kind, format } });
    switch (format) {
      case 'json':
        return { report, body: null };
      case 'docx':
        return { report, body: await renderDocx(report.title, ppcReportToBlocks(report)) };
      case 'html':
        return { report, body: renderHtml(report.title, ppcReportToBlocks(report)) };
    }
  }
}
