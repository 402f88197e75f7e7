import { describe, expect, it } from 'vitest';
import { CASE_TYPES } from './case-model.js';
import { PLAYBOOKS, playbookTasks } from './playbooks.js';

describe('playbooks', () => {
  it('exist for every case type', () => {
    expect([...PLAYBOOKS.keys()].sort()).toEqual([...CASE_TYPES].sort());
  });
  it('ransomware follows the BCP order: backup path first, then external links, then segments', () => {
    const tasks = playbookTasks('ransomware', new Date('2026-11-20T00:00:00Z'));
    expect(tasks.slice(0, 3).map((t) => t.key)).toEqual(['cut-backup-network', 'cut-external', 'segment']);
    expect(tasks[0]?.dueAt.toISOString()).toBe('2026-11-20T00:30:00.000Z');
    expect(tasks.map((t) => t.key)).toEqual(expect.arrayContaining(['contact-mhlw', 'contact-police', 'prepare-ppc']));
  });
});
