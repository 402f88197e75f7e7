import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { loadConfig } from '../../config/config.js';
import { openDatabase } from '../../db/database.js';
import { migrateToLatest } from '../../db/migrator.js';
import type { GlobalFlags } from '../open-container.js';

export function registerMigrate(program: Command, io: CliIo): void {
  program
    .command('migrate')
    .description('Apply database migrations / データベースを最新の構造に更新')
    .action(async (_opts: unknown, cmd: Command) => {
      const flags = cmd.optsWithGlobals<GlobalFlags>();
      const config = loadConfig({
        env: io.env,
        cwd: io.cwd,
        ...(flags.config ? { file: flags.config } : {}),
        overrides: { dataDir: flags.dataDir, databaseUrl: flags.databaseUrl },
      });
      const database = await openDatabase(config.database);
      try {
        const { applied } = await migrateToLatest(database);
        io.out(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
      } finally {
        await database.destroy();
      }
    });
}
