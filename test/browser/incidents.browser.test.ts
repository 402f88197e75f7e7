import { createHash } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakePeopleCsv } from '../support/fake-people.js';
import { launchChromium, startTestServer, type TestServer } from './browser-harness.js';

describe('incident case in Chromium', () => {
  let browser: Browser;
  let server: TestServer;
  beforeAll(async () => {
    browser = await launchChromium();
    server = await startTestServer();
    await server.container.users.create(
      { id: null, name: 'test', ip: null },
      { username: 'taiou', displayName: '対応 次郎', role: 'responder', password: 'kinkyuu-hannou-pasu', mustChangePassword: false },
    );
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the issue walk: case → 経緯 → 10,000 patients → PPC deadlines → 第1報 → 130,000 → 第2報（更新） → 200 people → 郵送 → 3 unreachable → 代替措置', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.url}/`);
    await page.getByLabel('ユーザー名').fill('taiou');
    await page.getByLabel('パスワード', { exact: true }).fill('kinkyuu-hannou-pasu');
    await page.getByRole('button', { name: 'ログイン' }).click();
    await page.getByRole('link', { name: 'インシデント' }).click();

    await page.getByLabel('件名').fill('電子カルテ系サーバーのランサムウェア感染');
    await page.getByLabel('種別').selectOption('ransomware');
    await page.getByLabel('発覚日時（JST）').fill('2026-11-20T01:30');
    await page.getByRole('button', { name: '新規インシデント' }).click();
    await page.getByRole('heading', { name: /電子カルテ系サーバーのランサムウェア感染/ }).waitFor();

    await page.getByRole('tab', { name: '経緯' }).click();
    await page.getByLabel('日付', { exact: true }).fill('2026-11-20');
    await page.getByLabel('時刻', { exact: true }).fill('01:30');
    await page.getByLabel('内容').fill('病棟端末で画面にランサムノートが表示された');
    await page.getByLabel('公表別表に掲載').check();
    await page.getByRole('button', { name: '追加' }).click();
    await page.getByRole('cell', { name: '病棟端末で画面にランサムノートが表示された' }).waitFor();

    await page.getByLabel('CSV取込', { exact: true }).fill('日付,時刻,内容\n2026-11-31,,ありえない日付\n');
    await page.getByRole('button', { name: 'CSV取込', exact: true }).click();
    await page.getByTestId('row-errors').getByText('2行目: 日付「2026-11-31」は存在しない日付か形式が不正です').waitFor();

    await page.getByRole('tab', { name: '影響範囲', exact: true }).click();
    await page.getByLabel('人数').fill('10000');
    await page.getByLabel('病名・病歴').check();
    await page.getByLabel('氏名').check();
    await page.getByLabel('不正の目的のおそれ').check();
    await page.getByRole('button', { name: '追加' }).click();
    await page.getByTestId('assessment').getByText('報告対象').first().waitFor();
    expect(await page.getByTestId('assessment').textContent()).toContain('1号: 要配慮個人情報が含まれる');

    await page.getByRole('tab', { name: '報告' }).click();
    await page.getByTestId('due-ppc_sokuho').waitFor();
    expect(await page.getByTestId('due-ppc_sokuho').textContent()).toBe('2026-11-24');
    expect(await page.getByTestId('due-ppc_kakuho').textContent()).toBe('2027-01-18');

    // 第1報 from the facts as they are now.
    await page.getByRole('tab', { name: '公表' }).click();
    await page.getByRole('button', { name: '第1報を作成' }).click();
    await page.getByLabel('4. 侵入経路及び原因').fill('医療機器保守用VPN装置を経由した侵入と考えられます。');
    await page.getByRole('button', { name: '公開する（確定）' }).click();
    await page.getByTestId('notice-1').getByText('公開', { exact: false }).first().waitFor();

    // The count grows: edit the exposure; the assessment is redone and history kept.
    await page.getByRole('tab', { name: '影響範囲', exact: true }).click();
    await page.getByRole('button', { name: '編集' }).click();
    await page.getByLabel('人数').fill('130000');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByTestId('exposure-patient').getByText('約130,000人').waitFor();
    await page.getByTestId('assessment').getByText('10,000人 → 130,000人', { exact: false }).first().waitFor({ state: 'attached' });

    // 第2報: only the section whose facts changed says （更新）.
    await page.getByRole('tab', { name: '公表' }).click();
    await page.getByRole('button', { name: '第2報を作成' }).click();
    await page.getByRole('button', { name: '公開する（確定）' }).click();
    await page.getByTestId('notice-2').getByRole('heading', { name: '2. 漏洩した個人情報（更新）' }).waitFor();
    expect(await page.getByTestId('notice-2').getByRole('heading', { name: /（更新）/ }).count()).toBe(1);

    // 200 affected people from CSV → 郵送 campaign → 3 unreachable → 代替措置.
    await page.getByRole('tab', { name: '対象者・通知' }).click();
    await page.getByLabel('対象者CSV').fill(fakePeopleCsv(200));
    await page.getByRole('button', { name: '取り込む', exact: true }).click();
    await page.getByTestId('import-result').getByText('新規 200').waitFor();
    await page.getByLabel('名称').fill('第1回 郵送通知');
    await page.getByLabel('方法').selectOption('post');
    await page.getByRole('button', { name: '通知を作成' }).click();
    await page.getByRole('button', { name: '第1回 郵送通知（郵送）' }).click();
    const boxes = page.getByRole('checkbox', { name: /^選択: / });
    await boxes.first().waitFor();
    for (let i = 0; i < 3; i += 1) await boxes.nth(i).check();
    await page.getByRole('button', { name: '→ 連絡不能' }).click();
    await page.getByTestId('alternative-needed').waitFor();
    expect(await page.getByTestId('unreachable-count').textContent()).toBe('3');
    await page.getByLabel('代替措置').selectOption('public_notice');
    await page.getByLabel('内容').fill('当院ウェブサイトに第2報を掲載');
    await page.getByRole('button', { name: '代替措置を記録' }).click();
    await page.getByText('公表: 当院ウェブサイトに第2報を掲載（3名）').waitFor();

    // Playbook tasks in BCP order, and an evidence file hashed on upload.
    await page.getByRole('tab', { name: 'タスク' }).click();
    expect(await page.locator('[data-testid^="task-"]').first().textContent()).toContain('バックアップに通ずるネットワークを遮断する');
    await page.getByRole('tab', { name: '証拠' }).click();
    await page.getByLabel('証拠ファイル').setInputFiles({ name: 'ransom-note.txt', mimeType: 'text/plain', buffer: Buffer.from('YOUR FILES ARE ENCRYPTED (fictional)') });
    await page.getByLabel('説明').fill('脅迫文の画面');
    await page.getByRole('button', { name: '登録' }).click();
    await page.getByTestId('evidence-item').getByText(createHash('sha256').update('YOUR FILES ARE ENCRYPTED (fictional)').digest('hex')).first().waitFor();

    await page.getByRole('link', { name: 'インシデント' }).click();
    await page.getByRole('link', { name: '電子カルテ系サーバーのランサムウェア感染' }).waitFor();
    await page.close();
  });
});
