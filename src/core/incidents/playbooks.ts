/**
 * Initial-response playbooks per case type. The playbooks are data (./playbooks/*.json, edited
 * without touching code); this module validates them once at load and turns one into tasks.
 */
import { z } from 'zod';
import insiderMisuse from './playbooks/insider_misuse.json' with { type: 'json' };
import lossMissend from './playbooks/loss_missend.json' with { type: 'json' };
import mailboxTakeover from './playbooks/mailbox_takeover.json' with { type: 'json' };
import other from './playbooks/other.json' with { type: 'json' };
import ransomware from './playbooks/ransomware.json' with { type: 'json' };
import spoofedMail from './playbooks/spoofed_mail_malware.json' with { type: 'json' };
import unauthorizedAccess from './playbooks/unauthorized_access.json' with { type: 'json' };
import { CASE_TYPES, type CaseType } from './case-model.js';

const PlaybookSchema = z
  .object({
    caseType: z.enum(CASE_TYPES),
    name: z.string().min(1),
    tasks: z
      .array(
        z
          .object({
            key: z.string().regex(/^[a-z0-9-]+$/),
            title: z.string().min(1),
            detail: z.string(),
            role: z.enum(['admin', 'security_officer', 'privacy_officer', 'auditor', 'responder', 'viewer']),
            dueMinutes: z.number().int().positive(),
          })
          .strict(),
      )
      .min(1),
  })
  .strict()
  .refine((p) => new Set(p.tasks.map((t) => t.key)).size === p.tasks.length, { message: 'task keys must be unique' });

export type Playbook = z.infer<typeof PlaybookSchema>;

const RAW: readonly unknown[] = [ransomware, unauthorizedAccess, mailboxTakeover, spoofedMail, insiderMisuse, lossMissend, other];

/** Every playbook, validated; a malformed file fails at start-up with its case type. */
export const PLAYBOOKS: ReadonlyMap<CaseType, Playbook> = new Map(
  RAW.map((raw) => {
    const p = PlaybookSchema.parse(raw);
    return [p.caseType, p] as const;
  }),
);

export interface TaskDraft {
  key: string;
  title: string;
  detail: string;
  role: string;
  order: number;
  dueAt: Date;
}

/** Tasks of the playbook for `caseType`, due relative to `knownAt`. */
export function playbookTasks(caseType: CaseType, knownAt: Date): TaskDraft[] {
  const p = PLAYBOOKS.get(caseType) ?? PLAYBOOKS.get('other');
  return (p?.tasks ?? []).map((t, i) => ({ key: t.key, title: t.title, detail: t.detail, role: t.role, order: i + 1, dueAt: new Date(knownAt.getTime() + t.dueMinutes * 60_000) }));
}
