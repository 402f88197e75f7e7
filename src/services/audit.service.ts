import type { Actor } from '../core/actor.js';
import { AuditChainVerifier, type AuditOutcome, type ChainProblem } from '../core/audit-chain.js';
import { iso, type Clock } from '../core/clock.js';
import type { AuditFilter, AuditRepository, AuditRow } from '../db/repositories/audit.repository.js';

export interface AuditEvent {
  action: string;
  outcome?: AuditOutcome;
  targetType?: string;
  targetId?: string;
  /** Structured facts (ids, counts, reasons). Goes into the trail, never into logs. */
  detail?: Record<string, unknown>;
}

export interface VerifyReport {
  ok: boolean;
  rows: number;
  lastSeq: number;
  headHash: string;
  problems: ChainProblem[];
}

/**
 * Writes and reads the tamper-evident audit trail. Every login, change, and read or export of
 * personal data goes through `record`.
 */
export class AuditService {
  readonly #repo: AuditRepository;
  readonly #clock: Clock;

  constructor(repo: AuditRepository, clock: Clock) {
    this.#repo = repo;
    this.#clock = clock;
  }

  async record(actor: Actor, event: AuditEvent): Promise<void> {
    await this.#repo.append({
      at: iso(this.#clock.now()),
      actorId: actor.id,
      actorName: actor.name,
      action: event.action,
      targetType: event.targetType ?? null,
      targetId: event.targetId ?? null,
      outcome: event.outcome ?? 'success',
      ip: actor.ip,
      detail: JSON.stringify(event.detail ?? {}),
    });
  }

  async page(filter: AuditFilter): Promise<AuditRow[]> {
    return this.#repo.page(filter);
  }

  async count(filter: { since?: Date; action?: string; outcome?: AuditOutcome } = {}): Promise<number> {
    return this.#repo.count({
      ...(filter.since ? { since: iso(filter.since) } : {}),
      ...(filter.action ? { action: filter.action } : {}),
      ...(filter.outcome ? { outcome: filter.outcome } : {}),
    });
  }

  /**
   * Stream the whole trail through the hash-chain verifier. `onProgress` is called every
   * `every` rows so long trails show progress in the CLI and in jobs.
   */
  async verify(onProgress?: (rows: number, total: number) => Promise<void> | void, every = 5000): Promise<VerifyReport> {
    const head = await this.#repo.head();
    const total = await this.#repo.count();
    const verifier = new AuditChainVerifier();
    for await (const row of this.#repo.stream()) {
      verifier.push(row);
      if (onProgress && verifier.count % every === 0) await onProgress(verifier.count, total);
    }
    if (onProgress) await onProgress(verifier.count, total);
    const { ok, problems } = verifier.finish(head);
    return { ok, rows: verifier.count, lastSeq: verifier.lastSeq, headHash: verifier.headHash, problems };
  }
}
