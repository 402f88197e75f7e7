import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EhrGenerator } from '../../src/services/ehr/ehr-generator.js';
import { launchChromium, startTestServer, type TestServer } from './browser-harness.js';

describe('EHR audit in Chromium', () => {
  let browser: Browser;
  let server: TestServer;
  let dir: string;
  let labels: EhrGenerator['labels'];
  beforeAll(async () => {
    browser = await launchChromium();
    server = await startTestServer();
    const actor = { id: null, name: 'test', ip: null };
    await server.container.users.create(actor, { username: 'kojin', displayName: '個人情報 担当', role: 'privacy_officer', password: 'hogo-tantou-no-pasuwaado', mustChangePassword: false });
    const gen = new EhrGenerator({ staff: 100, patients: 1000, days: 6, seed: 31 }).generate();
    labels = gen.labels;
    dir = mkdtempSync(path.join(tmpdir(), 'mamori-ehr-ui-'));
    for (const [name, text] of gen.files()) writeFileSync(path.join(dir, name), name === 'access_log.csv' ? `${text}BAD1,2026-10-02 10:00,U0001,P1,view,chart,,,,\n` : text);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('import the export from the browser, run the audit, review an alert, escalate one into an incident, look up who viewed a patient', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${server.url}/`);
    await page.getByLabel('ユーザー名').fill('kojin');
    await page.getByLabel('パスワード', { exact: true }).fill('hogo-tantou-no-pasuwaado');
    await page.getByRole('button', { name: 'ログイン' }).click();
    await page.getByRole('link', { name: '電子カルテ監査' }).click();

    // Import the export's files: a background job, progress, then the result with the malformed row named.
    const files = readdirSync(dir).filter((f) => f.endsWith('.csv'));
    await page.getByLabel('取り込むファイル（複数選択）').setInputFiles(files.map((f) => path.join(dir, f)));
    await page.getByRole('button', { name: 'アップロードして取り込む' }).click();
    await page.getByTestId('ehr-import-result').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('ehr-import-current').textContent()).toContain('取り込み完了');
    expect(await page.getByTestId('ehr-import-result').textContent()).toMatch(/不正な行 1件/);
    expect(await page.getByTestId('ehr-import-rejects').textContent()).toContain('at はISO 8601');

    await page.getByRole('button', { name: '監査を実行' }).click();
    await page.getByTestId('ehr-summary').waitFor();
    expect(await page.getByTestId('ehr-summary').textContent()).toMatch(/検知 \d+件/);
    const rows = page.getByTestId('ehr-alerts').locator('tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThan(5);

    // Mark the first alert 調査中: it leaves the 未確認 filter.
    const before = await rows.count();
    await rows.first().getByRole('button', { name: '調査中' }).click();
    await expect.poll(() => rows.count()).toBe(before - 1);

    // Open the deleted controlled prescription: its cited accesses, mark it 不適切, then escalate it — the incident page opens.
    await page.getByTestId('ehr-alerts').locator('tr[data-rule="controlled_rx_deleted"]').first().locator('td').nth(5).getByRole('button').click();
    const detail = page.getByTestId('ehr-alert-detail');
    await detail.waitFor();
    expect(await page.getByTestId('ehr-alert-accesses').textContent()).toContain('delete/prescription');
    await detail.getByRole('button', { name: '不適切にする' }).click();
    await expect.poll(() => page.getByTestId('ehr-alert-state').textContent()).toBe('不適切');
    // The monthly report of that month, as the page links it.
    const report = await page.request.get(`${server.url}/api/ehr/reports/2026-10?format=html`);
    expect(report.status()).toBe(200);
    expect(await report.text()).toContain('アクセスログ監査報告');
    await detail.getByRole('button', { name: '不適切としてインシデント登録' }).click();
    await page.getByRole('heading', { name: /電子カルテの不適切な閲覧・操作の疑い/ }).waitFor();
    await page.getByRole('tab', { name: '証拠' }).click();
    await page.getByTestId('evidence-item').first().waitFor();
    expect(await page.getByTestId('evidence-item').first().textContent()).toContain('ehr-alert-');

    // A patient's access record.
    const self = labels.find((l) => l.scenario === 'self_access');
    await page.getByRole('link', { name: '電子カルテ監査' }).click();
    await page.getByLabel('患者ID').fill(self?.patient_id ?? '');
    await page.getByRole('button', { name: '表示', exact: true }).click();
    await page.getByTestId('ehr-accesses').waitFor();
    expect(await page.getByTestId('ehr-accesses').textContent()).toContain('［本人］');

    // The hijacked session, replayed: its owner's login, then the prescription created and deleted.
    const hijack = labels.find((l) => l.scenario === 'idle_session_self_rx_delete');
    await page.getByLabel('職員ID').fill(hijack?.user_id ?? '');
    await page.getByRole('button', { name: '操作履歴を表示' }).click();
    await page.getByTestId('ehr-accesses-title').getByText(`職員ID ${hijack?.user_id ?? ''}`).waitFor();
    const sessionButton = page.getByTestId('ehr-accesses').locator('tr', { hasText: 'delete/prescription' }).first().getByRole('button');
    await sessionButton.click();
    await page.getByTestId('ehr-accesses-title').getByText(/^セッション /).waitFor();
    const replayText = (await page.getByTestId('ehr-accesses').textContent()) ?? '';
    expect(replayText).toContain('login/other');
    expect(replayText).toContain('create/prescription');
    await page.close();
  }, 120_000);
});
