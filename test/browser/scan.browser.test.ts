import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, startTestServer, type TestServer } from './browser-harness.js';

describe('breach scoping in Chromium', () => {
  let browser: Browser;
  let server: TestServer;
  beforeAll(async () => {
    browser = await launchChromium();
    server = await startTestServer();
    const actor = { id: null, name: 'test', ip: null };
    await server.container.users.create(actor, { username: 'kojin', displayName: '個人情報 担当', role: 'privacy_officer', password: 'hogo-tantou-no-pasuwaado', mustChangePassword: false });
    // The demo: two cases, the mailbox-takeover one with the doctor's mailbox as evidence.
    await server.container.demo.loadIncidents(actor);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('scan the demo mailbox, watch progress, see the breach table, reveal as privacy officer, import the people into the case', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.url}/`);
    await page.getByLabel('ユーザー名').fill('kojin');
    await page.getByLabel('パスワード', { exact: true }).fill('hogo-tantou-no-pasuwaado');
    await page.getByRole('button', { name: 'ログイン' }).click();
    await page.getByRole('link', { name: 'インシデント' }).click();
    await page.getByRole('link', { name: '医師のメールアカウント乗っ取りと不審メールの送信' }).click();
    await page.getByRole('tab', { name: '影響範囲調査' }).click();

    await expect.poll(() => page.getByLabel('調査対象の証拠ファイル').inputValue()).not.toBe('');
    expect(await page.getByLabel('調査対象の証拠ファイル').textContent()).toContain('doctor-mailbox.mbox');
    // Hold the worker so the queued state is observable whatever the machine's speed.
    await server.container.worker.stop();
    await page.getByRole('button', { name: '調査を開始' }).click();

    // Progress is shown until the job finishes, then the breach table replaces it.
    const card = page.getByTestId('scan').first();
    await card.getByTestId('scan-state').waitFor();
    expect(await card.getAttribute('data-state')).toBe('queued');
    expect(await card.getByTestId('scan-progress').count()).toBe(1);
    await server.container.worker.start();
    const states = new Set<string>();
    for (let i = 0; i < 60; i += 1) {
      const state = (await card.getAttribute('data-state')) ?? '';
      states.add(state);
      if (state === 'succeeded') break;
      expect(await card.getByTestId('scan-progress').count()).toBe(1);
      await page.waitForTimeout(250);
    }
    expect(states.has('succeeded')).toBe(true);
    expect([...states].some((s) => s === 'queued' || s === 'running')).toBe(true);

    const table = card.getByTestId('breach-table');
    await table.waitFor();
    const text = (await table.textContent()) ?? '';
    expect(text).toContain('本文にのみ個人情報が含まれるメール');
    expect(text).toContain('添付ファイルに個人情報が含まれるメール');
    expect(text).toMatch(/└ 検査結果のリスト/);
    expect(await card.getByTestId('scan-distinct').textContent()).toMatch(/重複を除いた対象人数: [\d,]+人/);

    // Masked by default; the privacy officer may reveal (an audited read).
    await card.getByRole('button', { name: '対象者（マスク表示）' }).click();
    const firstName = card.getByTestId('scan-persons').locator('tbody tr td').first();
    await firstName.waitFor();
    expect(await firstName.textContent()).toMatch(/＊/);
    await card.getByRole('button', { name: 'マスクを外して表示（記録されます）' }).click();
    await expect.poll(async () => (await card.getByTestId('scan-persons').locator('tbody tr td').first().textContent()) ?? '').not.toMatch(/＊/);

    await card.getByRole('button', { name: '対象者台帳に取り込む' }).click();
    const status = await card.getByTestId('scan-imported').textContent();
    const created = Number(/新規 (\d+) 人/.exec(status ?? '')?.[1] ?? 0);
    expect(created).toBeGreaterThan(50);

    await page.getByRole('tab', { name: '対象者・通知' }).click();
    await page.getByText(`(${created.toLocaleString('ja-JP')})`).waitFor();

    const audit = await server.container.audit.page({ limit: 200 });
    expect(audit.map((r) => r.action)).toEqual(expect.arrayContaining(['case.scan_start', 'case.scan_persons_read', 'case.scan_persons_reveal', 'case.scan_import']));
    await page.close();
  }, 120_000);
});
