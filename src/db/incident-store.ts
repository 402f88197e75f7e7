import type { Kysely } from 'kysely';
import { CaseRepository } from './repositories/case.repository.js';
import { ExposureRepository } from './repositories/exposure.repository.js';
import { NoticeRepository } from './repositories/notice.repository.js';
import { ObligationRepository } from './repositories/obligation.repository.js';
import { PeopleRepository } from './repositories/people.repository.js';
import { ResponseRepository } from './repositories/response.repository.js';
import { ScanRepository } from './repositories/scan.repository.js';
import { EhrRepository } from './repositories/ehr.repository.js';
import { MailRepository } from './repositories/mail.repository.js';
import { MailTakeoverRepository } from './repositories/mail-takeover.repository.js';
import { TimelineRepository } from './repositories/timeline.repository.js';
import type { DB } from './schema.js';

/**
 * The incident repositories bound to one connection, plus `transaction()` so a use case that
 * writes several tables (assessment + obligations, a CSV import) is all-or-nothing.
 */
export class IncidentStore {
  readonly cases: CaseRepository;
  readonly timeline: TimelineRepository;
  readonly exposures: ExposureRepository;
  readonly obligations: ObligationRepository;
  readonly people: PeopleRepository;
  readonly notices: NoticeRepository;
  readonly response: ResponseRepository;
  readonly scans: ScanRepository;
  readonly ehr: EhrRepository;
  readonly mail: MailRepository;
  readonly mailTakeover: MailTakeoverRepository;
  readonly #db: Kysely<DB>;

  constructor(db: Kysely<DB>) {
    this.#db = db;
    this.cases = new CaseRepository(db);
    this.timeline = new TimelineRepository(db);
    this.exposures = new ExposureRepository(db);
    this.obligations = new ObligationRepository(db);
    this.people = new PeopleRepository(db);
    this.notices = new NoticeRepository(db);
    this.response = new ResponseRepository(db);
    this.scans = new ScanRepository(db);
    this.ehr = new EhrRepository(db);
    this.mail = new MailRepository(db);
    this.mailTakeover = new MailTakeoverRepository(db);
  }

  async transaction<T>(fn: (store: IncidentStore) => Promise<T>): Promise<T> {
    if (this.#db.isTransaction) return fn(this);
    return this.#db.transaction().execute((trx) => fn(new IncidentStore(trx)));
  }
}
