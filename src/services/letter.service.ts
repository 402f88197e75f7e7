import type { Mailer } from '../connectors/smtp-mailer.js';
import type { Actor } from '../core/actor.js';
import type { Clock } from '../core/clock.js';
import { DomainError } from '../core/errors.js';
import { batchLetterBlocks, letterText, type LetterContext, type LetterRecipient } from '../core/incidents/letters.js';
import type { JobContext, JobResult } from '../core/jobs.js';
import { formatWareki } from '../core/jst.js';
import type { IncidentStore } from '../db/incident-store.js';
import type { AuditService } from './audit.service.js';
import { caseTypeOf } from './case.service.js';
import { renderDocx, renderHtml } from './documents/docx-writer.js';
import type { IncidentSettingsService } from './incident-settings.service.js';
import type { JobService } from './job.service.js';
import { noticeContent } from './notice.service.js';

function list(text: string): string[] {
  const v: unknown = JSON.parse(text);
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** 本人通知: mail-merged letters (DOCX/HTML) and e-mail sending as a background job. */
export class LetterService {
  readonly #store: IncidentStore;
  readonly #audit: AuditService;
  readonly #clock: Clock;
  readonly #settings: IncidentSettingsService;
  readonly #jobs: JobService;
  readonly #mailer: Mailer | null;

  constructor(deps: { store: IncidentStore; audit: AuditService; clock: Clock; settings: IncidentSettingsService; jobs: JobService; mailer: Mailer | null }) {
    this.#store = deps.store;
    this.#audit = deps.audit;
    this.#clock = deps.clock;
    this.#settings = deps.settings;
    this.#jobs = deps.jobs;
    this.#mailer = deps.mailer;
  }

  async #context(caseId: string): Promise<LetterContext> {
    const row = await this.#store.cases.findById(caseId);
    if (!row) throw new DomainError('not_found', 'インシデントが見つかりません / Case not found');
    const profile = await this.#settings.profile();
    const latest = (await this.#store.notices.list(caseId)).filter((n) => n.status === 'published').at(-1);
    const hotline = (await this.#store.people.measures(caseId)).filter((m) => m.kind === 'hotline').at(-1)?.description ?? null;
    return {
      hospitalName: profile.name,
      dateText: formatWareki(this.#clock.now()),
      knownDateText: formatWareki(new Date(row.known_at)),
      caseType: caseTypeOf(row),
      cause: latest ? (noticeContent(latest).sections.find((s) => s.key === 'cause')?.body ?? null) : null,
      hotline,
    };
  }

  async #recipients(caseId: string, campaignId: string, status: string | undefined) {
    const campaign = await this.#store.people.findCampaign(campaignId);
    if (!campaign || campaign.case_id !== caseId) throw new DomainError('not_found', '通知キャンペーンが見つかりません / Campaign not found');
    const people = new Map((await this.#store.people.list(caseId)).map((p) => [p.id, p]));
    const recipients = (await this.#store.people.recipients(campaignId)).filter((r) => !status || r.status === status);
    return recipients.flatMap((r) => {
      const p = people.get(r.person_id);
      return p ? [{ recipient: r, person: p }] : [];
    });
  }

  /** One document, one page per person; an export of personal data (audited with the count). */
  async letters(actor: Actor, caseId: string, campaignId: string, format: 'docx' | 'html', page: { status?: string | undefined; offset?: number; limit?: number } = {}): Promise<{ body: Buffer | string; count: number; total: number }> {
    const ctx = await this.#context(caseId);
    const all = await this.#recipients(caseId, campaignId, page.status);
    const offset = page.offset ?? 0;
    const rows = all.slice(offset, offset + (page.limit ?? 1000));
    const people: LetterRecipient[] = rows.map(({ person }) => ({ name: person.name, postalCode: person.postal_code, address: person.address, items: list(person.items) }));
    const blocks = batchLetterBlocks(people, ctx);
    await this.#audit.record(actor, { action: 'case.letters_export', targetType: 'campaign', targetId: campaignId, detail: { format, count: people.length, offset } });
    return { body: format === 'docx' ? await renderDocx('本人通知', blocks) : renderHtml('本人通知', blocks), count: people.length, total: all.length };
  }

  async queueEmail(actor: Actor, caseId: string, campaignId: string): Promise<string> {
    if (!this.#mailer) throw new DomainError('validation_failed', 'メール送信（SMTP）が設定されていません / SMTP is not configured (MAMORI_SMTP_URL)');
    const campaign = await this.#store.people.findCampaign(campaignId);
    if (!campaign || campaign.case_id !== caseId) throw new DomainError('not_found', '通知キャンペーンが見つかりません / Campaign not found');
    if (campaign.channel !== 'email') throw new DomainError('conflict', 'メール以外の通知です / This campaign is not an e-mail campaign');
    const job = await this.#jobs.enqueue(actor, 'campaign.email', { caseId, campaignId }, 1);
    return job.id;
  }

  /**
   * Job handler: e-mails every *pending* recipient, marking each sent / unreachable (no address) /
   * returned (the relay refused). Only pending rows are touched, so a resumed job never mails
   * anyone twice except the single message in flight at a crash.
   */
  async sendCampaignEmails(payload: { caseId: string; campaignId: string }, job: JobContext): Promise<JobResult> {
    if (!this.#mailer) return { outcome: 'failed', summary: 'SMTP not configured' };
    const ctx = await this.#context(payload.caseId);
    const rows = await this.#recipients(payload.caseId, payload.campaignId, 'pending');
    const counts = { sent: 0, unreachable: 0, returned: 0 };
    let done = 0;
    for (const { recipient, person } of rows) {
      let status: 'sent' | 'unreachable' | 'returned';
      let note = '';
      if (!person.email) {
        status = 'unreachable';
        note = 'メールアドレスなし';
      } else {
        try {
          await this.#mailer.send({ to: person.email, subject: `【${ctx.hospitalName || '当院'}】個人情報の漏えいに関するお知らせとお詫び`, text: letterText({ name: person.name, postalCode: '', address: '', items: list(person.items) }, ctx) });
          status = 'sent';
        } catch (error) {
          status = 'returned';
          note = `送信失敗: ${error instanceof Error && 'responseCode' in error ? String(error.responseCode) : 'error'}`;
        }
      }
      await this.#store.people.updateRecipients(payload.campaignId, [recipient.id], { status, at: new Date().toISOString(), note });
      counts[status] += 1;
      done += 1;
      await job.progress(done, rows.length, `${done} / ${rows.length}`);
    }
    return { outcome: 'succeeded', summary: `sent ${counts.sent}, unreachable ${counts.unreachable}, returned ${counts.returned}`, data: counts };
  }
}
