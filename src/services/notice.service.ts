import { randomUUID } from 'node:crypto';
import type { Actor } from '../core/actor.js';
import { iso, type Clock } from '../core/clock.js';
import { DomainError } from '../core/errors.js';
import { formatWareki, formatWarekiDate } from '../core/jst.js';
import { draftNotice, markUpdatedSections, NOTICE_SECTIONS, noticeToText, type NoticeContent, type NoticeSection } from '../core/incidents/public-notice.js';
import type { IncidentStore } from '../db/incident-store.js';
import type { NoticeRow } from '../db/repositories/notice.repository.js';
import type { AuditService } from './audit.service.js';
import { toExposure } from './breach-assessment.service.js';
import { caseTypeOf } from './case.service.js';
import { noticeToDocx, noticeToHtml } from './documents/notice-docx.js';
import type { IncidentSettingsService } from './incident-settings.service.js';

const AUTHORITY_SHORT: Readonly<Record<string, string>> = {
  ppc_sokuho: '個人情報保護委員会',
  ppc_kakuho: '個人情報保護委員会',
  mhlw: '厚生労働省',
  prefecture: '都道府県',
  police: '警察',
  mext: '文部科学省',
  ipa: '情報処理推進機構（IPA）',
};

export interface NoticeEdit {
  title?: string | undefined;
  preamble?: string | undefined;
  closing?: string | undefined;
  sections?: Array<{ key: string; body: string }> | undefined;
}

export type NoticeFormat = 'docx' | 'html' | 'txt';

export function noticeContent(row: NoticeRow): NoticeContent {
  return JSON.parse(row.content) as NoticeContent;
}

/** 第N報: draft from the case facts, edit, publish as an immutable edition, export. */
export class NoticeService {
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

  async list(caseId: string): Promise<NoticeRow[]> {
    await this.#requireCase(caseId);
    return this.#store.notices.list(caseId);
  }

  async get(caseId: string, noticeId: string): Promise<NoticeRow> {
    const row = await this.#store.notices.findById(noticeId);
    if (!row || row.case_id !== caseId) throw new DomainError('not_found', 'お知らせが見つかりません / Notice not found');
    return row;
  }

  /** The next edition as an editable draft, generated from the current facts. */
  async createDraft(actor: Actor, caseId: string): Promise<NoticeRow> {
    const row = await this.#requireCase(caseId);
    const all = await this.#store.notices.list(caseId);
    if (all.some((n) => n.status === 'draft')) throw new DomainError('conflict', '未公開の下書きがあります / A draft already exists');
    const published = all.filter((n) => n.status === 'published');
    const last = published.at(-1);
    const now = this.#clock.now();
    const profile = await this.#settings.profile();
    const [exposures, timeline, measures, obligations] = await Promise.all([
      this.#store.exposures.list(caseId),
      this.#store.timeline.list(caseId),
      this.#store.people.measures(caseId),
      this.#store.obligations.list(caseId),
    ]);
    const hotline = measures.filter((m) => m.kind === 'hotline').at(-1)?.description ?? null;
    const reported = [...new Set(obligations.filter((o) => o.status === 'submitted').map((o) => (o.kind === 'founder' ? (profile.founderBody ?? '設置者') : AUTHORITY_SHORT[o.kind])).filter((x): x is string => Boolean(x)))];
    const jstHour = Number(new Date(now.getTime() + 9 * 3600 * 1000).toISOString().slice(11, 13));
    const content = draftNotice({
      hospitalName: profile.name,
      caseType: caseTypeOf(row),
      caseTitle: row.title,
      edition: (all.at(-1)?.edition ?? 0) + 1,
      dateText: formatWareki(now),
      asOfText: `${formatWareki(now)}${jstHour}時時点`,
      summary: row.summary,
      exposures: exposures.map(toExposure),
      annex: timeline
        .filter((t) => t.in_public_notice === 1)
        .map((t) => ({ when: `${formatWarekiDate(t.date)}${t.time ? ` ${t.time}${t.approximate ? '頃' : ''}` : ''}`, text: t.body })),
      hotline,
      authoritiesReported: reported,
      previous: last ? noticeContent(last).sections : null,
    });
    const id = randomUUID();
    await this.#store.notices.insert({
      id,
      case_id: caseId,
      edition: (all.at(-1)?.edition ?? 0) + 1,
      status: 'draft',
      content: JSON.stringify(content),
      changed: '[]',
      created_by: actor.id,
      created_at: iso(now),
      updated_at: iso(now),
      published_at: null,
      published_by: null,
    });
    await this.#audit.record(actor, { action: 'case.notice_draft', targetType: 'case', targetId: caseId, detail: { noticeId: id } });
    return this.get(caseId, id);
  }

  async edit(actor: Actor, caseId: string, noticeId: string, edit: NoticeEdit): Promise<NoticeRow> {
    const row = await this.get(caseId, noticeId);
    if (row.status !== 'draft') throw new DomainError('conflict', '公開済みの版は変更できません / A published edition cannot change');
    const content = noticeContent(row);
    const bodies = new Map((edit.sections ?? []).map((s) => [s.key, s.body]));
    const next: NoticeContent = {
      ...content,
      title: edit.title ?? content.title,
      preamble: edit.preamble ?? content.preamble,
      closing: edit.closing ?? content.closing,
      sections: content.sections.map((s) => ({ ...s, body: bodies.get(s.key) ?? s.body })),
    };
    if (!(await this.#store.notices.updateDraft(noticeId, { content: JSON.stringify(next), updated_at: iso(this.#clock.now()) }))) {
      throw new DomainError('conflict', '公開済みの版は変更できません / A published edition cannot change');
    }
    await this.#audit.record(actor, { action: 'case.notice_edit', targetType: 'case', targetId: caseId, detail: { noticeId } });
    return this.get(caseId, noticeId);
  }

  /** Freeze the draft; sections that differ from the previous published edition get 「（更新）」. */
  async publish(actor: Actor, caseId: string, noticeId: string): Promise<NoticeRow> {
    const row = await this.get(caseId, noticeId);
    if (row.status !== 'draft') throw new DomainError('conflict', '公開済みです / Already published');
    const previous = (await this.#store.notices.list(caseId)).filter((n) => n.status === 'published' && n.edition < row.edition).at(-1);
    const content = noticeContent(row);
    const marked = markUpdatedSections(content.sections, previous ? noticeContent(previous).sections : null);
    const now = iso(this.#clock.now());
    await this.#store.notices.updateDraft(noticeId, {
      status: 'published',
      content: JSON.stringify({ ...content, sections: marked.sections }),
      changed: JSON.stringify(marked.changed),
      published_at: now,
      published_by: actor.id,
      updated_at: now,
    });
    await this.#audit.record(actor, { action: 'case.notice_publish', targetType: 'case', targetId: caseId, detail: { noticeId, edition: row.edition, changed: marked.changed } });
    return this.get(caseId, noticeId);
  }

  async render(actor: Actor, caseId: string, noticeId: string, format: NoticeFormat): Promise<{ body: Buffer | string; contentType: string; filename: string }> {
    const row = await this.get(caseId, noticeId);
    const content = noticeContent(row);
    // Drafts preview with their would-be markers so the approver sees what will say （更新）.
    const sections = row.status === 'draft' ? await this.#previewSections(caseId, row, content.sections) : content.sections;
    const n = { ...content, sections };
    await this.#audit.record(actor, { action: 'case.notice_export', targetType: 'case', targetId: caseId, detail: { noticeId, format } });
    const filename = `notice-${row.edition}`;
    switch (format) {
      case 'docx':
        return { body: await noticeToDocx(n), contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', filename: `${filename}.docx` };
      case 'html':
        return { body: noticeToHtml(n), contentType: 'text/html; charset=utf-8', filename: `${filename}.html` };
      case 'txt':
        return { body: noticeToText(n), contentType: 'text/plain; charset=utf-8', filename: `${filename}.txt` };
    }
  }

  async #previewSections(caseId: string, row: NoticeRow, sections: NoticeSection[]): Promise<NoticeSection[]> {
    const previous = (await this.#store.notices.list(caseId)).filter((n) => n.status === 'published' && n.edition < row.edition).at(-1);
    return markUpdatedSections(sections, previous ? noticeContent(previous).sections : null).sections;
  }

  async #requireCase(caseId: string) {
    const row = await this.#store.cases.findById(caseId);
    if (!row) throw new DomainError('not_found', 'インシデントが見つかりません / Case not found');
    return row;
  }
}

export const SECTION_KEYS: readonly string[] = NOTICE_SECTIONS.map((s) => s.key);
