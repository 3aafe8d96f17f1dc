import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WebInbox } from '../../src/channels/web/web-inbox.js';
import { ARTIFACTS, useServiceAndBrowser, watchedPhonePage, webUserIdOf } from '../helpers/browser-service.js';
import { ChatClient } from '../helpers/chat-client.js';
import { useTestRedis } from '../helpers/redis.js';
import { waitForAsync } from '../helpers/wait.js';

/*
 * The dashboard's Training page in Debian's chromium, on the whole service in this process: staff
 * add a programme (a skill typed as words is refused with the id it means), see a seeker's interest
 * in the list and per kecamatan, and broadcast to the interested from the programme's row.
 */

const ADMIN_TOKEN = 'training-test-admin-token-0123456789';
const STEP_MS = 15_000;

const redis = useTestRedis();
const running = useServiceAndBrowser(redis, { vacancies: 10, env: { ADMIN_TOKEN, OUTBOX_POLL_MS: '200' } });

describe('the dashboard\'s Training page', () => {
  it('adds a programme, shows the demand per programme and kecamatan, and broadcasts to the interested', { timeout: 180_000 }, async () => {
    const { chat, browser } = running();
    const { store } = chat.service;
    const person = new ChatClient(chat.baseUrl);
    await person.register({ name: 'Rudi Hartono', kecamatan: 'tambun selatan', desa: 'lewati' });
    const userId = await webUserIdOf(chat.baseUrl, person);
    // The first try names a skill in words: refused on purpose. WhatsApp is off here (404).
    const { context, page, problems } = await watchedPhonePage(browser, (status, url) => (status === 400 && url.endsWith('/training-programmes')) || (status === 404 && url.endsWith('/whatsapp/status')));
    try {
      await page.goto(`${chat.baseUrl}/admin/`);
      await page.fill('#token', ADMIN_TOKEN);
      await page.click('button[type=submit]');
      await page.click('#nav a[data-view=training]');
      const form = page.locator('[data-testid=programme-form]');
      await form.waitFor({ timeout: STEP_MS });
      const typed = { name: 'Pelatihan Las SMAW 3G', provider: 'UPTD BLK Kabupaten Bekasi', skills: 'las smaw, k3', startDate: '2027-01-11', endDate: '2027-02-19', quota: '16', kecamatan: 'Cikarang Pusat' };
      for (const [name, value] of Object.entries(typed)) await page.fill(`input[name=${name}]`, value);
      await form.getByRole('button', { name: 'Tambah program' }).click();
      await page.getByText('did you mean "welding-smaw"?').waitFor({ timeout: STEP_MS });
      await page.fill('input[name=skills]', 'welding-smaw, k3');
      await form.getByRole('button', { name: 'Tambah program' }).click();
      const row = page.locator('table[data-testid=programmes] tr', { hasText: 'Pelatihan Las SMAW 3G' });
      await row.waitFor({ timeout: STEP_MS });
      const [programme] = await store.trainingProgrammes.find();
      expect(programme).toMatchObject({ skills: ['welding-smaw', 'k3'], schedule: { startDate: '2027-01-11', endDate: '2027-02-19' }, quota: 16, status: 'open' });

      // Rudi registers interest (as the chat does); the page shows it per programme and per kecamatan.
      const [seeker] = await store.seekers.find();
      await store.trainingInterests.register(seeker?.id ?? '', programme?.id ?? '');
      await page.reload();
      await page.locator('table[data-testid=programmes] [data-count=interested]', { hasText: '1' }).waitFor({ timeout: STEP_MS });
      expect(await page.locator('table[data-testid=demand-kecamatan] tbody tr').innerText()).toMatch(/Pelatihan Las SMAW 3G\s+Tambun Selatan\s+1/);
      await page.screenshot({ path: path.join(ARTIFACTS, 'admin-training.png'), fullPage: true });

      // From the programme's row to a broadcast to its interested seekers.
      await page.locator('table[data-testid=programmes] button[name=compose]').click();
      await page.getByText(/Menjangkau 1 pencari kerja/).waitFor({ timeout: STEP_MS });
      expect(await page.inputValue('input[name=title]')).toBe('Pelatihan Las SMAW 3G');
      expect(await page.inputValue('select[name=trainingProgrammeId]')).toBe(programme?.id);
      await page.fill('textarea[name=bodyId]', 'Pendaftaran Las SMAW 3G dibuka Senin di BLK.');
      await page.click('button[name=send]');
      await page.locator('[data-testid=broadcast-status]', { hasText: 'Selesai' }).waitFor({ timeout: 30_000 });
      const inbox = new WebInbox(chat.service.redis);
      await waitForAsync(async () => (await inbox.pending(userId)).some((entry) => entry.message.text.includes('Pendaftaran Las SMAW 3G')), 'the announcement in Rudi\'s inbox', 20_000, 100);
      const [broadcast] = await store.broadcasts.find();
      expect(broadcast?.segment.trainingProgrammeId).toBe(programme?.id);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
