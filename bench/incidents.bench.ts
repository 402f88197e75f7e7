/**
 * Incident module benchmark: importing the affected-people register of a large breach (the
 * nurse-call case: 約130,000 patients) from CSV, with 5 % of rows repeated from a second source so
 * de-duplication is exercised, then building the PPC report draft and a 200-letter DOCX batch.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createContainer } from '../src/bootstrap/container.js';
import { loadConfig } from '../src/config/config.js';
import { createLogger } from '../src/logging/logger.js';
import { fakePeopleCsv } from '../test/support/fake-people.js';
import { measure, report, type BenchResult } from './measure.js';

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 130_000);

export async function runIncidentsBench(): Promise<BenchResult[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'mamori-bench-inc-'));
  const config = loadConfig({ env: { MAMORI_DATA_DIR: dir, MAMORI_LOG_LEVEL: 'silent' } });
  const c = await createContainer(config, { log: createLogger('silent'), scryptCost: { log2N: 10, r: 8, p: 1 } });
  const actor = { id: null, name: 'bench', ip: null };
  const results: BenchResult[] = [];
  try {
    const kase = await c.cases.create(actor, { title: 'bench', type: 'ransomware', severity: 'high', knownAt: new Date().toISOString(), summary: '', tags: [] });
    const csv = fakePeopleCsv(PEOPLE);
    const dupes = fakePeopleCsv(Math.round(PEOPLE * 0.05));
    let created = 0;
    results.push(
      await measure('[sqlite] people CSV import (new rows)', 'rows', async () => {
        created = (await c.people.importCsv(actor, kase.id, csv, 'a.csv')).created;
        return PEOPLE;
      }),
    );
    let merged = 0;
    results.push(
      await measure('[sqlite] people CSV import (5 % duplicates)', 'rows', async () => {
        merged = (await c.people.importCsv(actor, kase.id, dupes, 'b.csv')).merged;
        return Math.round(PEOPLE * 0.05);
      }),
    );
    if (created !== PEOPLE || merged !== Math.round(PEOPLE * 0.05)) throw new Error(`unexpected import result ${created}/${merged}`);
    await c.breach.addExposure(actor, kase.id, { population: 'patient', count: PEOPLE, countIsEstimate: false, items: ['name', 'birth_date'], sensitive: false, financial: false, malicious: true, highEncryption: false, note: '' });
    results.push(
      await measure('[sqlite] PPC report draft (DOCX)', 'docs', async () => {
        await c.ppcReports.render(actor, kase.id, '確報', 'docx');
        return 1;
      }),
    );
    const campaign = await c.people.createCampaign(actor, kase.id, { name: 'post', channel: 'post' });
    results.push(
      await measure('[sqlite] mail-merge letters (one 1,000-letter DOCX batch)', 'letters', async () => {
        const r = await c.letters.letters(actor, kase.id, campaign.id, 'docx', { offset: 0, limit: 1000 });
        return r.count;
      }),
    );
  } finally {
    await c.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

export function printIncidentResults(results: BenchResult[]): void {
  for (const r of results) process.stdout.write(`${report(r)}\n`);
}
