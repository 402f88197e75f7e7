import { Migrator, type Kysely, type Migration, type MigrationResult } from 'kysely';
import type { Database, DialectName } from './database.js';
import * as m0001 from './migrations/0001-foundation.js';
import * as m0002 from './migrations/0002-incidents.js';
import * as m0003 from './migrations/0003-affected-people.js';
import * as m0004 from './migrations/0004-public-notices.js';
import * as m0005 from './migrations/0005-response.js';
import * as m0006 from './migrations/0006-hotline.js';
import * as m0007 from './migrations/0007-timeline-evidence.js';
import * as m0008 from './migrations/0008-scans.js';
import * as m0009 from './migrations/0009-ehr.js';
import * as m0010 from './migrations/0010-ehr-alerts.js';
import * as m0011 from './migrations/0011-mail.js';
import * as m0012 from './migrations/0012-mail-takeover.js';
import * as m0013 from './migrations/0013-ehr-import-runs.js';
import * as m0014 from './migrations/0014-ehr-event-keys.js';

type Up = (db: Kysely<unknown>, dialect: DialectName) => Promise<void>;

/** Ordered list; names sort lexically, so keep the numeric prefix. */
const MIGRATIONS: ReadonlyArray<[string, Up]> = [
  ['0001-foundation', m0001.up],
  ['0002-incidents', m0002.up],
  ['0003-affected-people', m0003.up],
  ['0004-public-notices', m0004.up],
  ['0005-response', m0005.up],
  ['0006-hotline', m0006.up],
  ['0007-timeline-evidence', m0007.up],
  ['0008-scans', m0008.up],
  ['0009-ehr', m0009.up],
  ['0010-ehr-alerts', m0010.up],
  ['0011-mail', m0011.up],
  ['0012-mail-takeover', m0012.up],
  ['0013-ehr-import-runs', m0013.up],
  ['0014-ehr-event-keys', m0014.up],
];

export interface MigrateOutcome {
  applied: string[];
  results: MigrationResult[];
}

/** Bring the schema to the latest version. Throws with the failing migration's name. */
export async function migrateToLatest(database: Database): Promise<MigrateOutcome> {
  const migrations: Record<string, Migration> = {};
  for (const [name, up] of MIGRATIONS) {
    migrations[name] = { up: (db) => up(db, database.dialect) };
  }
  const migrator = new Migrator({
    db: database.db,
    provider: { getMigrations: () => Promise.resolve(migrations) },
    migrationTableName: 'mamori_migration',
    migrationLockTableName: 'mamori_migration_lock',
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results.find((r) => r.status === 'Error');
    throw new Error(`migration ${failed?.migrationName ?? '?'} failed`, { cause: error });
  }
  return { applied: results.filter((r) => r.status === 'Success').map((r) => r.migrationName), results };
}
