import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createContainer, type Container } from '../../src/bootstrap/container.js';
import { loadConfig } from '../../src/config/config.js';
import type { DialectName } from '../../src/db/database.js';
import { createLogger } from '../../src/logging/logger.js';
import { createApp } from '../../src/server/app.js';
import { totp } from '../../src/services/totp.js';
import { createTestDatabase, type TestDatabase } from './dialects.js';
import { TestClock } from './test-clock.js';

/** Cheap scrypt for tests; production cost is exercised in password-hasher.test.ts. */
export const TEST_SCRYPT = { log2N: 10, r: 8, p: 1 };

export interface Harness {
  container: Container;
  clock: TestClock;
  db: TestDatabase;
  app: ReturnType<typeof createApp>;
  dataDir: string;
  close(): Promise<void>;
}

export async function createHarness(dialect: DialectName, env: Record<string, string> = {}): Promise<Harness> {
  const db = await createTestDatabase(dialect);
  const clock = new TestClock();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'mamori-data-'));
  const config = loadConfig({ env: { MAMORI_LOG_LEVEL: 'silent', MAMORI_DATA_DIR: dataDir, ...env }, cwd: '/tmp' });
  const container = await createContainer(config, {
    clock,
    database: db.database,
    scryptCost: TEST_SCRYPT,
    log: createLogger('silent'),
  });
  const app = createApp(container);
  return {
    container,
    clock,
    db,
    app,
    dataDir,
    async close() {
      await container.worker.stop();
      await db.cleanup();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

interface Reply {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

/** Cookie- and CSRF-aware client over `app.request()` (no sockets). */
export class TestClient {
  cookie = '';
  csrf = '';
  constructor(private readonly app: Harness['app']) {}

  async call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    const h: Record<string, string> = { ...headers };
    if (this.cookie) h.Cookie = this.cookie;
    if (method !== 'GET' && this.csrf && !('X-CSRF-Token' in h)) h['X-CSRF-Token'] = this.csrf;
    if (body !== undefined && !('Content-Type' in h)) h['Content-Type'] = 'application/json';
    const res = await this.app.request(path, {
      method,
      headers: h,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) {
      const first = setCookie.split(';')[0] ?? '';
      this.cookie = first.endsWith('=') ? '' : first;
    }
    const text = await res.text();
    let parsed: Record<string, unknown> = {};
    try {
      parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      parsed = { raw: text };
    }
    if (typeof parsed.csrfToken === 'string') this.csrf = parsed.csrfToken;
    return { status: res.status, body: parsed, headers: res.headers };
  }

  get(path: string) {
    return this.call('GET', path);
  }
  post(path: string, body?: unknown) {
    return this.call('POST', path, body);
  }
}

/** Set up the first administrator through the public API, returning the token used. */
export async function setupAdmin(h: Harness, username = 'admin1', password = 'correct horse battery'): Promise<void> {
  const token = await h.container.setup.issueToken();
  const client = new TestClient(h.app);
  const res = await client.post('/api/setup', { token, username, displayName: '管理 太郎', password });
  if (res.status !== 201) throw new Error(`setup failed: ${JSON.stringify(res.body)}`);
}

/** Sign in (password, then TOTP enrolment or verification) and return a client and the secret. */
export async function signIn(h: Harness, username: string, password: string, secret?: string): Promise<{ client: TestClient; secret: string | undefined }> {
  const client = new TestClient(h.app);
  const login = await client.post('/api/auth/login', { username, password });
  if (login.status !== 200) throw new Error(`login failed: ${JSON.stringify(login.body)}`);
  if (login.body.stage === 'enrol') {
    const enrol = await client.post('/api/auth/enrol/start');
    const s = String(enrol.body.secret);
    const done = await client.post('/api/auth/enrol/confirm', { code: totp.generate(s, h.clock.now()) });
    if (done.status !== 200) throw new Error(`enrol failed: ${JSON.stringify(done.body)}`);
    h.clock.advance(30_000);
    return { client, secret: s };
  }
  if (login.body.stage === 'mfa') {
    if (!secret) throw new Error('TOTP secret needed');
    const done = await client.post('/api/auth/totp', { code: totp.generate(secret, h.clock.now()) });
    if (done.status !== 200) throw new Error(`totp failed: ${JSON.stringify(done.body)}`);
    h.clock.advance(30_000);
  }
  return { client, secret };
}
