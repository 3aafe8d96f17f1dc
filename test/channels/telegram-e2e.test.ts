import type { Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DigestBook } from '../../src/alerts/digest-book.js';
import { DIGEST_QUEUE, FANOUT_QUEUE, SEND_QUEUES } from '../../src/alerts/send-job.js';
import { TelegramAdapter } from '../../src/channels/telegram/index.js';
import type { Vacancy } from '../../src/domain/index.js';
import { createLogger } from '../../src/runtime/logger.js';
import { Queues } from '../../src/runtime/queues.js';
import { makeVacancy } from '../fixtures/domain.js';
import { startChatService, type ChatService } from '../helpers/chat-service.js';
import { createTestConversation, type TestConversation } from '../helpers/conversation.js';
import { waitForIdleQueues } from '../helpers/queue-idle.js';
import { useTestRedis } from '../helpers/redis.js';
import { sleep, waitForAsync } from '../helpers/wait.js';
import { seedVacancies, startsWith, t, vacancyTitled, waitFor } from './e2e-fixtures.js';
import { buttons, ChatSession, question } from './telegram-chat.js';
import { TelegramEmulator, type EmulatedUser } from './telegram-emulator.js';

const TELEGRAM_LIMIT = 4096;
const siti: EmulatedUser = { id: 5101, first_name: 'Siti', language_code: 'id' };
const agus: EmulatedUser = { id: 5102, first_name: 'Agus', language_code: 'id' };
const id = (key: string, params?: Readonly<Record<string, string | number>>) => t('id', key, params);

describe('Telegram end to end: telegraf ⇄ Bot API emulator ⇄ the real conversation engine', () => {
  const redis = useTestRedis();
  const emulator = new TelegramEmulator();
  const logger = createLogger({ level: 'silent' });
  let c: TestConversation;
  let adapter: TelegramAdapter;

  beforeAll(async () => {
    await emulator.start();
    c = createTestConversation(redis.client, { channel: 'telegram' });
    await seedVacancies(c);
    adapter = new TelegramAdapter({ ...emulator.connection, logger });
    await adapter.start(c.engine);
    expect(adapter.currentState).toBe('polling');
  });
  afterAll(async () => {
    await adapter.stop();
    await emulator.stop();
    await c.store.close();
  });

  it('takes a new person through consent, registration, search, applying and a subscription', async () => {
    const chat = new ChatSession(emulator, siti);

    // First contact: language buttons, then the privacy notice with yes/no buttons.
    const language = question(await chat.types('/start', id('welcome.language')));
    expect(buttons(language)).toEqual([
      { text: 'Bahasa Indonesia', data: 'id' },
      { text: 'English', data: 'en' },
    ]);
    const consent = question(await chat.presses(language, 'id', id('consent.notice')));
    expect(buttons(consent)).toEqual([
      { text: 'Ya', data: 'yes' },
      { text: 'Tidak', data: 'no' },
    ]);
    const consentTurn = await chat.presses(consent, 'yes', id('reg.name.prompt'));
    expect(consentTurn.map((m) => m.text)).toEqual([id('consent.thanks'), id('reg.name.prompt')]);

    // Registration: typed answers and button presses mixed, as people do.
    await chat.types('Siti Rahmawati', id('reg.kecamatan.prompt'));
    const desa = question(await chat.types('cikarang barat', id('reg.desa.prompt')));
    expect(buttons(desa)).toEqual([{ text: 'Lewati', data: 'skip' }]);
    const ktp = question(await chat.presses(desa, 'skip', id('reg.ktp.prompt')));
    const education = question(await chat.presses(ktp, 'yes', id('reg.education.prompt')));
    // All eleven levels, one more than the engine's MAX_CHOICES: none may go missing.
    expect(buttons(education).map((b) => b.data)).toEqual(['SD', 'SMP', 'SMA', 'SMK', 'D1', 'D2', 'D3', 'D4', 'S1', 'S2']);
    await chat.presses(education, 'SMK', id('reg.major.prompt'));
    await chat.types('Teknik Mesin', id('reg.skills.prompt'));
    const readback = question(await chat.types('las smaw, operator forklift', /^Keahlian yang saya catat: .+\.\nBenar\?$/));
    await chat.presses(readback, 'yes', id('reg.experience-years.prompt'));
    await chat.types('2', id('reg.experience-text.prompt'));
    await chat.types('lewati', id('reg.positions.prompt'));
    await chat.types('operator produksi', id('reg.certifications.prompt'));
    const jobTypes = question(await chat.types('BLK Las SMAW, K3 Umum', id('reg.job-types.prompt')));
    expect(buttons(jobTypes).map((b) => b.data)).toEqual(['PKWT', 'PKWTT', 'magang', 'harian']);
    await chat.types('1,2', id('reg.salary.prompt'));
    const shift = question(await chat.types('5,5 juta', id('reg.shift.prompt')));
    const sharing = question(await chat.presses(shift, 'yes', id('reg.sharing.prompt')));
    const saved = await chat.presses(sharing, 'yes', id('menu.prompt'));
    expect(saved[0]?.text).toBe(id('reg.done', { name: 'Siti Rahmawati' }));

    // Search: the results as buttons, one pressed, then "Lamar" typed under the vacancy's detail.
    const results = question(await chat.types('cari', startsWith(id('search.header'))));
    const resultButtons = buttons(results);
    expect(resultButtons.length).toBeGreaterThanOrEqual(2);
    expect(resultButtons[0]).toEqual({ text: expect.stringMatching(/^1\. /) as unknown, data: 'v1' });
    const chosen = vacancyTitled(resultButtons[0]?.text.replace(/^1\. /, '') ?? '');
    const detail = question(await chat.presses(results, 'v1', startsWith(`*${chosen.title}*`)));
    expect(detail.text).toContain(chosen.company.name);
    expect(buttons(detail)).toEqual([
      { text: 'Lamar', data: 'apply' },
      { text: 'Kembali ke hasil', data: 'results' },
      { text: 'Laporkan pungutan/penipuan', data: 'report' },
    ]);
    expect(detail.text.split('\n').at(-1)).toBe('Melamar tidak dipungut biaya.');
    const preview = question(await chat.types('Lamar', startsWith(id('apply.preview.header', { title: chosen.title, company: chosen.company.name }))));
    expect(buttons(preview)).toEqual([
      { text: 'Kirim lamaran', data: 'send' },
      { text: 'Tidak jadi', data: 'not-now' },
    ]);
    await chat.presses(preview, 'send', startsWith(id('apply.done', { title: chosen.title, company: chosen.company.name })));

    // A subscription from the command menu's /langganan, mostly with buttons.
    const overview = question(await chat.types('/langganan', id('sub.none-yet')));
    const keywords = question(await chat.presses(overview, 'new', id('sub.keywords.prompt')));
    expect(buttons(keywords)).toEqual([{ text: 'Lewati', data: 'skip' }]);
    await chat.types('operator produksi, forklift', id('sub.area.prompt'));
    const subJobTypes = question(await chat.types('Cikarang Barat', id('sub.job-types.prompt')));
    const mode = question(await chat.presses(subJobTypes, 'PKWT', id('sub.mode.prompt')));
    const quiet = question(await chat.presses(mode, 'daily', id('sub.quiet.prompt')));
    const done = await chat.presses(quiet, 'night', id('menu.prompt'));
    expect(done[0]?.text).toMatch(startsWith(id('sub.saved')));

    // What the store now holds.
    const identity = { channel: 'telegram' as const, userId: String(siti.id) };
    const seeker = await c.store.seekers.findByIdentity(identity);
    expect(seeker).toMatchObject({
      identities: [identity],
      name: 'Siti Rahmawati',
      domicile: { kecamatan: 'Cikarang Barat', ktpBekasi: true },
      education: { level: 'SMK', major: 'Teknik Mesin' },
      experience: { years: 2 },
      certifications: ['BLK Las SMAW', 'K3 Umum'],
      wantedJobTypes: ['PKWT', 'PKWTT'],
      expectedSalary: 5_500_000,
      shiftWilling: true,
      locale: 'id',
      status: 'active',
    });
    expect(seeker?.skills.ids.length).toBeGreaterThanOrEqual(2);
    expect(seeker?.domicile.desa).toBeUndefined();
    const applications = await c.store.applications.listBySeeker(seeker?.id ?? '');
    expect(applications).toEqual([expect.objectContaining({ vacancyId: chosen.id, status: 'submitted', ktpBekasi: true })]);
    const subscriptions = await c.store.subscriptions.listBySubscriber(identity);
    expect(subscriptions).toEqual([
      expect.objectContaining({
        seekerId: seeker?.id,
        filters: expect.objectContaining({ keywords: ['operator produksi', 'forklift'], kecamatan: ['Cikarang Barat'], jobTypes: ['PKWT'] }) as unknown,
        mode: 'daily',
        quietHours: { start: '21:00', end: '06:00' },
        active: true,
      }),
    ]);

    // How it looked in Telegram: every question with choices came with an inline keyboard, every
    // press was answered and its keyboard removed, and no message went over Telegram's limit.
    const all = chat.all();
    expect(all.every((m) => m.text.length <= TELEGRAM_LIMIT)).toBe(true);
    expect(all.filter((m) => m.reply_markup).length).toBeGreaterThanOrEqual(chat.pressCount);
    await waitFor(() => (emulator.callsOf('editMessageReplyMarkup').length >= chat.pressCount ? true : undefined), 'every keyboard removed');
    expect(emulator.callsOf('answerCallbackQuery')).toHaveLength(chat.pressCount);
  });
});

/*
 * The daily digest as a subscriber lives it: the whole service in this process (ROLE=all, on its
 * embedded SQLite and redis-server) with Telegram pointed at the emulator. Vacancies opened during
 * the day are collected by the real fan-out; the digest is the run the real BullMQ job scheduler
 * has queued for the next DIGEST_TIME, brought forward (promoted) instead of waiting for 07:00
 * WIB; the real send worker renders and sends it. (Splitting a text over 4,096 characters is the
 * adapter's job and is shown in telegram-adapter.test.ts; a digest of at most nine listed
 * vacancies stays well under it.)
 */
describe('Telegram daily digest through the real pipeline: subscribe, vacancies open, the scheduled run sends one message', { timeout: 120_000 }, () => {
  const emulator = new TelegramEmulator();
  const logger = createLogger({ level: 'silent' });
  const chat = new ChatSession(emulator, agus, { turnTimeoutMs: 10_000 });
  let service: ChatService;
  let queues: Queues;

  beforeAll(async () => {
    await emulator.start();
    service = await startChatService({
      vacancies: 0,
      env: { TELEGRAM_BOT_TOKEN: emulator.token, TELEGRAM_API_ROOT: emulator.apiRoot, DIGEST_TIME: '07:00', OUTBOX_POLL_MS: '200', TELEGRAM_SEND_PER_CHAT_MS: '0' },
    });
    const redisUrl = service.service.redisServer?.url;
    if (!redisUrl) throw new Error('expected the embedded redis-server');
    queues = await Queues.connect(redisUrl, logger);
  });
  afterAll(async () => {
    await queues.close();
    await service.stop();
    await emulator.stop();
  });

  /** Opens a vacancy as the office does: stored, then opened with its outbox event in the same write. */
  async function open(vacancy: Vacancy): Promise<void> {
    await service.service.store.vacancies.create({ ...vacancy, status: 'draft' });
    await service.service.store.vacancies.open(vacancy.id);
  }

  /** The run the digest scheduler has queued for the next DIGEST_TIME (one, whatever the number of workers). */
  async function scheduledRun(): Promise<Job> {
    return waitForAsync(async () => (await queues.queue(DIGEST_QUEUE).getDelayed()).find((job) => job.name === 'daily-digest'), 'the daily digest scheduled', 10_000);
  }

  /** Brings the scheduled run forward to now and waits for what it reports. */
  async function runScheduledDigestNow(): Promise<{ digests: number }> {
    const run = await scheduledRun();
    await run.promote();
    const finished = await waitForAsync(async () => {
      const job = await queues.queue(DIGEST_QUEUE).getJob(run.id ?? '');
      return job?.finishedOn !== undefined && job;
    }, 'the digest run to finish', 15_000);
    expect(finished.failedReason).toBeUndefined();
    return finished.returnvalue as { digests: number };
  }

  const welder = makeVacancy('vac-dg-1', { title: 'Operator Las SMAW', company: { id: 'cmp-astra', name: 'PT Astra Otoparts Tbk' }, kecamatan: 'Cikarang Barat', deadline: '2030-01-31T16:59:59.000Z' });
  const forklift = makeVacancy('vac-dg-2', { title: 'Operator Forklift Gudang', company: { id: 'cmp-indo', name: 'PT Indo Logistik Jababeka' }, requiredSkills: ['operator forklift'], preferredSkills: [], kecamatan: 'Cikarang Utara', estate: 'Jababeka', minEducation: 'SMA', deadline: '2030-01-31T16:59:59.000Z' });
  const fabrication = makeVacancy('vac-dg-3', { title: 'Welder Fabrikasi Baja', company: { id: 'cmp-ejip', name: 'PT Baja Prima EJIP' }, requiredSkills: ['las smaw', 'las mig'], kecamatan: 'Cikarang Selatan', estate: 'EJIP', employmentType: 'PKWTT', deadline: '2030-01-31T16:59:59.000Z' });
  const nurse = makeVacancy('vac-dg-4', { title: 'Perawat Klinik Perusahaan', company: { id: 'cmp-medika', name: 'PT Medika Jababeka' }, requiredSkills: ['perawat'], preferredSkills: [], description: 'Klinik pabrik.', requirements: 'D3 Keperawatan, STR aktif', minEducation: 'D3', kecamatan: 'Cikarang Utara', estate: 'Jababeka', deadline: '2030-01-31T16:59:59.000Z' });

  it('sends a daily subscriber one digest of the day\'s matches, newest first, with a button for each, and nothing the next time when nothing is new', async () => {
    // Agus consents and subscribes to a daily digest of welding and forklift jobs, without a profile.
    const language = question(await chat.types('/start', id('welcome.language')));
    const consent = question(await chat.presses(language, 'id', id('consent.notice')));
    await chat.presses(consent, 'yes', id('reg.name.prompt'));
    const overview = question(await chat.types('/langganan', id('sub.none-yet')));
    await chat.presses(overview, 'new', id('sub.keywords.prompt'));
    await chat.types('las smaw, forklift', id('sub.area.prompt'));
    await chat.types('lewati', id('sub.job-types.prompt'));
    const mode = question(await chat.types('lewati', id('sub.mode.prompt')));
    const quiet = question(await chat.presses(mode, 'daily', id('sub.quiet.prompt')));
    const saved = await chat.presses(quiet, 'none', id('menu.prompt'));
    expect(saved[0]?.text).toMatch(startsWith(id('sub.saved')));
    const [subscription] = await service.service.store.subscriptions.listBySubscriber({ channel: 'telegram', userId: String(agus.id) });
    expect(subscription).toMatchObject({ mode: 'daily', filters: { keywords: ['las smaw', 'forklift'], kecamatan: [] }, active: true });
    const subscriptionId = subscription?.id ?? '';

    // The digest is scheduled for the next 07:00 WIB (00:00 UTC), and nothing has been sent yet.
    const scheduled = await scheduledRun();
    expect(new Date(scheduled.timestamp + scheduled.delay).toISOString()).toMatch(/T00:00:00\.000Z$/);

    // During the day three matching vacancies open, and one that does not match. Spaced a little,
    // so each opens at its own millisecond and "newest first" has one answer.
    for (const vacancy of [welder, forklift, fabrication, nurse]) {
      await open(vacancy);
      await sleep(5);
    }
    const book = new DigestBook(service.service.redis);
    await waitForAsync(async () => (await book.newest(subscriptionId, 10)).length === 3, 'the three matches waiting for the digest', 10_000);
    await waitForIdleQueues(queues, [FANOUT_QUEUE, SEND_QUEUES.telegram]);
    // A daily subscriber is not alerted one by one.
    expect(chat.all().filter((m) => m.text.startsWith(id('alert.vacancy.header')))).toEqual([]);

    expect(await runScheduledDigestNow()).toEqual({ digests: 1 });
    const digest = await chat.waitFor(startsWith(id('alert.digest.header')));
    const newestFirst = [fabrication, forklift, welder];
    expect(digest.text.split('\n')).toEqual([
      id('alert.digest.header'),
      '',
      `1. *Welder Fabrikasi Baja* — PT Baja Prima EJIP ${id('vacancy.unverified-mark')} (Cikarang Selatan)`,
      `   ${id('alert.why.keyword', { words: 'las smaw' })}`,
      `2. *Operator Forklift Gudang* — PT Indo Logistik Jababeka ${id('vacancy.unverified-mark')} (Cikarang Utara)`,
      `   ${id('alert.why.keyword', { words: 'forklift' })}`,
      `3. *Operator Las SMAW* — PT Astra Otoparts Tbk ${id('vacancy.unverified-mark')} (Cikarang Barat)`,
      `   ${id('alert.why.keyword', { words: 'las smaw' })}`,
      '',
      id('alert.digest.footer'),
      '',
      'Melamar tidak dipungut biaya.',
    ]);
    expect(buttons(digest)).toEqual([
      ...newestFirst.map((v, i) => ({ text: `${i + 1}. ${v.title}`, data: `alert:detail:${v.id}` })),
      { text: 'Berhenti langganan', data: `alert:unsubscribe:${subscriptionId}` },
    ]);
    await waitForIdleQueues(queues, [SEND_QUEUES.telegram]);
    expect(chat.all().filter((m) => m.text.startsWith(id('alert.digest.header')))).toHaveLength(1);

    // Its buttons work like any other: the first opens that vacancy's detail.
    const detail = question(await chat.presses(digest, `alert:detail:${fabrication.id}`, startsWith(`*${fabrication.title}*`)));
    expect(detail.text).toContain(fabrication.company.name);

    // The next run finds nothing new for him: nothing is queued and nothing is sent.
    const sentBefore = chat.all().length;
    expect(await runScheduledDigestNow()).toEqual({ digests: 0 });
    await waitForIdleQueues(queues, [SEND_QUEUES.telegram]);
    expect(chat.all()).toHaveLength(sentBefore);
    // And the scheduler has the following day's run queued.
    expect((await scheduledRun()).id).not.toBe(scheduled.id);
  });
});
