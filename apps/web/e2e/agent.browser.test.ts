/// <reference lib="dom" />
// The agent journey in real Chromium: first-run setup → login → create a ticket → reply → internal
// note with @mention → status and priority → a second agent's inbox updates live → collision notice
// → switch zh-CN / en. Fails on any console error or missing i18n key.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { buildWeb, launch, missingKeys, openContext, shot, startServer, type Watched, setupOwner } from './browser.js';

async function pick(page: Page, label: string | RegExp, option: string | RegExp): Promise<void> {
  await page
    .getByLabel(label, { exact: typeof label === 'string' })
    .first()
    .click();
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
    .filter({ hasText: option })
    .first()
    .click();
}

describe('agent workspace in Chromium', { timeout: 240_000 }, () => {
  let browser: Browser;
  let env: Awaited<ReturnType<typeof startServer>>;
  let a: Watched;
  let b: Watched;

  before(async () => {
    buildWeb();
    env = await startServer();
    browser = await launch();
    a = await openContext(browser, 'en-US', env.server.url);
    b = await openContext(browser, 'zh-CN', env.server.url);
  });
  after(async () => {
    await browser?.close();
    await env?.cleanup();
  });

  test('first run: the owner creates the workspace and lands in the inbox', async () => {
    const page = a.page;
    await setupOwner(page, {
      workspace: 'Acme Support',
      name: 'Olivia Owner',
      email: 'olivia@acme.test',
      password: 'correct horse battery',
    });
    await page.getByTestId('inbox-title').getByText('My open tickets').waitFor();
    await shot(page, 'inbox-empty-en');
  });

  test('sign out and sign in again', async () => {
    const page = a.page;
    await page.getByRole('button', { name: 'User menu' }).click();
    await page.getByText('Sign out').click();
    await page.waitForURL('**/login');
    await page.getByLabel('Email').fill('olivia@acme.test');
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').getByText('Wrong email or password').waitFor();
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/inbox');
  });

  test('a second agent signs in (zh-CN browser) and watches All open', async () => {
    // The owner adds a colleague through the API the admin console uses.
    const created = await a.page.evaluate(async () => {
      const me = await (await fetch('/api/v1/auth/me')).json();
      const r = await fetch('/api/v1/users', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify({ email: 'bo@acme.test', name: 'Bo Wang', role: 'agent', password: 'another good password' }),
      });
      return r.status;
    });
    assert.equal(created, 201);
    const page = b.page;
    await page.goto('/');
    await page.waitForURL('**/login');
    await page.getByLabel('邮箱').fill('bo@acme.test');
    await page.getByLabel('密码').fill('another good password');
    await page
      .getByRole('button', { name: '登 录' })
      .or(page.getByRole('button', { name: '登录' }))
      .click();
    await page.waitForURL('**/inbox');
    await page.getByRole('menuitem', { name: /全部待处理/ }).click();
    await page.waitForURL('**/inbox/all_open');
    await page.getByText('这里没有工单').waitFor();
  });

  let ticketNumber = '';
  test('create a ticket; it appears live in the other inbox', async () => {
    const page = a.page;
    await page.getByRole('button', { name: 'New ticket' }).click();
    await page.getByLabel('Requester email').fill('li.lei@example.cn');
    await page.getByLabel('Requester name').fill('李雷');
    await page.getByLabel('Subject').fill('订单 #8812 还没有发货');
    await page.getByLabel('Description').fill('我上周下的订单到现在还没发货，请帮忙查一下。');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.waitForURL(/\/tickets\/\d+$/);
    ticketNumber = page.url().split('/').pop()!;
    await page.getByTestId('thread').getByText('我上周下的订单').waitFor();
    await b.page.getByText('订单 #8812 还没有发货').waitFor({ timeout: 5000 });
  });

  test('reply, then an internal note with an @mention', async () => {
    const page = a.page;
    await page.getByLabel(/Reply to the customer/).fill('您好，我们正在查询物流信息，稍后回复您。');
    await page.getByTestId('send').click();
    await page.getByTestId('thread').getByText('我们正在查询物流信息').waitFor();
    await page.getByText('Internal note', { exact: true }).click();
    const box = page.getByLabel(/Internal note, only agents/);
    await box.click();
    await box.pressSequentially('请 @Bo');
    await page.locator('.ant-mentions-dropdown .ant-mentions-dropdown-menu-item').filter({ hasText: 'Bo Wang' }).first().click();
    await box.pressSequentially(' 查一下仓库');
    await page.keyboard.press('Control+Enter');
    const note = page.locator('article[data-kind="note"]');
    await note.getByText('@Bo Wang').waitFor();
    await note.getByText('查一下仓库').waitFor();
    // Bo is notified.
    await b.page.getByRole('button', { name: '通知' }).locator('.ant-badge-count').waitFor({ timeout: 5000 });
  });

  test('status and priority change; the other inbox updates live', async () => {
    const page = a.page;
    await pick(page, 'Priority', 'High');
    await page.getByTestId('ticket-priority').getByText('High').waitFor();
    await pick(page, 'Status', 'Pending');
    await page.getByTestId('ticket-status').getByText('Pending').waitFor();
    // Pending leaves "All open" (new/open) in Bo's inbox without a reload.
    await b.page.getByText('订单 #8812 还没有发货').waitFor({ state: 'detached', timeout: 5000 });
    await b.page.getByRole('menuitem', { name: /等待客户/ }).click();
    const row = b.page.locator('tr', { hasText: '订单 #8812 还没有发货' });
    await row.getByText('高').waitFor();
    await shot(b.page, 'inbox-zh');
    await shot(page, 'ticket-en');
  });

  test('the side panels and dialogs of the ticket page', async () => {
    const page = a.page;
    await page.getByRole('tab', { name: 'Customer' }).click();
    await page.getByTestId('customer-panel').getByText('li.lei@example.cn').waitFor();
    await page.getByRole('tab', { name: 'History' }).click();
    await page.getByTestId('history').getByText('created the ticket').waitFor();
    await page.getByRole('tab', { name: 'SLA' }).click();
    await page.getByTestId('sla-panel').getByText('Which policy applies and why').waitFor();
    await page.getByRole('button', { name: 'More' }).click();
    await page.getByRole('menuitem', { name: 'Link a ticket' }).click();
    await page.getByRole('dialog').getByText('No linked tickets').waitFor();
    await page.getByRole('dialog').getByRole('button', { name: 'Close', exact: true }).first().click();
    await page.getByRole('tab', { name: 'Properties' }).click();
  });

  test('collision notice when another agent opens the ticket', async () => {
    await b.page.getByText('订单 #8812 还没有发货').click();
    await b.page.waitForURL(`**/tickets/${ticketNumber}`);
    await a.page.getByTestId('collision-notice').getByText('Bo Wang also has this ticket open').waitFor({ timeout: 5000 });
    await b.page
      .getByTestId('collision-notice')
      .getByText(/Olivia Owner 也打开了此工单/)
      .waitFor({ timeout: 5000 });
    await b.page.getByLabel(/回复客户/).pressSequentially('正在');
    await a.page.getByTestId('collision-notice').getByText('Bo Wang is typing a reply').waitFor({ timeout: 5000 });
    await shot(b.page, 'ticket-zh');
  });

  test('switch language zh-CN ⇄ en; the choice is kept', async () => {
    const page = a.page;
    await page.getByText('中文', { exact: true }).click();
    await page.getByRole('menuitem', { name: '工单' }).waitFor();
    await page.getByText('公开回复').first().waitFor();
    await page.reload();
    await page.getByRole('menuitem', { name: '工单' }).waitFor();
    await page.getByText('EN', { exact: true }).click();
    await page.getByRole('menuitem', { name: 'Inbox' }).waitFor();
  });

  test('no console errors and no missing translations', async () => {
    for (const w of [a, b]) {
      assert.deepEqual(await missingKeys(w.page), []);
      assert.deepEqual(w.errors, []);
    }
  });
});
