import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChatService, type ChatService } from '../helpers/chat-service.js';
import { WebPushHub, webPushSender } from '../../src/channels/web/web-push.js';
import { createLogger } from '../../src/runtime/logger.js';
import { launchChromium } from '../helpers/chromium.js';
import { useTestRedis } from '../helpers/redis.js';

/*
 * The web chat page end to end on a phone-sized page: the whole service in this process (embedded
 * SQLite in a temp DATA_DIR, this file's own redis-server, demo vacancies), driven by Debian's
 * chromium through playwright-core. Screenshots of the moments that matter (a reload in the middle
 * of the registration, the buttons after a wrong answer, applying, the end) are kept under
 * test-artifacts/browser/ (git-ignored).
 */

const ARTIFACTS = path.resolve(import.meta.dirname, '../../test-artifacts/browser');
const PHONE = { width: 390, height: 844 } as const;
const STEP_TIMEOUT_MS = 10_000;

/** Saves a screenshot of the page as `test-artifacts/browser/<name>.png`. */
async function snapshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
}

/** The labels of the buttons under the last message that has any. */
function lastButtons(page: Page): Promise<string[]> {
  return page.locator('.choices').last().locator('button').allInnerTexts();
}

/**
 * The few browser globals the functions run in the page use. The test project is compiled without
 * the DOM lib (a `lib="dom"` reference would leak DOM globals into every file), so they are typed here.
 */
interface PageGlobals {
  readonly innerHeight: number;
  readonly localStorage: { getItem(key: string): string | null };
  readonly document: {
    readonly documentElement: { readonly scrollHeight: number };
    querySelectorAll(selector: string): { readonly length: number };
    querySelector(selector: string): { getBoundingClientRect(): { readonly bottom: number } } | null;
  };
}

const redis = useTestRedis();
let chat: ChatService | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  chat = await startChatService({ redisUrl: redis.url, vacancies: 300 });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await chat?.stop();
});

/** The page's session cookie, as the browser keeps it. */
async function sessionCookie(context: BrowserContext) {
  return (await context.cookies()).find((c) => c.name === 'lokerbot_session');
}

/** Whose conversation a session token is, asked of the service as an API client would. */
async function userIdOf(token: string): Promise<string> {
  const response = await fetch(`${chat!.baseUrl}/api/chat/session`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  return ((await response.json()) as { userId: string }).userId;
}

/** Bot bubbles on the page, in order. */
function botTexts(page: Page): Promise<string[]> {
  return page.locator('.msg.bot').allInnerTexts();
}

/**
 * Does `action` (typing or clicking) and waits until the bot's answer to it is on the page.
 * Returns the new bot bubbles joined by newlines. The page adds all bubbles of one answer together.
 */
async function exchange(page: Page, action: () => Promise<void>): Promise<string> {
  const before = (await botTexts(page)).length;
  await action();
  await page.waitForFunction((n) => (globalThis as unknown as PageGlobals).document.querySelectorAll('.msg.bot').length > n, before, { timeout: STEP_TIMEOUT_MS });
  const errors = await page.locator('.error').allInnerTexts();
  expect(errors, 'the page showed a send error').toEqual([]);
  return (await botTexts(page)).slice(before).join('\n');
}

function type(page: Page, text: string): Promise<string> {
  return exchange(page, async () => {
    await page.fill('#text', text);
    await page.press('#text', 'Enter');
  });
}

function click(page: Page, label: string | RegExp): Promise<string> {
  return exchange(page, () => page.locator('.choices').getByRole('button', { name: label, exact: true }).click());
}

/** What the office does: a new vacancy (a forklift job the page's person subscribed to) opened in the service's store. */
async function openVacancy(id: string, title: string): Promise<void> {
  if (!chat) throw new Error('setup failed');
  const at = new Date().toISOString();
  await chat.service.store.vacancies.create({
    id,
    company: { name: 'PT Gudang Maju Cibitung' },
    title,
    description: 'Gudang distribusi, bongkar muat dengan forklift.',
    requirements: 'Memiliki SIO forklift lebih disukai',
    requiredSkills: ['operator forklift'],
    preferredSkills: [],
    minEducation: 'SMA',
    minExperienceYears: 0,
    kecamatan: 'Cibitung',
    salaryMin: 5_300_000,
    employmentType: 'PKWT',
    quota: 3,
    localQuota: 0,
    deadline: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    status: 'draft',
    source: 'admin',
    createdAt: at,
    updatedAt: at,
  });
  await chat.service.store.vacancies.open(id);
}

describe('the web chat page', () => {
  it('registers a seeker with typed answers and buttons, searches, applies, subscribes, gets a real alert and applies from it, and keeps the conversation across a reload', async () => {
    if (!chat || !browser) throw new Error('setup failed');
    const context = await browser.newContext({ viewport: PHONE, locale: 'id-ID' });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    page.on('response', (response) => {
      if (response.status() >= 400) pageErrors.push(`${response.status()} ${response.url()}`);
    });

    try {
      // The site's front door leads to the chat, which starts the conversation by itself: the bot
      // asks for the language, and no message the person never typed is on screen.
      await page.goto(`${chat.baseUrl}/`);
      expect(new URL(page.url()).pathname).toBe('/chat');
      await page.locator('.msg.bot', { hasText: 'Pilih bahasa' }).waitFor({ timeout: STEP_TIMEOUT_MS });
      expect(await page.title()).toContain('LokerBot');
      expect(await page.locator('.msg.me').count()).toBe(0);

      expect(await click(page, 'Bahasa Indonesia')).toContain('UU No. 27/2022');
      expect(await click(page, 'Ya')).toContain('nama lengkap');
      expect(await type(page, 'Siti Rahayu')).toMatch(/kecamatan/i);
      // "cikarang" alone could be five kecamatan: they are offered as buttons.
      expect(await type(page, 'cikarang')).toContain('Ada beberapa kecamatan "cikarang"');
      expect(await lastButtons(page)).toEqual(expect.arrayContaining(['Cikarang Utara', 'Cikarang Selatan', 'Cikarang Barat', 'Cikarang Timur', 'Cikarang Pusat']));
      // The search below measures distances from Cikarang Utara.
      expect(await click(page, 'Cikarang Utara')).toMatch(/Desa\/kelurahan/);
      expect(await type(page, 'karang asih')).toContain('KTP Kabupaten Bekasi');

      // A reload in the middle of the registration: the conversation so far, and the question
      // waiting with its buttons; the answer goes on from there.
      await page.reload();
      await page.locator('.msg.me', { hasText: 'Siti Rahayu' }).waitFor({ timeout: STEP_TIMEOUT_MS });
      expect(await page.locator('.msg.me').allInnerTexts()).toEqual(['Ya', 'Siti Rahayu', 'cikarang', 'Cikarang Utara', 'karang asih']);
      expect((await botTexts(page)).at(-1)).toBe('Apakah Anda memegang KTP Kabupaten Bekasi?');
      expect(await lastButtons(page)).toEqual(['Ya', 'Tidak']);
      expect(await page.locator('.choices').count()).toBe(1);
      await snapshot(page, 'reload-mid-registration');
      expect(await click(page, 'Ya')).toContain('Pendidikan terakhir');

      // A wrong answer: the reason, and the question again with all its buttons.
      const wrong = await type(page, 'kuliah');
      expect(wrong).toContain('Pilih salah satu nomor 1–10.');
      expect(wrong).not.toContain('Sepertinya ada kendala');
      expect(await lastButtons(page)).toHaveLength(10);
      await snapshot(page, 'buttons-after-a-wrong-answer');
      expect(await click(page, 'SMK')).toContain('Jurusan');
      expect(await type(page, 'Teknik Mesin')).toContain('keahlian');
      expect(await type(page, 'las smaw, operator forklift')).toContain('Las SMAW, Operator Forklift');
      expect(await click(page, 'Ya')).toContain('pengalaman');
      // Years as people say them.
      expect(await type(page, 'dua tahun')).toContain('Ceritakan');
      expect(await click(page, 'Lewati')).toContain('Pekerjaan apa yang Anda cari');
      expect(await type(page, 'operator produksi, welder')).toContain('Sertifikat');
      expect(await type(page, 'BLK Las')).toContain('Jenis pekerjaan');
      expect(await click(page, 'Kontrak (PKWT)')).toContain('Gaji');
      expect(await type(page, 'UMK')).toContain('shift');
      expect(await click(page, 'Ya')).toContain('Kementerian Ketenagakerjaan');
      const saved = await click(page, 'Tidak');
      expect(saved).toContain('Profil Anda tersimpan, Siti Rahayu');

      const results = await type(page, 'cari');
      expect(results).toContain('Lowongan yang paling cocok');
      expect(results).toContain('Cocok: Las SMAW');
      expect(results).toContain('km dari Cikarang Utara');
      const companies = [...chat.companies].filter((name) => results.includes(name));
      expect(companies.length).toBeGreaterThan(0);
      const resultButtons = await page.locator('.choices button').allInnerTexts();
      expect(resultButtons[0]).toMatch(/^1\. /);

      const detail = await click(page, resultButtons[0]!);
      expect(detail).toMatch(/Gaji: Rp [\d.]+/);
      expect(detail).toContain('Batas lamaran');
      expect(detail).toContain('Melamar tidak dipungut biaya.');
      // "Lamar" shows what the company will see, without the phone number, and sends it once confirmed.
      const preview = await click(page, 'Lamar');
      expect(preview).toContain('Nama: Siti Rahayu');
      expect(preview).toContain('Nomor HP Anda tidak ikut dikirim');
      const applied = await click(page, 'Kirim lamaran');
      expect(applied).toMatch(/Lamaran Anda untuk ".+" di PT .+ terkirim/);
      expect(await lastButtons(page)).toEqual(['Kembali ke hasil', 'Lowongan lain', 'Lamaran saya']);
      await snapshot(page, 'applied');
      // Back at the results, the vacancy applied to is marked.
      expect(await click(page, 'Kembali ke hasil')).toContain('✅ sudah dilamar');

      // The server issued the session: an HttpOnly cookie the page's script cannot read, and no id in localStorage.
      const cookie = await sessionCookie(context);
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
      expect(cookie?.expires).toBeGreaterThan(Date.now() / 1000 + 170 * 24 * 3600);
      expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).localStorage.getItem('lokerbot.userId'))).toBeNull();
      const userId = await userIdOf(cookie!.value);
      expect(userId).toMatch(/^web-[0-9a-f]{32}$/);

      // What the service stored for this page's user.
      const seeker = await chat.service.store.seekers.findByIdentity({ channel: 'web', userId });
      expect(seeker?.name).toBe('Siti Rahayu');
      expect(seeker?.domicile).toMatchObject({ kecamatan: 'Cikarang Utara', desa: 'Karangasih' });
      expect(seeker?.experience.years).toBe(2);
      expect(seeker?.expectedSalary).toBe(5_938_885);
      expect(seeker?.skills.ids.length).toBeGreaterThanOrEqual(2);
      expect(await chat.service.store.applications.listBySeeker(seeker!.id)).toHaveLength(1);

      // Alerts, for real: the person subscribes on the page; a matching vacancy opened by the office
      // goes outbox → fan-out → the web send worker → this open page, with its buttons.
      expect(await type(page, 'langganan')).toContain('belum berlangganan');
      expect(await click(page, 'Buat langganan baru')).toContain('Kata kunci');
      expect(await type(page, 'operator forklift')).toContain('Kecamatan');
      expect(await click(page, 'Lewati')).toContain('Jenis pekerjaan');
      expect(await click(page, 'Lewati')).toContain('Kapan info dikirim');
      expect(await click(page, 'Langsung saat ada')).toContain('Jam tenang');
      expect(await click(page, 'Tidak perlu')).toContain('Langganan tersimpan');
      const alert = await exchange(page, () => openVacancy('vac-browser-1', 'Operator Forklift Gudang Cibitung'));
      expect(alert).toContain('Lowongan baru yang cocok untuk Anda');
      expect(alert).toContain('Operator Forklift Gudang Cibitung');
      expect(alert).toContain('PT Gudang Maju Cibitung');
      // Under the alert, its own buttons (the menu's stay above it: both still answer).
      expect(await page.locator('.choices').last().locator('button').allInnerTexts()).toEqual(['Detail', 'Lamar', 'Berhenti langganan', 'Laporkan pungutan/penipuan']);
      expect(await click(page, 'Lamar')).toContain('Sebelum dikirim — ini yang akan dilihat PT Gudang Maju Cibitung');
      expect(await click(page, 'Kirim lamaran')).toMatch(/Lamaran Anda untuk "Operator Forklift Gudang Cibitung" di PT Gudang Maju Cibitung terkirim/);
      expect(await chat.service.store.applications.listBySeeker(seeker!.id)).toHaveLength(2);

      // The page renders a message's links (part of the channel contract) as anchors, http(s) only.
      const withLinks = await exchange(page, () =>
        webPushSender(new WebPushHub(chat!.service.redis, createLogger({ level: 'silent' }))).send(userId, {
          text: 'Info: Job Fair Disnaker Kabupaten Bekasi',
          links: [
            { label: 'Daftar job fair', url: 'https://disnaker.bekasikab.go.id/jobfair' },
            { label: 'not a web link', url: 'javascript:alert(1)' },
          ],
        }),
      );
      expect(withLinks).toBe('Info: Job Fair Disnaker Kabupaten Bekasi\nDaftar job fair');
      const links = page.locator('.msg.bot').last().locator('.links a');
      expect(await links.count()).toBe(1);
      expect(await links.getAttribute('href')).toBe('https://disnaker.bekasikab.go.id/jobfair');

      // The composer stays on screen: the page itself never scrolls, only the message log does.
      const layout = await page.evaluate(() => {
        const w = globalThis as unknown as PageGlobals;
        return {
          viewport: w.innerHeight,
          page: w.document.documentElement.scrollHeight,
          composerBottom: w.document.querySelector('#composer')?.getBoundingClientRect().bottom ?? Number.NaN,
        };
      });
      expect(layout.page).toBeLessThanOrEqual(layout.viewport);
      expect(layout.composerBottom).toBeLessThanOrEqual(layout.viewport);

      await snapshot(page, 'conversation');

      // A reload keeps the same conversation through the cookie: the recent turns, the question
      // waiting last (here the way on after applying from the alert, with its buttons), and the bot still knows them.
      await page.reload();
      await page.locator('.msg.me', { hasText: 'Kirim lamaran' }).first().waitFor({ timeout: STEP_TIMEOUT_MS });
      expect((await page.locator('.msg.me').allInnerTexts()).at(-1)).toBe('Kirim lamaran');
      expect((await botTexts(page)).at(-1)).toMatch(/Lamaran Anda untuk "Operator Forklift Gudang Cibitung" di PT Gudang Maju Cibitung terkirim/);
      expect(await lastButtons(page)).toEqual(['Kembali ke hasil', 'Lowongan lain', 'Lamaran saya']);
      expect((await sessionCookie(context))?.value).toBe(cookie!.value);
      await snapshot(page, 'reload-at-the-end');
      expect(await type(page, 'profil')).toContain('Siti Rahayu');
      // …and its event stream is the conversation's: the next alert reaches the reloaded page.
      const afterReload = await exchange(page, () => openVacancy('vac-browser-2', 'Operator Forklift Shift Malam'));
      expect(afterReload).toContain('Operator Forklift Shift Malam');
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('starts a new conversation when its session cookie is no longer valid (the key changed)', async () => {
    if (!chat || !browser) throw new Error('setup failed');
    const context = await browser.newContext({ viewport: PHONE, locale: 'id-ID' });
    const url = new URL(chat.baseUrl);
    const stale = `v1.web-${'0'.repeat(32)}.${'A'.repeat(43)}`;
    // A browser that had a conversation: its flag in localStorage, and a cookie signed with an old key.
    await context.addCookies([{ name: 'lokerbot_session', value: stale, domain: url.hostname, path: '/', httpOnly: true, sameSite: 'Lax' }]);
    await context.addInitScript(() => (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }).localStorage.setItem('lokerbot.started', '1'));
    const page = await context.newPage();
    const unexpected: string[] = [];
    page.on('pageerror', (error) => unexpected.push(error.message));
    page.on('response', (response) => {
      // The refused event stream and the session check are the expected 401s; nothing else may fail.
      const expected = response.status() === 401 && /\/api\/chat\/(events|session|history)$/.test(new URL(response.url()).pathname);
      if (response.status() >= 400 && !expected) unexpected.push(`${response.status()} ${response.url()}`);
    });
    try {
      await page.goto(`${chat.baseUrl}/chat`);
      // The page noticed, started over, and the bot greets a new person.
      await page.locator('.msg.bot', { hasText: 'Pilih bahasa' }).waitFor({ timeout: STEP_TIMEOUT_MS });
      expect(await page.locator('.msg.me').count()).toBe(0);
      const fresh = await sessionCookie(context);
      expect(fresh?.value).not.toBe(stale);
      expect(await userIdOf(fresh!.value)).toMatch(/^web-[0-9a-f]{32}$/);
      expect(await click(page, 'Bahasa Indonesia')).toContain('UU No. 27/2022');
      expect(unexpected).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);
});
