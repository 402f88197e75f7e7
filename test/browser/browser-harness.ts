import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { createContainer, type Container } from '../../src/bootstrap/container.js';
import type { Clock } from '../../src/core/clock.js';
import { loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/logging/logger.js';
import { startServer, type RunningServer } from '../../src/server/serve.js';
import { TEST_SCRYPT } from '../support/harness.js';

export const WEB_ROOT = fileURLToPath(new URL('../../dist/web', import.meta.url));

/** Real time plus an offset the test can push forward (TOTP codes are single-use per step). */
export class OffsetClock implements Clock {
  offset = 0;
  now(): Date {
    return new Date(Date.now() + this.offset);
  }
  nextTotpStep(): void {
    this.offset += 30_000;
  }
}

export interface TestServer {
  url: string;
  container: Container;
  clock: OffsetClock;
  setupLink: string | null;
  stop(): Promise<void>;
}

export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'mamori-browser-'));
  const config = loadConfig({ env: { MAMORI_DATA_DIR: dir, MAMORI_PORT: '0', MAMORI_LOG_LEVEL: 'silent', ...env } });
  const clock = new OffsetClock();
  const container = await createContainer(config, { clock, scryptCost: TEST_SCRYPT, log: createLogger('silent') });
  const lines: string[] = [];
  let running: RunningServer;
  try {
    running = await startServer(container, { webRoot: WEB_ROOT, print: (l) => lines.push(l) });
  } catch (error) {
    await container.close();
    throw error;
  }
  const setupLink = lines.map((l) => l.trim()).find((l) => l.includes('/setup?token=')) ?? null;
  return {
    url: running.url,
    container,
    clock,
    setupLink,
    async stop() {
      await running.stop();
      await container.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}
