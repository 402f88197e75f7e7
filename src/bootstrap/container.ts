/**
 * Composition root shared by `mamori serve` and the CLI: configuration in, wired services out.
 * The only place that constructs adapters (database, logger) and hands them to services.
 */
import path from 'node:path';
import type { Config } from '../config/config.js';
import { systemClock, type Clock } from '../core/clock.js';
import { openDatabase, type Database } from '../db/database.js';
import { IncidentStore } from '../db/incident-store.js';
import { migrateToLatest } from '../db/migrator.js';
import { AuditRepository } from '../db/repositories/audit.repository.js';
import { JobRepository } from '../db/repositories/job.repository.js';
import { SessionRepository } from '../db/repositories/session.repository.js';
import { SettingRepository } from '../db/repositories/setting.repository.js';
import { UserRepository } from '../db/repositories/user.repository.js';
import { EvidenceStore } from '../connectors/evidence-store.js';
import { fileScanSource } from '../connectors/scan-source.js';
import { BreachScanService } from '../services/scan/breach-scan.service.js';
import { EhrAuditService } from '../services/ehr/ehr-audit.service.js';
import { EhrImportService } from '../services/ehr/ehr-import.service.js';
import { readEhrFolder } from '../connectors/ehr-folder.js';
import { dnsCacheResolver, systemResolver } from '../services/mail/mail-authentication.js';
import { MailThreatService } from '../services/mail/mail-threat.service.js';
import { AccountTakeoverService } from '../services/mail/account-takeover.service.js';
import { countryOfIp } from '../connectors/ip-country.js';
import { FolderWatcher } from '../connectors/watch-folder.js';
import { createSmtpMailer, type Mailer } from '../connectors/smtp-mailer.js';
import { createLogger, type Logger } from '../logging/logger.js';
import { AuditService } from '../services/audit.service.js';
import { AffectedPeopleService } from '../services/affected-people.service.js';
import { AuthService } from '../services/auth.service.js';
import { BreachAssessmentService } from '../services/breach-assessment.service.js';
import { CaseService } from '../services/case.service.js';
import { DashboardService } from '../services/dashboard.service.js';
import { DemoService } from '../services/demo.service.js';
import { IncidentSettingsService } from '../services/incident-settings.service.js';
import { JobWorker, type WorkerOptions } from '../services/job-worker.js';
import { JobService } from '../services/job.service.js';
import { HotlineService } from '../services/hotline.service.js';
import { LetterService } from '../services/letter.service.js';
import { NoticeService } from '../services/notice.service.js';
import { PpcReportService } from '../services/ppc-report.service.js';
import { ResponseService } from '../services/response.service.js';
import { auditVerifyJob } from '../services/jobs/audit-verify.job.js';
import { DEFAULT_SCRYPT_COST, PasswordHasher, type ScryptCost } from '../services/password-hasher.js';
import { SetupService } from '../services/setup.service.js';
import { UserService } from '../services/user.service.js';

export interface Container {
  config: Readonly<Config>;
  database: Database;
  log: Logger;
  clock: Clock;
  settings: SettingRepository;
  audit: AuditService;
  auth: AuthService;
  users: UserService;
  setup: SetupService;
  jobs: JobService;
  worker: JobWorker;
  dashboard: DashboardService;
  demo: DemoService;
  incidentSettings: IncidentSettingsService;
  cases: CaseService;
  breach: BreachAssessmentService;
  people: AffectedPeopleService;
  notices: NoticeService;
  ppcReports: PpcReportService;
  response: ResponseService;
  scans: BreachScanService;
  ehr: EhrAuditService;
  ehrImports: EhrImportService;
  mail: MailThreatService;
  mailTakeover: AccountTakeoverService;
  /** The watched mail folder (MAMORI_MAIL_WATCH_DIR); started by serve(). */
  mailWatcher: FolderWatcher | null;
  hotline: HotlineService;
  letters: LetterService;
  close(): Promise<void>;
}

export interface ContainerOptions {
  clock?: Clock;
  log?: Logger;
  scryptCost?: ScryptCost;
  worker?: WorkerOptions;
  /** Run migrations on open (default true). */
  migrate?: boolean;
  /** Outgoing mail (tests pass a capturing mailer or an SMTP sink URL in config). */
  mailer?: Mailer;
  /** Use an already-open database (tests). */
  database?: Database;
}

export async function createContainer(config: Readonly<Config>, options: ContainerOptions = {}): Promise<Container> {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? createLogger(config.logLevel);
  const database = options.database ?? (await openDatabase(config.database));
  if (options.migrate !== false) await migrateToLatest(database);

  const { db, dialect } = database;
  const userRepo = new UserRepository(db);
  const sessionRepo = new SessionRepository(db);
  const settings = new SettingRepository(db);
  const jobRepo = new JobRepository(db, dialect);
  const hasher = new PasswordHasher(options.scryptCost ?? DEFAULT_SCRYPT_COST);

  const audit = new AuditService(new AuditRepository(db, dialect), clock);
  const users = new UserService({ users: userRepo, sessions: sessionRepo, audit, hasher, clock });
  const auth = new AuthService({
    users: userRepo,
    sessions: sessionRepo,
    audit,
    hasher,
    clock,
    settings: { idleLockSeconds: config.idleLockSeconds, sessionMaxHours: config.sessionMaxHours, lockout: config.lockout },
  });
  const setup = new SetupService({ settings, users, audit, clock, tokenHours: config.setupTokenHours });
  const jobs = new JobService({ jobs: jobRepo, audit, clock });
  const incidentStore = new IncidentStore(db);
  const incidentSettings = new IncidentSettingsService({ settings, audit, clock, authorities: incidentStore.obligations });
  const cases = new CaseService({ store: incidentStore, audit, clock });
  const breach = new BreachAssessmentService({ store: incidentStore, audit, clock, settings: incidentSettings });
  cases.onDeadlineFactsChanged(() => breach.prepareReassess());
  const people = new AffectedPeopleService({ store: incidentStore, audit, clock });
  const notices = new NoticeService({ store: incidentStore, audit, clock, settings: incidentSettings });
  const dashboard = new DashboardService({ users: userRepo, sessions: sessionRepo, audit, jobs, clock, incidents: incidentStore });
  const ppcReports = new PpcReportService({ store: incidentStore, audit, clock, settings: incidentSettings });
  const evidenceStore = new EvidenceStore(path.join(config.dataDir, 'evidence'));
  const response = new ResponseService({
    store: incidentStore,
    audit,
    clock,
    evidence: evidenceStore,
    evidenceMaxBytes: config.evidenceMaxBytes,
  });
  const scans = new BreachScanService({ store: incidentStore, audit, clock, jobs, evidence: evidenceStore, source: fileScanSource, people, options: { excludeDomains: config.mailDomains } });

  cases.onCreated((actor, id) => response.applyPlaybook(actor, id));
  const hotline = new HotlineService({ store: incidentStore, audit, clock });
  const mailer = options.mailer ?? (config.smtp ? createSmtpMailer(config.smtp.url, config.smtp.from) : null);
  const letters = new LetterService({ store: incidentStore, audit, clock, settings: incidentSettings, jobs, mailer });
  const mail = new MailThreatService({
    store: incidentStore,
    settings,
    audit,
    clock,
    evidence: evidenceStore,
    source: fileScanSource,
    cases,
    response,
    people,
    mail: { domains: config.mailDomains, trustedAuthservIds: config.mail.authservIds, resolver: config.mail.dns === 'off' ? null : config.mail.dns === 'system' ? systemResolver : dnsCacheResolver(config.mail.dns.cacheFile) },
  });
  const mailTakeover = new AccountTakeoverService({ store: incidentStore, audit, clock, jobs, evidence: evidenceStore, cases, response, countryOf: countryOfIp, settings: { domains: config.mailDomains, homeCountries: config.mail.homeCountries, maxFileBytes: config.evidenceMaxBytes } });
  const ehr = new EhrAuditService({ store: incidentStore, audit, clock, cases, response });
  const demo = new DemoService({ users, settings, audit, clock, incidents: { cases, breach, notices, settings: incidentSettings, response }, ehr });
  const ehrImports = new EhrImportService({ store: incidentStore, audit, clock, jobs, evidence: evidenceStore, ehr, maxFileBytes: config.evidenceMaxBytes, readFolder: readEhrFolder });
  const worker = new JobWorker(
    {
      jobs: jobRepo,
      handlers: {
        'audit.verify': auditVerifyJob(audit),
        'campaign.email': (payload, ctx) => letters.sendCampaignEmails(payload, ctx),
        'scan.run': (payload, ctx) => scans.run(payload, ctx),
        'mail.takeover': (payload, ctx) => mailTakeover.runJob(payload, ctx),
        'ehr.import': (payload, ctx) => ehrImports.runJob(payload, ctx),
      },
      clock,
      log,
    },
    options.worker,
  );

  return {
    config,
    database,
    log,
    clock,
    settings,
    audit,
    auth,
    users,
    setup,
    jobs,
    worker,
    dashboard,
    demo,
    incidentSettings,
    cases,
    breach,
    people,
    notices,
    ppcReports,
    response,
    scans,
    ehr,
    ehrImports,
    mail,
    mailTakeover,
    mailWatcher: config.mail.watchDir ? new FolderWatcher(config.mail.watchDir, async (file, name) => void (await mail.submitFile(file, name))) : null,
    hotline,
    letters,
    async close() {
      await worker.stop();
      await database.destroy();
    },
  };
}
