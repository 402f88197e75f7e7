import { createHash } from 'node:crypto';

/** Hash that precedes the first row of the chain. */
export const GENESIS_HASH = '0'.repeat(64);

export type AuditOutcome = 'success' | 'failure' | 'denied';

/** The fields of one audit row that the hash covers (everything except the hash itself). */
export interface AuditRecord {
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  outcome: AuditOutcome;
  ip: string | null;
  /** JSON text; kept as text so the hashed bytes are exactly the stored bytes. */
  detail: string;
  prevHash: string;
}

export interface StoredAuditRecord extends AuditRecord {
  hash: string;
}

/**
 * SHA-256 over a length-prefixed encoding of every field. Length prefixes (rather than a
 * separator) make it impossible to move bytes between adjacent fields without changing the hash.
 */
export function hashAuditRecord(record: AuditRecord): string {
  const fields = [
    String(record.seq),
    record.at,
    record.actorId ?? '\u0000',
    record.actorName,
    record.action,
    record.targetType ?? '\u0000',
    record.targetId ?? '\u0000',
    record.outcome,
    record.ip ?? '\u0000',
    record.detail,
    record.prevHash,
  ];
  const hash = createHash('sha256');
  for (const field of fields) {
    const bytes = Buffer.from(field, 'utf8');
    hash.update(`${bytes.length}:`);
    hash.update(bytes);
  }
  return hash.digest('hex');
}

export type ChainProblemKind = 'modified' | 'missing' | 'broken_link' | 'head_mismatch';

export interface ChainProblem {
  kind: ChainProblemKind;
  /** The row the problem was found at (for `missing`: the first absent sequence number). */
  seq: number;
  message: string;
}

/**
 * Incremental verifier: feed rows in ascending `seq` order (streamed from the database), then
 * call `finish()`. Memory stays constant whatever the length of the trail.
 */
export class AuditChainVerifier {
  #expectedSeq = 1;
  #prevHash = GENESIS_HASH;
  #count = 0;
  readonly problems: ChainProblem[] = [];
  readonly #maxProblems: number;

  constructor(maxProblems = 100) {
    this.#maxProblems = maxProblems;
  }

  get count(): number {
    return this.#count;
  }

  get headHash(): string {
    return this.#prevHash;
  }

  get lastSeq(): number {
    return this.#expectedSeq - 1;
  }

  #report(problem: ChainProblem): void {
    if (this.problems.length < this.#maxProblems) this.problems.push(problem);
  }

  push(row: StoredAuditRecord): void {
    this.#count += 1;
    if (row.seq > this.#expectedSeq) {
      const last = row.seq - 1;
      const range = last === this.#expectedSeq ? `${this.#expectedSeq}` : `${this.#expectedSeq}–${last}`;
      this.#report({ kind: 'missing', seq: this.#expectedSeq, message: `rows ${range} are missing (deleted)` });
    }
    const recomputed = hashAuditRecord(row);
    if (recomputed !== row.hash) {
      this.#report({ kind: 'modified', seq: row.seq, message: `row ${row.seq} was modified (hash mismatch)` });
    } else if (row.prevHash !== this.#prevHash && row.seq === this.#expectedSeq) {
      this.#report({
        kind: 'broken_link',
        seq: row.seq,
        message: `row ${row.seq} does not link to row ${row.seq - 1}`,
      });
    }
    // Continue from the stored hash so that one edited row is reported once, not as a cascade.
    this.#prevHash = row.hash;
    this.#expectedSeq = row.seq + 1;
  }

  /**
   * `head` is the independently kept (seq, hash) of the last appended row; a mismatch means rows
   * were removed from the end of the trail.
   */
  finish(head?: { seq: number; hash: string }): { ok: boolean; problems: ChainProblem[] } {
    if (head && (head.seq !== this.lastSeq || (head.seq > 0 && head.hash !== this.#prevHash))) {
      this.#report({
        kind: 'head_mismatch',
        seq: head.seq,
        message: `the recorded head is row ${head.seq} but the trail ends at row ${this.lastSeq}`,
      });
    }
    return { ok: this.problems.length === 0, problems: this.problems };
  }
}
