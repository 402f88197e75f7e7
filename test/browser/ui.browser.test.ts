import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totp } from '../../src/services/totp.js';
import { launchChromium, startTestServer, WEB_ROOT, type TestServer } from './browser-harness.js';

const ADMIN_PASSWORD = 'mamori-no-nagai-pasu';

async function login(page: Page, base: string, username: string, password: string): Promise<void> {
  await page.goto(`${base}/`);
  await page.getByLabel('ユーザー名').fill(username);
  await page.getByLabel('パスワード', { exact: true }).fill(password);
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/auth/login')),
    page.getByRole('button', { name: 'ログイン' }).click(),
  ]);
}

describe('web UI in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    if (!existsSync(path.join(WEB_ROOT, 'index.html'))) throw new Error('web UI not built: run `npm run build` first');
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  describe('setup, TOTP, roles, lockout', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer({ MAMORI_LOCKOUT_THRESHOLD: '3' });
    });
    afterAll(async () => {
      await server?.stop();
    });

    it('first-admin setup from the console link, then TOTP enrolment', async () => {
      expect(server.setupLink).toMatch(/\/setup\?token=/);
      const page = await browser.newPage();
      await page.goto(server.setupLink ?? '');
      await page.getByRole('heading', { name: '初期設定：管理者の作成' }).waitFor();
      await page.getByLabel('ユーザー名').fill('kanri');
      await page.getByLabel('表示名').fill('管理 花子');
      await page.getByLabel('パスワード', { exact: true }).fill(ADMIN_PASSWORD);
      await page.getByLabel('新しいパスワード（確認）').fill(ADMIN_PASSWORD);
      await page.getByRole('button', { name: '作成' }).click();
      await page.getByText('管理者を作成しました').waitFor();

      await page.getByLabel('ユーザー名').fill('kanri');
      await page.getByLabel('パスワード', { exact: true }).fill(ADMIN_PASSWORD);
      await page.getByRole('button', { name: 'ログイン' }).click();
      await page.getByRole('heading', { name: '二要素認証の設定' }).waitFor();
      expect(await page.getByAltText('QR code (otpauth)').getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
      const secret = (await page.getByTestId('totp-secret').textContent()) ?? '';
      await page.getByLabel('確認コード（6桁）').fill(totp.generate(secret, server.clock.now()));
      await page.getByRole('button', { name: '確認' }).click();
      await page.getByRole('heading', { name: 'ダッシュボード' }).waitFor();
      expect(Number(await page.getByTestId('tile-users-active').textContent())).toBe(1);

      // Sign out, then sign in with password + TOTP.
      await page.getByRole('navigation').getByRole('button', { name: 'ログアウト' }).click();
      server.clock.nextTotpStep();
      await login(page, server.url, 'kanri', ADMIN_PASSWORD);
      await page.getByRole('heading', { name: '二要素認証' }).waitFor();
      await page.getByLabel('確認コード（6桁）').fill(totp.generate(secret, server.clock.now()));
      await page.getByRole('button', { name: '確認' }).click();
      await page.getByRole('heading', { name: 'ダッシュボード' }).waitFor();

      // Create a 監査担当 from user administration.
      await page.getByRole('link', { name: 'ユーザー管理' }).click();
      await page.getByLabel('ユーザー名').fill('kansa');
      await page.getByLabel('表示名').fill('監査 一郎');
      await page.getByLabel('役割').selectOption('auditor');
      await page.getByLabel('初期パスワード').fill('shoki-pasuwaado-01');
      await page.getByRole('button', { name: '作成' }).click();
      await page.getByTestId('user-row-kansa').waitFor();
      await page.close();
    });

    it('the auditor is refused user administration', async () => {
      const page = await browser.newPage();
      await login(page, server.url, 'kansa', 'shoki-pasuwaado-01');
      await page.getByText('管理者が設定したパスワードです').waitFor();
      await page.getByLabel('現在のパスワード').fill('shoki-pasuwaado-01');
      await page.getByLabel('新しいパスワード', { exact: true }).fill('jibun-de-kimeta-pasu');
      await page.getByLabel('新しいパスワード（確認）').fill('jibun-de-kimeta-pasu');
      await page.getByRole('button', { name: 'パスワード変更' }).click();
      await page.getByRole('heading', { name: 'ダッシュボード' }).waitFor();
      expect(await page.getByRole('link', { name: 'ユーザー管理' }).count()).toBe(0);
      await page.goto(`${server.url}/users`);
      await page.getByTestId('forbidden').waitFor();
      const status = await page.evaluate(async () => (await fetch('/api/users')).status);
      expect(status).toBe(403);
      await page.getByRole('link', { name: '監査証跡' }).click();
      await page.getByRole('heading', { name: '監査証跡' }).waitFor();
      await page.getByRole('cell', { name: 'user.create' }).first().waitFor();
      await page.close();
    });

    it('repeated wrong passwords lock the account', async () => {
      const page = await browser.newPage();
      for (let i = 0; i < 3; i += 1) {
        await login(page, server.url, 'kansa', `machigai-pasu-${i}`);
        await page.getByTestId('error').waitFor();
      }
      expect(await page.getByTestId('error').textContent()).toContain('account_locked');
      await login(page, server.url, 'kansa', 'jibun-de-kimeta-pasu');
      await page.getByTestId('error').getByText('account_locked').waitFor();
      await page.close();
    });
  });

  describe('idle lock', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer({ MAMORI_IDLE_LOCK_SECONDS: '3' });
      await server.container.users.create(
        { id: null, name: 'test', ip: null },
        { username: 'etsuran', displayName: '閲覧 太郎', role: 'viewer', password: 'hima-na-gamen-no-pasu', mustChangePassword: false },
      );
    });
    afterAll(async () => {
      await server?.stop();
    });

    it('locks an idle screen and unlocks with the password', async () => {
      const page = await browser.newPage();
      await login(page, server.url, 'etsuran', 'hima-na-gamen-no-pasu');
      await page.getByRole('heading', { name: 'ダッシュボード' }).waitFor();
      await page.getByTestId('lock-screen').waitFor({ timeout: 10_000 });
      // The dashboard data is hidden behind the overlay and the server refuses data while locked.
      const blocked = await page.evaluate(async () => (await (await fetch('/api/dashboard')).json()) as { error: string });
      expect(blocked.error).toBe('session_locked');
      await page.getByLabel('パスワード', { exact: true }).fill('hima-na-gamen-no-pasu');
      await page.getByRole('button', { name: 'ロック解除' }).click();
      await page.getByTestId('lock-screen').waitFor({ state: 'detached' });
      const ok = await page.evaluate(async () => (await fetch('/api/dashboard')).status);
      expect(ok).toBe(200);
      await page.close();
    });
  });
});
