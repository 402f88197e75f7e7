import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TakeoverLogGenerator, type TakeoverLabel } from '../../src/services/mail/takeover-log-generator.js';
import { launchChromium, startTestServer, type TestServer } from './browser-harness.js';

describe('account takeover in Chromium', () => {
  let browser: Browser;
  let server: TestServer;
  let dir: string;
  let labels: TakeoverLabel[];
  beforeAll(async () => {
    browser = await launchChromium();
    server = await startTestServer({ MAMORI_MAIL_DOMAINS: 'mihon-hospital.example.jp' });
    await server.container.users.create({ id: null, name: 'test', ip: null }, { username: 'taiou', displayName: '対応 担当', role: 'responder', password: 'mail-kanri-no-nagai-aikotoba', mustChangePassword: false });
    dir = mkdtempSync(path.join(tmpdir(), 'mamori-takeover-ui-'));
    const gen = new TakeoverLogGenerator({ seed: 12, accounts: 40, days: 14, flavour: 'onprem', perScenario: 1 });
    labels = gen.generate().labels;
    await gen.write(dir);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('analyse a mail server log, open a 危険 account with its log lines, escalate it into a case', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${server.url}/`);
    await page.getByLabel('ユーザー名').fill('taiou');
    await page.getByLabel('パスワード', { exact: true }).fill('mail-kanri-no-nagai-aikotoba');
    await page.getByRole('button', { name: 'ログイン' }).click();
    await page.getByRole('link', { name: 'メール', exact: true }).click();
    await page.getByRole('tab', { name: 'アカウント乗っ取り（ログ分析）' }).click();

    await page.getByLabel('ログファイル').setInputFiles(path.join(dir, 'maillog'));
    await page.getByRole('button', { name: '分析する', exact: true }).click();
    await expect.poll(async () => (await page.getByTestId('takeover-summary').textContent().catch(() => '')) ?? '', { timeout: 30_000 }).toContain('40 アカウント');
    expect(await page.getByTestId('takeover-run').textContent()).toContain('メールサーバーログ');

    await page.getByLabel('重大度').selectOption('危険');
    const rows = page.getByTestId('takeover-list').locator('tbody tr');
    const compromised = labels.filter((l) => l.compromised);
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(compromised.length);
    const listed = await page.getByTestId('takeover-list').textContent();
    for (const l of compromised) expect(listed, l.scenario).toContain(l.account);

    // The spam relay: the break-in, the burst and the lines of the mail log behind them.
    const relay = labels.find((l) => l.scenario === 'spam_relay');
    await page.getByRole('button', { name: relay?.account ?? 'missing', exact: true }).click();
    const detail = page.getByTestId('takeover-detail');
    await detail.waitFor();
    expect(await detail.getByTestId('takeover-findings').locator('li[data-code="outbound_spike"]').count()).toBe(1);
    const evidence = detail.getByTestId('takeover-evidence').locator('tbody tr');
    expect(await evidence.count()).toBeGreaterThan(3);
    const firstCited = (await evidence.first().locator('td').nth(1).textContent()) ?? '';
    const [, lineNo] = /^maillog:(\d+)$/.exec(firstCited) ?? [];
    const rawShown = (await evidence.first().locator('code').textContent()) ?? '';
    expect(rawShown).toBe(readFileSync(path.join(dir, 'maillog'), 'utf8').split('\n')[Number(lineNo) - 1]);

    await detail.getByRole('button', { name: 'インシデントとして登録' }).click();
    await page.getByRole('heading', { name: /メールアカウントの不正利用の疑い/ }).waitFor();
    await page.getByRole('tab', { name: '証拠' }).click();
    await expect.poll(() => page.getByTestId('evidence-item').count()).toBe(2);
    expect(await page.getByTestId('evidence-item').allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/takeover-.*-evidence\.csv/), expect.stringMatching(/takeover-.*-recipients\.csv/)]));
  });
});
