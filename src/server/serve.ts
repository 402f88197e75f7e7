import { readFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { Container } from '../bootstrap/container.js';
import { createApp } from './app.js';

export interface RunningServer {
  url: string;
  port: number;
  server: ServerType;
  stop(): Promise<void>;
}

export interface ServeOptions {
  webRoot: string;
  /** Console output for people (setup link); not the log. */
  print: (line: string) => void;
}

/**
 * Start `mamori serve`: HTTP (or HTTPS when a certificate is configured) on the configured
 * address, the job worker, and the first-run setup link.
 */
export async function startServer(container: Container, options: ServeOptions): Promise<RunningServer> {
  const { config, log } = container;
  const app = createApp(container, { webRoot: options.webRoot, secureCookies: config.tls !== null });
  const tlsOptions = config.tls ? { key: readFileSync(config.tls.key), cert: readFileSync(config.tls.cert) } : null;

  const server = await new Promise<ServerType>((resolve, reject) => {
    const s = serve(
      {
        fetch: app.fetch,
        hostname: config.host,
        port: config.port,
        ...(tlsOptions ? { createServer: createHttpsServer, serverOptions: tlsOptions } : {}),
      },
      () => resolve(s),
    );
    s.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  const base = config.publicUrl.replace(/:\d+$/, '').replace(/\/$/, '');
  const url = config.port === 0 ? `${base}:${port}` : config.publicUrl;

  if (config.worker) {
    const resumed = await container.worker.start();
    if (resumed > 0) log.info({ resumed }, 'jobs resumed after restart');
  }
  container.mailWatcher?.start((error: unknown) => log.warn({ err: error }, 'mail watch folder pass failed'));
  const purge = setInterval(() => {
    container.auth
      .purgeSessions()
      .catch((error: unknown) => log.warn({ err: error }, 'session purge failed'));
  }, 3600 * 1000);
  purge.unref();

  log.info({ host: config.host, port, tls: config.tls !== null, db: config.database.dialect }, 'mamori listening');
  options.print(`Mamori 守り is running at ${url}  (database: ${config.database.dialect})`);
  const token = await container.setup.issueToken();
  if (token) {
    options.print('');
    options.print('初期設定 / First-run setup — no administrator exists yet. Open this one-time link:');
    options.print(`  ${url}/setup?token=${token}`);
    options.print(`  (valid ${config.setupTokenHours} h; a restart issues a new link)`);
    options.print('');
  }

  return {
    url,
    port,
    server,
    async stop() {
      clearInterval(purge);
      await container.mailWatcher?.stop();
      await container.worker.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
