import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, cliEnvFor } from '../support/cli.js';
import { testDialects } from '../support/dialects.js';
import { createHarness, type Harness } from '../support/harness.js';

const RUN_CLI = fileURLToPath(new URL('../support/run-cli.ts', import.meta.url));

for (const dialect of testDialects()) {
  describe(`mamori ehr import killed half-way (${dialect})`, () => {
    let h: Harness;
    let env: Record<string, string>;
    let dir: string;
    beforeAll(async () => {
      h = await createHarness(dialect);
      env = cliEnvFor(h.db.location);
      dir = mkdtempSync(path.join(tmpdir(), 'mamori-ehr-kill-'));
      expect((await cli(['ehr', 'generate', '--staff', '200', '--patients', '3000', '--days', '10', '--seed', '13', dir], {})).code).toBe(0);
    }, 60_000);
    afterAll(async () => {
      await h.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('re-running after SIGKILL finishes the import without duplicates and audits like audit-dir', async () => {
      const db = h.container.database.db;
      const count = async (): Promise<number> => Number((await db.selectFrom('ehr_events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst())?.n ?? 0);
      const child = spawn(process.execPath, ['--import', 'tsx', RUN_CLI, 'ehr', 'import', dir], { env: { ...process.env, ...env }, stdio: 'ignore' });
      const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
      // Kill it once some batches are committed.
      const deadline = Date.now() + 60_000;
      let partial = 0;
      while (Date.now() < deadline) {
        partial = await count();
        if (partial >= 10_000) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      child.kill('SIGKILL');
      await exited;
      partial = await count();
      const full = JSON.parse((await cli(['ehr', 'audit-dir', dir, '--json'], {})).out.split('\n').at(-1) ?? '{}') as { summary: { events: number } };
      expect(partial).toBeGreaterThanOrEqual(10_000);
      expect(partial).toBeLessThan(full.summary.events);
      // Whole batches only: a batch is one transaction.
      expect(partial % 5000).toBe(0);

      const again = await cli(['ehr', 'import', dir], env);
      expect(again.code).toBe(0);
      expect(again.out).toContain(`access log: ${full.summary.events - partial} new of ${full.summary.events}`);
      expect(await count()).toBe(full.summary.events);
      const audited = await cli(['ehr', 'audit', '--json'], env);
      const direct = await cli(['ehr', 'audit-dir', dir, '--json'], {});
      const strip = (out: string) => out.split('\n').slice(0, -1);
      expect(strip(audited.out)).toEqual(strip(direct.out));
    }, 120_000);
  });
}
