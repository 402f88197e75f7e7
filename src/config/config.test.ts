import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

function problems(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('config', () => {
  it('secure defaults: loopback, 8080, SQLite under ./data, 15-minute idle lock', () => {
    const c = loadConfig({ env: {}, cwd: '/srv/mamori' });
    expect(c.host).toBe('127.0.0.1');
    expect(c.port).toBe(8080);
    expect(c.database).toEqual({ dialect: 'sqlite', file: '/srv/mamori/data/mamori.sqlite' });
    expect(c.idleLockSeconds).toBe(900);
    expect(c.tls).toBeNull();
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('lists every problem at once: unknown keys, bad URL, bad numbers', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mamori-config-'));
    const file = path.join(dir, 'mamori.json');
    writeFileSync(file, JSON.stringify({ prot: 8080, idleLockSeconds: -5 }));
    const list = problems(() =>
      loadConfig({ env: { MAMORI_CONFIG: file, MAMORI_DATABSE_URL: 'x', MAMORI_DATABASE_URL: 'mysql://root:hunter2@db/x', MAMORI_PORT: 'eighty' } }),
    );
    expect(list).toEqual(
      expect.arrayContaining([
        expect.stringContaining('unknown environment variable MAMORI_DATABSE_URL'),
        expect.stringContaining('unknown config key "prot"'),
        expect.stringContaining('port (MAMORI_PORT)'),
        expect.stringContaining('idleLockSeconds'),
        expect.stringContaining('unsupported scheme'),
      ]),
    );
    expect(list.join('\n')).not.toContain('hunter2');
  });

  it('PostgreSQL URLs need a database name; credentials are redacted', () => {
    expect(problems(() => loadConfig({ env: { MAMORI_DATABASE_URL: 'postgres://u:pw@db:5432' } }))[0]).toMatch(/no database name/);
    const c = loadConfig({ env: { MAMORI_DATABASE_URL: 'postgres://u:pw@db:5432/mamori' } });
    expect(c.database).toMatchObject({ dialect: 'postgres', redactedUrl: 'postgres://u:***@db:5432/mamori' });
  });

  it('flags beat env, env beats file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mamori-config-'));
    const file = path.join(dir, 'c.json');
    writeFileSync(file, JSON.stringify({ port: 1000, host: '0.0.0.0', idleLockSeconds: 60 }));
    const c = loadConfig({ file, env: { MAMORI_PORT: '2000' }, overrides: { port: '3000' } });
    expect([c.port, c.host, c.idleLockSeconds]).toEqual([3000, '0.0.0.0', 60]);
  });

  it("the hospital's mail domains: comma-separated in env, a list in the file, validated", () => {
    expect(loadConfig({ env: {}, cwd: '/tmp' }).mailDomains).toEqual([]);
    expect(loadConfig({ env: { MAMORI_MAIL_DOMAINS: 'Hospital.example.jp, mail.hospital.example.jp' }, cwd: '/tmp' }).mailDomains).toEqual(['hospital.example.jp', 'mail.hospital.example.jp']);
    expect(problems(() => loadConfig({ env: { MAMORI_MAIL_DOMAINS: 'not a domain' }, cwd: '/tmp' })).join('\n')).toMatch(/mail domains/);
  });

  it('mail analysis settings: DNS off by default, a short ingest token and bad authserv-ids refused', () => {
    expect(loadConfig({ env: {}, cwd: '/tmp' }).mail).toEqual({ authservIds: [], homeCountries: ['JP'], dns: 'off', ingestToken: null, watchDir: null });
    const c = loadConfig({ env: { MAMORI_MAIL_DNS: 'dns.json', MAMORI_MAIL_AUTHSERV_IDS: 'MX1.hospital.example.jp, mx2', MAMORI_MAIL_WATCH_DIR: 'drop', MAMORI_MAIL_INGEST_TOKEN: 'x'.repeat(24), MAMORI_MAIL_HOME_COUNTRIES: 'jp, us' }, cwd: '/srv' });
    expect(c.mail).toEqual({ authservIds: ['mx1.hospital.example.jp', 'mx2'], homeCountries: ['JP', 'US'], dns: { cacheFile: '/srv/dns.json' }, ingestToken: 'x'.repeat(24), watchDir: '/srv/drop' });
    expect(problems(() => loadConfig({ env: { MAMORI_MAIL_HOME_COUNTRIES: 'Japan' }, cwd: '/tmp' })).join('\n')).toMatch(/country codes/);
    expect(loadConfig({ env: { MAMORI_MAIL_DNS: 'system' }, cwd: '/tmp' }).mail.dns).toBe('system');
    expect(problems(() => loadConfig({ env: { MAMORI_MAIL_INGEST_TOKEN: 'short' }, cwd: '/tmp' })).join('\n')).toMatch(/at least 24/);
    expect(problems(() => loadConfig({ env: { MAMORI_MAIL_AUTHSERV_IDS: 'mx;evil' }, cwd: '/tmp' })).join('\n')).toMatch(/authserv-ids/);
  });

  it('TLS needs both files', () => {
    expect(problems(() => loadConfig({ env: { MAMORI_TLS_CERT: '/x.pem' } }))[0]).toMatch(/must be set together/);
  });

  it('a missing or broken config file is reported', () => {
    expect(problems(() => loadConfig({ env: {}, file: '/nonexistent/mamori.json' }))[0]).toMatch(/cannot be read/);
  });
});
