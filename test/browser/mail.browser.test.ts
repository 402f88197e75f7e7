import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MailGenerator, type InboundLabel } from '../../src/services/mail/mail-generator.js';
import { launchChromium, startTestServer, type TestServer } from './browser-harness.js';

describe('mail threats in Chromium', () => {
  let browser: Browser;
  let server: TestServer;
  let dir: string;
  const labels: InboundLabel[] = [];
  beforeAll(async () => {
    browser = await launchChromium();
    server = await startTestServer({ MAMORI_MAIL_DOMAINS: 'mihon-hospital.example.jp' });
    const actor = { id: null, name: 'test', ip: null };
    await server.container.users.create(actor, { username: 'taiou', displayName: '対応 担当', role: 'responder', password: 'mail-kanri-no-nagai-aikotoba', mustChangePassword: false });
    await server.container.demo.loadIncidents(actor);
    // A folder of .eml files as the mail server would deliver them, plus the hospital's own history.
    const gen = new MailGenerator({ seed: 8, staff: 30, threads: 60, inbound: 25, attackShare: 0.5 });
    dir = mkdtempSync(path.join(tmpdir(), 'mamori-mail-ui-'));
    writeFileSync(path.join(dir, 'staff.csv'), gen.staffCsv());
    writeFileSync(path.join(dir, 'history.mbox'), [...gen.history()].join(''));
    let i = 0;
    for await (const m of gen.inbound()) {
      labels.push(m.label);
      i += 1;
      writeFileSync(path.join(dir, `inbox-${String(i).padStart(3, '0')}.eml`), m.mbox.slice(m.mbox.indexOf('\n') + 1));
    }
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('analyse a folder, open a 危険 message as text, escalate it; import the demo mailbox correspondents into a campaign', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${server.url}/`);
    await page.getByLabel('ユーザー名').fill('taiou');
    await page.getByLabel('パスワード', { exact: true }).fill('mail-kanri-no-nagai-aikotoba');
    await page.getByRole('button', { name: 'ログイン' }).click();
    await page.getByRole('link', { name: 'メール', exact: true }).click();

    await page.getByLabel('職員名簿CSV').setInputFiles(path.join(dir, 'staff.csv'));
    await page.getByRole('button', { name: '名簿を登録', exact: true }).click();
    await expect.poll(async () => (await page.getByTestId('mail-settings').textContent()) ?? '').toContain('職員 30人');
    await page.getByLabel('自院の送受信メール').setInputFiles(path.join(dir, 'history.mbox'));
    await page.getByRole('button', { name: '学習する', exact: true }).click();
    await expect.poll(async () => (await page.getByTestId('mail-status').textContent()) ?? '').toMatch(/\d+通を学習しました/);

    const emls = readdirSync(dir).filter((f) => f.endsWith('.eml')).map((f) => path.join(dir, f));
    await page.getByLabel('判定するメール').setInputFiles(emls);
    await page.getByRole('button', { name: '判定する', exact: true }).first().click();
    await expect.poll(async () => (await page.getByTestId('mail-status').textContent()) ?? '', { timeout: 30_000 }).toContain(`${emls.length}通を判定しました`);

    // Only the dangerous ones.
    await page.getByLabel('判定', { exact: true }).selectOption('危険');
    const rows = page.getByTestId('mail-list').locator('tbody tr');
    await expect.poll(() => rows.count()).toBeGreaterThan(3);
    expect(await page.getByTestId('mail-list').locator('tbody tr:not([data-verdict="危険"])').count()).toBe(0);

    // Open one: reasons, headers and the body as plain text (nothing rendered as HTML).
    const hijacked = page.getByTestId('mail-list').locator('tbody tr', { hasText: '返信の乗っ取り' }).first();
    await hijacked.getByRole('button').click();
    const detail = page.getByTestId('mail-detail');
    await detail.waitFor();
    expect(await detail.getByTestId('mail-reasons').locator('li[data-code="reply_hijack"], li[data-code="quoted_text_copied"]').count()).toBeGreaterThan(0);
    expect(await detail.locator('th', { hasText: 'from' }).count()).toBeGreaterThan(0);
    expect(await detail.getByTestId('mail-text').locator('*').count()).toBe(0);

    // Escalate: the new case opens with the message and its indicators as evidence.
    await detail.getByRole('button', { name: 'インシデントとして登録' }).click();
    await page.getByRole('heading', { name: /なりすまし・不審メールの受信/ }).waitFor();
    await page.getByRole('tab', { name: '証拠' }).click();
    await expect.poll(() => page.getByTestId('evidence-item').count()).toBe(2);
    expect(await page.getByTestId('evidence-item').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('indicators.csv'), expect.stringMatching(/mail-.*\.eml/)]));

    // The demo mailbox-takeover case: its correspondents become the register, then an e-mail campaign.
    await page.getByRole('link', { name: 'インシデント' }).click();
    await page.getByRole('link', { name: '医師のメールアカウント乗っ取りと不審メールの送信' }).click();
    await page.getByRole('tab', { name: '対象者・通知' }).click();
    await expect.poll(() => page.getByLabel('メールボックス', { exact: true }).inputValue()).not.toBe('');
    await page.getByRole('button', { name: '送受信先を取り込む' }).click();
    const result = page.getByTestId('correspondents-result');
    await result.waitFor();
    const m = /院外アドレス (\d+)件、新規登録 (\d+)件/.exec((await result.textContent()) ?? '');
    expect(Number(m?.[1])).toBeGreaterThan(10);
    expect(Number(m?.[2])).toBe(Number(m?.[1]));
    await page.getByLabel('名称').fill('取引先へのお詫びとご注意のお願い');
    await page.getByLabel('方法').selectOption('email');
    await page.getByRole('button', { name: '通知を作成' }).click();
    const campaign = page.getByRole('button', { name: /取引先へのお詫びとご注意のお願い（メール）/ });
    await campaign.waitFor();
    expect(await page.locator('li', { has: campaign }).textContent()).toMatch(/\d+/);
    await page.close();
  }, 120_000);
});
