import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { cliActor, CliExit, type CliIo } from '../cli-io.js';
import { withContainer, type GlobalFlags } from '../open-container.js';

export function registerBackup(program: Command, io: CliIo): void {
  program
    .command('backup')
    .description('Consistent online backup of the SQLite database / バックアップ')
    .requiredOption('--out <file>', 'destination file (e.g. /backup/mamori-2026-11-22.sqlite)')
    .action(async (opts: { out: string }, cmd: Command) => {
      await withContainer(io, cmd.optsWithGlobals<GlobalFlags>(), async (c) => {
        const handle = c.database.sqlite;
        if (!handle) {
          io.err('PostgreSQL: use the server tools, which take a consistent snapshot while Mamori runs:');
          io.err('  pg_dump --format=custom --file=mamori.dump "$MAMORI_DATABASE_URL"');
          io.err('  restore: pg_restore --clean --dbname="$MAMORI_DATABASE_URL" mamori.dump');
          throw new CliExit(2);
        }
        const out = path.resolve(io.cwd, opts.out);
        mkdirSync(path.dirname(out), { recursive: true });
        // SQLite's online backup API copies pages while writers continue; the copy is consistent.
        await handle.backup(out, {
          progress: ({ totalPages, remainingPages }) => {
            if (totalPages > 10_000) io.err(`backup ${totalPages - remainingPages} / ${totalPages} pages`);
            return 1000;
          },
        });
        await c.audit.record(cliActor(), { action: 'backup.create', detail: { file: path.basename(out) } });
        io.out(`backup written: ${out}`);
      });
    });
}
