/**
 * Typed background jobs (Immich's shape): a name, a payload type per name, and a handler that
 * returns a status rather than throwing for expected outcomes.
 */
export const JOB_NAMES = ['audit.verify', 'campaign.email', 'scan.run', 'mail.takeover', 'ehr.import'] as const;
export type JobName = (typeof JOB_NAMES)[number];

/** Payload type per job name; modules add entries here together with their handler. */
export interface JobPayloads {
  'audit.verify': Record<string, never>;
  /** Send the 本人通知 e-mail to every pending recipient of a campaign. */
  'campaign.email': { caseId: string; campaignId: string };
  /** Breach-scoping scan of one evidence file (resumable). */
  'scan.run': { scanId: string };
  /** Account-takeover analysis of one run's log files (re-runnable: alerts are replaced). */
  'mail.takeover': { runId: string };
  /** Import of an EHR export uploaded from the UI (re-runnable: events are keyed by event_id). */
  'ehr.import': { importId: string };
}

export type JobOf<N extends JobName> = JobPayloads[N];

/** Outcome a handler reports. `failed` is retried while attempts remain. */
export type JobOutcome = 'succeeded' | 'skipped' | 'failed';

export type JobState = 'queued' | 'running' | JobOutcome;

export interface JobResult {
  outcome: JobOutcome;
  /** Short, personal-data-free summary shown in the UI. */
  summary: string;
  /** Structured result (counts, ids); must not hold personal data either. */
  data?: Record<string, unknown>;
}

/** What a handler gets besides its payload. */
export interface JobContext {
  jobId: string;
  attempt: number;
  /** Report progress; cheap to call often (writes are throttled). */
  progress(done: number, total: number | null, message?: string): Promise<void>;
}

export function isJobName(value: string): value is JobName {
  return (JOB_NAMES as readonly string[]).includes(value);
}

/** Delay before retry `attempt` (1-based): 30 s, 2 min, 8 min … capped at one hour. */
export function retryDelayMs(attempt: number): number {
  return Math.min(30_000 * 4 ** Math.max(0, attempt - 1), 3_600_000);
}
