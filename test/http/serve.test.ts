import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContainer, type Container } from '../../src/bootstrap/container.js';
import { loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/logging/logger.js';
import { startServer, type RunningServer } from '../../src/server/serve.js';
import { TEST_SCRYPT } from '../support/harness.js';

function httpsPost(url: string, body: string): Promise<{ status: number; setCookie: string[] }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', rejectUnauthorized: false, headers: { 'Content-Type': 'application/json' } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, setCookie: res.headers['set-cookie'] ?? [] }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('mamori serve over TLS on loopback', () => {
  let dir: string;
  let container: Container;
  let server: RunningServer;
  const printed: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'mamori-tls-'));
    // A throwaway self-signed certificate for 127.0.0.1.
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')], { stdio: 'ignore' });
    const config = loadConfig({
      env: { MAMORI_DATA_DIR: dir, MAMORI_PORT: '0', MAMORI_TLS_CERT: path.join(dir, 'cert.pem'), MAMORI_TLS_KEY: path.join(dir, 'key.pem'), MAMORI_LOG_LEVEL: 'silent' },
    });
    container = await createContainer(config, { scryptCost: TEST_SCRYPT, log: createLogger('silent') });
    server = await startServer(container, { webRoot: path.join(dir, 'no-web'), print: (l) => printed.push(l) });
  });
  afterAll(async () => {
    await server.stop();
    await container.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('binds to 127.0.0.1 and prints an https setup link', () => {
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(printed.join('\n')).toMatch(new RegExp(`${server.url.replace(/[.]/g, '\\.')}/setup\\?token=[\\w-]{32}`));
  });

  it('issues __Host- cookies marked Secure, HttpOnly, SameSite=Strict', async () => {
    await container.users.create({ id: null, name: 't', ip: null }, { username: 'viewer1', displayName: 'V', role: 'viewer', password: 'etsuran-pasu-waado', mustChangePassword: false });
    const res = await httpsPost(`${server.url}/api/auth/login`, JSON.stringify({ username: 'viewer1', password: 'etsuran-pasu-waado' }));
    expect(res.status).toBe(200);
    const cookie = res.setCookie[0] ?? '';
    expect(cookie).toMatch(/^__Host-mamori_session=/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
  });
});
