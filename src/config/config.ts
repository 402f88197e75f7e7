/**
 * The one module that reads configuration. Sources, later winning: defaults < JSON file
 * (`MAMORI_CONFIG` or `--config`) < `MAMORI_*` environment variables < CLI flags. Every problem
 * is collected and reported together; unknown keys are errors (a typo must not silently fall
 * back to a default on a system holding patient data).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

// 0 asks the OS for a free port (tests, side-by-side instances); the URL printed at start-up is the real one.
const portSchema = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();
const bool = z.union([z.boolean(), z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1')]);

/** "a, b,,c" → ['a', 'b', 'c'] (lists in env variables); non-strings pass through to the schema. */
export function commaList(v: string): string[];
export function commaList(v: unknown): unknown;
export function commaList(v: unknown): unknown {
  return typeof v === 'string' ? v.split(',').map((d) => d.trim()).filter(Boolean) : v;
}

/** Flat, file-shaped config schema. Keys are camelCase; each has an env twin (see ENV_KEYS). */
const FileSchema = z
  .object({
    host: z.string().min(1),
    port: portSchema,
    dataDir: z.string().min(1),
    databaseUrl: z.string().min(1),
    publicUrl: z.url(),
    tlsCert: z.string().min(1),
    tlsKey: z.string().min(1),
    idleLockSeconds: positiveInt.max(86_400),
    sessionMaxHours: positiveInt.max(168),
    lockoutThreshold: positiveInt.max(100),
    lockoutSeconds: positiveInt.max(86_400),
    bodyLimitBytes: positiveInt.max(1024 * 1024 * 1024),
    evidenceMaxBytes: positiveInt.max(64 * 1024 * 1024 * 1024),
    smtpUrl: z.string().regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://'),
    smtpFrom: z.string().min(3).max(200),
    mailDomains: z.preprocess(
      commaList,
      z.array(z.string().regex(/^(?=.{3,253}$)[a-z0-9-]+(\.[a-z0-9-]+)+$/i, 'must be mail domains such as hospital.example.jp, comma-separated')).max(50),
    ),
    mailAuthservIds: z.preprocess(commaList, z.array(z.string().regex(/^[a-z0-9.-]+$/i, 'must be authserv-ids (host names), comma-separated')).max(20)),
    mailHomeCountries: z.preprocess(commaList, z.array(z.string().regex(/^[a-z]{2}$/i, 'must be ISO 3166 country codes such as JP, comma-separated')).min(1).max(20)),
    mailDns: z.string().min(1),
    mailIngestToken: z.string().min(24, 'must be at least 24 characters'),
    mailWatchDir: z.string().min(1),
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'silent']),
    worker: bool,
    setupTokenHours: positiveInt.max(168),
  })
  .partial()
  .strict();

type FileConfig = z.infer<typeof FileSchema>;
type Key = keyof FileConfig;

/** Environment variable for each key. */
export const ENV_KEYS: Readonly<Record<Key, string>> = {
  host: 'MAMORI_HOST',
  port: 'MAMORI_PORT',
  dataDir: 'MAMORI_DATA_DIR',
  databaseUrl: 'MAMORI_DATABASE_URL',
  publicUrl: 'MAMORI_PUBLIC_URL',
  tlsCert: 'MAMORI_TLS_CERT',
  tlsKey: 'MAMORI_TLS_KEY',
  idleLockSeconds: 'MAMORI_IDLE_LOCK_SECONDS',
  sessionMaxHours: 'MAMORI_SESSION_MAX_HOURS',
  lockoutThreshold: 'MAMORI_LOCKOUT_THRESHOLD',
  lockoutSeconds: 'MAMORI_LOCKOUT_SECONDS',
  bodyLimitBytes: 'MAMORI_BODY_LIMIT_BYTES',
  evidenceMaxBytes: 'MAMORI_EVIDENCE_MAX_BYTES',
  smtpUrl: 'MAMORI_SMTP_URL',
  smtpFrom: 'MAMORI_SMTP_FROM',
  mailDomains: 'MAMORI_MAIL_DOMAINS',
  mailAuthservIds: 'MAMORI_MAIL_AUTHSERV_IDS',
  mailHomeCountries: 'MAMORI_MAIL_HOME_COUNTRIES',
  mailDns: 'MAMORI_MAIL_DNS',
  mailIngestToken: 'MAMORI_MAIL_INGEST_TOKEN',
  mailWatchDir: 'MAMORI_MAIL_WATCH_DIR',
  logLevel: 'MAMORI_LOG_LEVEL',
  worker: 'MAMORI_WORKER',
  setupTokenHours: 'MAMORI_SETUP_TOKEN_HOURS',
};

/** Env variables that are not config keys but are still ours (so not "unknown"). */
const OTHER_ENV = new Set(['MAMORI_CONFIG', 'MAMORI_TEST_PG_URL', 'MAMORI_TEST_DIALECTS']);

export type DatabaseConfig =
  | { dialect: 'sqlite'; file: string }
  | { dialect: 'postgres'; url: string; redactedUrl: string };

export interface Config {
  host: string;
  port: number;
  dataDir: string;
  database: DatabaseConfig;
  publicUrl: string;
  tls: { cert: string; key: string } | null;
  idleLockSeconds: number;
  sessionMaxHours: number;
  lockout: { threshold: number; baseSeconds: number };
  bodyLimitBytes: number;
  evidenceMaxBytes: number;
  /** Outgoing mail for notification campaigns; null until configured. */
  smtp: { url: string; from: string } | null;
  /** The hospital's own mail domains (scans do not count their addresses in prose; mail analysis treats them as internal). */
  mailDomains: readonly string[];
  /** Mail analysis: trusted MTA authserv-ids, DNS for mailauth ('off' | 'system' | DNS cache JSON path), MTA ingest token, watched folder. */
  mail: { authservIds: readonly string[]; homeCountries: readonly string[]; dns: 'off' | 'system' | { cacheFile: string }; ingestToken: string | null; watchDir: string | null };
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent';
  worker: boolean;
  setupTokenHours: number;
}

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

export interface LoadOptions {
  env?: Readonly<Record<string, string | undefined>>;
  /** Path of a JSON config file; defaults to env MAMORI_CONFIG. */
  file?: string;
  /** Values from CLI flags (already keyed like the file). */
  overrides?: Partial<Record<Key, string | number | boolean | undefined>>;
  cwd?: string;
}

/** Hide credentials in a database URL before it is shown anywhere. */
export function redactDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '<unparseable url>';
  }
}

function parseDatabase(raw: string | undefined, dataDir: string, problems: string[]): DatabaseConfig {
  const fallback: DatabaseConfig = { dialect: 'sqlite', file: path.join(dataDir, 'mamori.sqlite') };
  if (raw === undefined) return fallback;
  if (raw.startsWith('sqlite:')) {
    const file = raw.slice('sqlite:'.length).replace(/^\/\//, '');
    if (file === '') {
      problems.push('databaseUrl (MAMORI_DATABASE_URL): sqlite: needs a file path, e.g. sqlite:/var/lib/mamori/mamori.sqlite');
      return fallback;
    }
    return { dialect: 'sqlite', file: file === ':memory:' ? file : path.resolve(dataDir, file) };
  }
  if (/^postgres(ql)?:\/\//.test(raw)) {
    let parsed: URL;
    try {
      parsed = new URL(raw);
    } catch {
      problems.push('databaseUrl (MAMORI_DATABASE_URL): not a valid URL');
      return fallback;
    }
    if (!parsed.hostname && !parsed.searchParams.get('host')) {
      problems.push('databaseUrl (MAMORI_DATABASE_URL): PostgreSQL URL has no host');
    }
    if (parsed.pathname.length <= 1) {
      problems.push('databaseUrl (MAMORI_DATABASE_URL): PostgreSQL URL has no database name (postgres://user@host:5432/mamori)');
    }
    return { dialect: 'postgres', url: raw, redactedUrl: redactDatabaseUrl(raw) };
  }
  problems.push(
    `databaseUrl (MAMORI_DATABASE_URL): unsupported scheme in "${redactDatabaseUrl(raw)}"; use postgres://… or sqlite:<file>`,
  );
  return fallback;
}

function readFile(file: string, problems: string[]): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : 'unknown';
    problems.push(`config file ${file}: cannot be read (${code})`);
    return {};
  }
  try {
    const value: unknown = JSON.parse(text);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      problems.push(`config file ${file}: must contain a JSON object`);
      return {};
    }
    return value as Record<string, unknown>;
  } catch (error) {
    problems.push(`config file ${file}: invalid JSON (${error instanceof Error ? error.message : 'parse error'})`);
    return {};
  }
}

/**
 * Read, merge and validate configuration. Throws ConfigError listing every problem.
 */
export function loadConfig(options: LoadOptions = {}): Readonly<Config> {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const problems: string[] = [];
  const merged: Record<string, unknown> = {};
  const source: Record<string, string> = {};

  const file = options.file ?? env.MAMORI_CONFIG;
  if (file) {
    for (const [key, value] of Object.entries(readFile(path.resolve(cwd, file), problems))) {
      merged[key] = value;
      source[key] = `config file ${file}`;
    }
  }

  const known = new Set<string>(Object.values(ENV_KEYS));
  for (const name of Object.keys(env)) {
    if (name.startsWith('MAMORI_') && !known.has(name) && !OTHER_ENV.has(name)) {
      problems.push(`unknown environment variable ${name}`);
    }
  }
  for (const [key, name] of Object.entries(ENV_KEYS)) {
    const value = env[name];
    if (value !== undefined && value !== '') {
      merged[key] = value;
      source[key] = name;
    }
  }
  for (const [key, value] of Object.entries(options.overrides ?? {})) {
    if (value !== undefined) {
      merged[key] = value;
      source[key] = `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    }
  }

  // Each key is validated on its own so one bad value never hides the next problem.
  const shape = FileSchema.shape;
  const values: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(merged)) {
    if (!Object.hasOwn(shape, key)) {
      problems.push(`unknown config key "${key}" (${source[key] ?? 'config'})`);
      continue;
    }
    const result = shape[key as Key].safeParse(value);
    if (result.success) values[key] = result.data;
    else problems.push(`${key} (${source[key] ?? ENV_KEYS[key as Key]}): ${result.error.issues.map((i) => i.message).join('; ')}`);
  }
  const parsed = FileSchema.safeParse(values);
  if (!parsed.success) problems.push('configuration could not be validated');
  const valid: FileConfig = parsed.success ? parsed.data : {};

  const dataDir = path.resolve(cwd, valid.dataDir ?? 'data');
  const database = parseDatabase(valid.databaseUrl, dataDir, problems);
  if ((valid.tlsCert === undefined) !== (valid.tlsKey === undefined)) {
    problems.push('tlsCert and tlsKey (MAMORI_TLS_CERT, MAMORI_TLS_KEY) must be set together');
  }
  const tls = valid.tlsCert && valid.tlsKey ? { cert: path.resolve(cwd, valid.tlsCert), key: path.resolve(cwd, valid.tlsKey) } : null;
  const host = valid.host ?? '127.0.0.1';
  const port = valid.port ?? 8080;

  if (problems.length > 0) throw new ConfigError(problems);

  const displayHost = host.includes(':') ? `[${host}]` : host;
  return Object.freeze({
    host,
    port,
    dataDir,
    database: Object.freeze(database),
    publicUrl: (valid.publicUrl ?? `${tls ? 'https' : 'http'}://${displayHost}:${port}`).replace(/\/$/, ''),
    tls: tls ? Object.freeze(tls) : null,
    idleLockSeconds: valid.idleLockSeconds ?? 900,
    sessionMaxHours: valid.sessionMaxHours ?? 12,
    lockout: Object.freeze({ threshold: valid.lockoutThreshold ?? 5, baseSeconds: valid.lockoutSeconds ?? 900 }),
    bodyLimitBytes: valid.bodyLimitBytes ?? 1024 * 1024,
    evidenceMaxBytes: valid.evidenceMaxBytes ?? 2 * 1024 * 1024 * 1024,
    smtp: valid.smtpUrl ? Object.freeze({ url: valid.smtpUrl, from: valid.smtpFrom ?? 'mamori@localhost' }) : null,
    mailDomains: Object.freeze((valid.mailDomains ?? []).map((d) => d.toLowerCase())),
    mail: Object.freeze({
      authservIds: Object.freeze((valid.mailAuthservIds ?? []).map((d) => d.toLowerCase())),
      homeCountries: Object.freeze((valid.mailHomeCountries ?? ['JP']).map((c) => c.toUpperCase())),
      dns: valid.mailDns === undefined || valid.mailDns === 'off' ? ('off' as const) : valid.mailDns === 'system' ? ('system' as const) : { cacheFile: path.resolve(cwd, valid.mailDns) },
      ingestToken: valid.mailIngestToken ?? null,
      watchDir: valid.mailWatchDir ? path.resolve(cwd, valid.mailWatchDir) : null,
    }),
    logLevel: valid.logLevel ?? 'info',
    worker: valid.worker ?? true,
    setupTokenHours: valid.setupTokenHours ?? 24,
  });
}
