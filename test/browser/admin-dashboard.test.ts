import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { WebInbox } from '../../src/channels/web/web-inbox.js';
import { ARTIFACTS, useServiceAndBrowser, watchedPhonePage, webUserIdOf } from '../helpers/browser-service.js';
import { FUTURE_DEADLINE } from '../fixtures/domain.js';
import { ChatClient } from '../helpers/chat-client.js';
import { useTestRedis } from '../helpers/redis.js';
import { waitForAsync } from '../helpers/wait.js';

/*
 * The admin dashboard as the office uses it, on a phone-sized screen: the whole service in this
 * process (SQLite in a temp DATA_DIR, this file's own redis-server, ROLE=all so the alert workers
 * run), driven by Debian's chromium through playwright-core. A job seeker on the web chat (driven
 * over its API) subscribes to forklift jobs; the office logs in, posts a forklift vacancy, is warned
 * about "usia maksimal 25 tahun", fixes it and opens it; the seeker's alert arrives; they apply; the
 * office invites them to an interview and the news arrives; a broadcast goes out and its progress
 * is watched; the statistics page draws its charts. A posting that asks for money waits on the
 * Review page, where staff read the reasons and decide. Screenshots go to test-artifacts/ (git-ignored).
 */

const ADMIN_TOKEN = 'dashboard-test-admin-token-0123456789';
const STEP_MS = 15_000;

/** The page's globals the checks run in the page use (the test project has no DOM lib). */
interface PageGlobals {
  readonly innerWidth: number;
  readonly document: { readonly documentElement: { readonly scrollWidth: number }; querySelectorAll(selector: string): { readonly length: number } };
}

const redis = useTestRedis();
const running = useServiceAndBrowser(redis, { vacancies: 20, env: { ADMIN_TOKEN, OUTBOX_POLL_MS: '200' } });

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS, `admin-${name}.png`), fullPage: true });
}

/** The seeker's web inbox: what the service pushed to them while no page was open. */
async function waitForPushed(userId: string, match: RegExp): Promise<string> {
  const inbox = new WebInbox(running().chat.service.redis);
  const found = await waitForAsync(async () => (await inbox.pending(userId)).find((entry) => match.test(entry.message.text)), `a pushed message matching ${match}`, 20_000, 100);
  return found.message.text;
}

/** Runs a test's steps on an opened page, then closes it: no page error may have occurred, and a failure leaves a screenshot. */
async function closedAfter(opened: { context: BrowserContext; page: Page; problems: string[] }, failureShot: string, steps: () => Promise<void>): Promise<void> {
  try {
    await steps();
    expect(opened.problems).toEqual([]);
  } catch (error) {
    await shot(opened.page, failureShot);
    throw error;
  } finally {
    await opened.context.close();
  }
}

/** A phone-sized dashboard page logged in with the admin token, collecting the page's errors. */
async function staffPage(b: Browser): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await b.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, locale: 'id-ID' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(`${running().chat.baseUrl}/admin/`);
  await page.fill('#token', ADMIN_TOKEN);
  await page.click('button[type=submit]');
  return { context, page, problems };
}

describe('the admin dashboard', () => {
  it('logs in, posts a vacancy, is warned, fixes and opens it, follows the applicant and a broadcast, and shows the statistics', { timeout: 240_000 }, async () => {
    const { chat, browser } = running();
    const { store } = chat.service;

    // A job seeker on the web chat, subscribed to forklift jobs.
    const person = new ChatClient(chat.baseUrl);
    await person.register({ name: 'Rudi Hartono' });
    for (const answer of ['langganan', 'new', 'operator forklift', 'lewati', 'lewati', 'instant', 'none']) await person.say(answer);
    const userId = await webUserIdOf(chat.baseUrl, person);

    // Asked for on purpose: opening with discriminating wording (422), and WhatsApp's state where WhatsApp is off (404).
    const opened = await watchedPhonePage(browser, (status, url) => (status === 422 && url.endsWith('/open')) || (status === 404 && url.endsWith('/whatsapp/status')));
    const { context, page } = opened;
    await closedAfter(opened, 'failure', async () => {
      // Log in: the token is exchanged for an HttpOnly, SameSite=Strict cookie.
      await page.goto(`${chat.baseUrl}/admin/`);
      expect(new URL(page.url()).pathname).toBe('/admin/login');
      await page.fill('#token', ADMIN_TOKEN);
      await page.click('button[type=submit]');
      await page.locator('#nav a', { hasText: 'Lowongan' }).waitFor({ timeout: STEP_MS });
      const cookie = (await context.cookies()).find((c) => c.name === 'lokerbot_admin');
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
      await page.locator('table[data-testid=vacancies]').waitFor({ timeout: STEP_MS });
      // Phone-sized: nothing wider than the screen.
      expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).document.documentElement.scrollWidth <= (globalThis as unknown as PageGlobals).innerWidth + 1)).toBe(true);
      await shot(page, '1-vacancies');

      // A new vacancy; the linter warns while it is typed.
      await page.getByRole('button', { name: 'Lowongan baru' }).click();
      await page.fill('input[name=title]', 'Operator Forklift Gudang');
      await page.fill('input[name=companyName]', 'PT Gudang Maju Cibitung');
      await page.fill('input[name=companyId]', 'cmp-gudang-maju');
      await page.fill('input[name=kecamatan]', 'Cibitung');
      await page.fill('input[name=estate]', 'MM2100');
      await page.fill('input[name=requiredSkills]', 'operator forklift');
      await page.fill('input[name=salaryMin]', '5300000');
      await page.fill('input[name=deadline]', FUTURE_DEADLINE.slice(0, 10));
      await page.fill('textarea[name=requirements]', 'Pria/Wanita, usia maksimal 25 tahun, memiliki SIO forklift');
      const lint = page.locator('[data-testid=lint] [data-testid=warnings]');
      await lint.getByText('usia maksimal 25 tahun').waitFor({ timeout: STEP_MS });
      expect(await lint.innerText()).toContain('Batas usia');
      await page.click('button[name=save]');
      await page.getByText('Tersimpan (Draf).').waitFor({ timeout: STEP_MS });
      await shot(page, '2-warned');

      // Opening it as written is refused; fixed, it opens (through the outbox).
      await page.click('button[name=open]');
      await page.getByText('Ada kata yang diskriminatif').waitFor({ timeout: STEP_MS });
      await page.fill('textarea[name=requirements]', 'Pria/Wanita, memiliki SIO forklift');
      await page.locator('[data-testid=lint] [data-testid=no-warnings]').waitFor({ timeout: STEP_MS });
      await page.click('button[name=save]');
      await page.click('button[name=open]');
      await page.getByText('Lowongan dibuka').waitFor({ timeout: STEP_MS });
      const vacancy = (await store.vacancies.find({ 'company.id': 'cmp-gudang-maju' }))[0];
      expect(vacancy).toMatchObject({ status: 'open', requirements: 'Pria/Wanita, memiliki SIO forklift', kecamatan: 'Cibitung' });

      // The web chat subscriber gets the alert; they apply from it.
      const alert = await waitForPushed(userId, /Operator Forklift Gudang/);
      expect(alert).toMatch(/^🔔 Lowongan baru/);
      expect((await person.say(`alert:apply:${vacancy?.id ?? ''}`))[0]).toMatch(/^Sebelum dikirim/);
      expect((await person.say('send'))[0]).toMatch(/terkirim/);

      // The office opens the applicants and invites Rudi to an interview; the news reaches him.
      await page.reload();
      const row = page.locator(`tr[data-id="${vacancy?.id ?? ''}"]`);
      await row.getByRole('button', { name: 'Pelamar' }).click();
      const applicants = page.locator('[data-testid=applicants]');
      await applicants.getByText('Rudi Hartono').waitFor({ timeout: STEP_MS });
      await applicants.locator('input[name=note]').fill('Senin 09.00 di kantor HRD, gerbang 2');
      await applicants.locator('button[name=interview]').click();
      await applicants.getByText('pelamar diberi tahu').waitFor({ timeout: STEP_MS });
      expect(await applicants.locator('[data-testid=application-status]').innerText()).toBe('Wawancara');
      await shot(page, '3-applicants');
      const news = await waitForPushed(userId, /Kabar lamaran/);
      expect(news).toContain('Status: Dipanggil wawancara');
      expect(news).toContain('Catatan: Senin 09.00 di kantor HRD, gerbang 2');

      // A broadcast to the web chat, its reach previewed and its progress followed to the end.
      await page.click('#nav a[data-view=broadcasts]');
      await page.fill('input[name=title]', 'Job Fair Cibitung');
      await page.fill('textarea[name=bodyId]', 'Sabtu 09.00 di GOR Cibitung, bawa CV.');
      await page.check('input[name=channel-web]');
      await page.getByText(/Menjangkau 1 pencari kerja/).waitFor({ timeout: STEP_MS });
      await page.click('button[name=send]');
      const progress = page.locator('[data-testid=progress]');
      await progress.locator('[data-testid=broadcast-status]', { hasText: 'Selesai' }).waitFor({ timeout: 30_000 });
      expect(await progress.locator('[data-count=sent] b').innerText()).toBe('1');
      await shot(page, '4-broadcast');
      expect(await waitForPushed(userId, /Job Fair Cibitung/)).toContain('Sabtu 09.00 di GOR Cibitung');

      // The statistics page draws its five charts (seekers by job search status among them) from the app's own Chart.js.
      await page.click('#nav a[data-view=statistics]');
      await page.locator('canvas#localShare').waitFor({ timeout: STEP_MS });
      await page.locator('canvas#seekersByJobSearch').waitFor({ timeout: STEP_MS });
      await page.waitForFunction(() => (globalThis as unknown as PageGlobals).document.querySelectorAll('canvas').length === 5, undefined, { timeout: STEP_MS });
      expect(await page.locator('[data-testid=local-share]').innerText()).toMatch(/0 \/ 3000/);
      await shot(page, '5-statistics');

      // English, and the admin's pages: tokens and the audit log, WhatsApp and the queues.
      await page.click('#lang');
      await page.click('#nav a[data-view=tokens]');
      await page.locator('table[data-testid=audit]').getByText('vacancy.open').first().waitFor({ timeout: STEP_MS });
      await page.click('#nav a[data-view=whatsapp]');
      expect(await page.locator('[data-testid=whatsapp-state]').innerText()).toMatch(/not on/);
      await shot(page, '6-whatsapp-en');
      // Its link leads to the queue dashboard's own login, not the dashboard's (mounted before /admin).
      await page.click('a[href="/admin/queues/"]');
      await page.getByRole('heading', { name: 'LokerBot queues' }).waitFor({ timeout: STEP_MS });
    });

    // Rudi opens the chat page again (his session's cookie, a returning browser): the alert, the
    // interview invitation and the announcement kept for him are shown there.
    const seekerContext = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, locale: 'id-ID' });
    try {
      await seekerContext.addCookies([{ name: 'lokerbot_session', value: person.token ?? '', url: chat.baseUrl, httpOnly: true, sameSite: 'Lax' }]);
      await seekerContext.addInitScript(() => (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }).localStorage.setItem('lokerbot.started', '1'));
      const chatPage = await seekerContext.newPage();
      await chatPage.goto(`${chat.baseUrl}/chat`);
      for (const text of ['Operator Forklift Gudang', 'Kabar lamaran', 'Job Fair Cibitung']) await chatPage.locator('.msg.bot', { hasText: text }).first().waitFor({ timeout: STEP_MS });
      await chatPage.screenshot({ path: path.join(ARTIFACTS, 'admin-7-seeker-chat.png'), fullPage: true });
    } finally {
      await seekerContext.close();
    }
  });

  it('holds postings that ask for money for review: staff read the reasons on the Review page, reject one and open the other', { timeout: 120_000 }, async () => {
    const { chat, browser } = running();
    const { store } = chat.service;
    const post = async (title: string) => {
      const body = {
        title,
        company: { name: 'PT Mitra Jaya Elektrindo' },
        description: 'Penempatan kawasan MM2100. Biaya administrasi Rp 350.000 transfer ke rek BRI a.n. Dedi, besok langsung kerja.',
        kecamatan: 'Cikarang Barat',
        status: 'open',
      };
      const response = await fetch(`${chat.baseUrl}/api/admin/vacancies`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(response.status).toBe(201);
      return ((await response.json()) as { vacancy: { id: string; status: string } }).vacancy;
    };
    const scam = await post('Operator Produksi MM2100 (penipuan)');
    const fixedLater = await post('Operator Produksi MM2100 (sudah diperbaiki)');
    expect([scam.status, fixedLater.status]).toEqual(['draft', 'draft']);

    const opened = await staffPage(browser);
    const { page } = opened;
    await closedAfter(opened, 'review-failure', async () => {
      await page.click('#nav a[data-view=review]');
      const card = (id: string) => page.locator(`[data-testid=review] section[data-id="${id}"]`);
      await card(scam.id).waitFor({ timeout: STEP_MS });
      expect(await card(scam.id).locator('[data-testid=reasons] li[data-code=fee-request]').innerText()).toMatch(/Meminta uang dari pelamar: .*biaya/);
      await shot(page, '8-review');

      await card(scam.id).locator('input[name=review-note]').fill('Meminta biaya administrasi ke rekening pribadi');
      await card(scam.id).getByRole('button', { name: 'Tolak' }).click();
      await card(scam.id).waitFor({ state: 'detached', timeout: STEP_MS });
      await card(fixedLater.id).getByRole('button', { name: 'Setujui dan buka' }).click();
      await page.getByText('Tidak ada lowongan yang menunggu tinjauan.').waitFor({ timeout: STEP_MS });
      expect(await store.vacancies.require(scam.id)).toMatchObject({ status: 'closed', review: { state: 'rejected', note: 'Meminta biaya administrasi ke rekening pribadi' } });
      expect(await store.vacancies.require(fixedLater.id)).toMatchObject({ status: 'open', review: { state: 'approved' } });
    });
  });
  it('works a report from the chat on the Reports page: reads the attached chat, closes the vacancy, and the reporter is told', { timeout: 120_000 }, async () => {
    const { chat, browser } = running();
    const { store } = chat.service;
    // A seeker on the web chat opens a vacancy from their search and reports that it asked for money, with the chat attached.
    const person = new ChatClient(chat.baseUrl);
    await person.register({ name: 'Wati Susanti' });
    await person.say('cari');
    const detail = await person.say('1');
    expect(detail.at(-1)).toContain('Melamar tidak dipungut biaya.');
    expect((await person.say('report')).at(-1)).toBe('Laporkan lowongan ini ke petugas Disnaker. Apa masalahnya?');
    await person.say('1');
    await person.say('Diminta transfer Rp 300.000 untuk seragam sebelum tes');
    expect((await person.say('ya')).at(-1)).toMatch(/^Terima kasih, laporan Anda sudah kami terima \(nomor rpt-/);
    const userId = await webUserIdOf(chat.baseUrl, person);
    const [report] = await store.reports.listByReporter({ channel: 'web', userId });
    if (!report) throw new Error('no report stored');

    const opened = await staffPage(browser);
    const { page } = opened;
    await closedAfter(opened, 'report-failure', async () => {
      await page.click('#nav a[data-view=reports]');
      const row = page.locator(`[data-testid=reports] tr[data-id="${report.id}"]`);
      await row.waitFor({ timeout: STEP_MS });
      expect(await row.innerText()).toContain('Diminta membayar uang');
      await row.getByRole('button', { name: 'Buka' }).click();
      const card = page.locator(`[data-testid=report-detail] section[data-id="${report.id}"]`);
      await card.waitFor({ timeout: STEP_MS });
      expect(await card.innerText()).toContain('Diminta transfer Rp 300.000 untuk seragam sebelum tes');
      expect(await card.locator('[data-testid=transcript]').innerText()).toContain('Melamar tidak dipungut biaya.');
      await shot(page, '9-report');

      await card.locator('select[name=outcome]').selectOption('vacancy-closed');
      await card.locator('input[name=report-note]').fill('Perusahaan sudah kami tegur; lowongan ditutup.');
      await card.getByRole('button', { name: 'Selesaikan dan beri tahu pelapor' }).click();
      await page.locator(`[data-testid=report-detail] [data-testid=resolution]`).waitFor({ timeout: STEP_MS });
      expect(await store.reports.require(report.id)).toMatchObject({ status: 'resolved', resolution: { outcome: 'vacancy-closed', note: 'Perusahaan sudah kami tegur; lowongan ditutup.' } });
      expect((await store.vacancies.require(report.vacancyId)).status).toBe('closed');
      const told = await waitForPushed(userId, /Hasil laporan Anda/);
      expect(told).toContain('Petugas Disnaker sudah memeriksa laporan Anda dan menutup lowongan ini.');
      expect(told).toContain('Catatan petugas: Perusahaan sudah kami tegur; lowongan ditutup.');
      // In English the page says the same in English.
      await page.click('#lang');
      await page.getByRole('heading', { name: 'Reports of fees and scams' }).waitFor({ timeout: STEP_MS });
    });
  });
});
