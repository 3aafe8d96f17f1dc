import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueDashboardRouter } from '../../src/http/queue-dashboard.js';
import { createLogger } from '../../src/runtime/logger.js';
import { Queues } from '../../src/runtime/queues.js';
import { SqliteBackend, Store } from '../../src/store/index.js';
import { createTestTokens, startAdminApp, TOKENS, type AdminTestServer } from '../helpers/admin-app.js';
import { launchChromium } from '../helpers/chromium.js';
import { uniquePrefix, useTestRedis } from '../helpers/redis.js';

/*
 * The queue dashboard as an admin's browser sees it (Debian's chromium through playwright-core):
 * the login form, then Bull Board's React page rendering the queues under the app's CSP. A CSP
 * that blocked the page's scripts or styles shows up as console errors and an empty page.
 */

const SCREENSHOT = path.join(os.tmpdir(), 'lokerbot-queue-dashboard-browser-test.png');
const silent = createLogger({ level: 'silent' });
const redis = useTestRedis();

describe('queue dashboard in a browser', () => {
  let store: Store;
  let queues: Queues;
  let server: AdminTestServer;
  let browser: Browser;

  beforeAll(async () => {
      store = new Store(new SqliteBackend({ file: ':memory:' }));
    await createTestTokens(store);
    queues = await Queues.connect(redis.url, silent, { prefix: uniquePrefix('qdb') });
    await queues.queue('send-telegram').add('broadcast', { kind: 'broadcast' }, { jobId: 'broadcast-brc-1-skr-1-telegram', delay: 3600_000 });
    server = await startAdminApp(silent, [['/admin/queues', queueDashboardRouter({ store, queues, logger: silent, sessionKey: Buffer.alloc(32, 3) })]]);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await queues?.close();
    await store?.close();
  });

  it('logs in with the form and renders the queues, with no CSP violation but the blocked web font', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`${message.text()} (${message.location().url})`);
    });
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`${response.status()} ${new URL(response.url()).pathname}`);
    });

    await page.goto(`${server.baseUrl}/admin/queues`);
    expect(new URL(page.url()).pathname).toBe('/admin/queues/login');
    await page.fill('#token', TOKENS.admin.secret);
    await Promise.all([page.waitForURL(`${server.baseUrl}/admin/queues/`), page.click('button[type=submit]')]);
    await page.getByText('send-telegram').first().waitFor({ timeout: 15_000 });
    for (const name of ['send-whatsapp', 'send-web', 'fanout', 'digest']) expect(await page.getByText(name).count()).toBeGreaterThan(0);
    await page.screenshot({ path: SCREENSHOT, fullPage: true });

    // The only thing the CSP may block is the Google Fonts stylesheet (the office may be offline anyway).
    const blocked = problems.filter((p) => !/fonts\.googleapis\.com/.test(p));
    expect(blocked).toEqual([]);
    const cookies = await context.cookies();
    expect(cookies.find((c) => c.name === 'lokerbot_queues')).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/admin/queues' });
    await context.close();
  });
});
