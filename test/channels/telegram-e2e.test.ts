import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TelegramAdapter } from '../../src/channels/telegram/index.js';
import { createLogger } from '../../src/runtime/logger.js';
import { createTestConversation, type TestConversation } from '../helpers/conversation.js';
import { useTestRedis } from '../helpers/redis.js';
import { seedVacancies, startsWith, t, vacancyTitled, waitFor } from './e2e-fixtures.js';
import { TelegramEmulator, type EmulatedUser, type SentMessage } from './telegram-emulator.js';

const TELEGRAM_LIMIT = 4096;
const siti: EmulatedUser = { id: 5101, first_name: 'Siti', language_code: 'id' };
const id = (key: string, params?: Readonly<Record<string, string | number>>) => t('id', key, params);

/**
 * One person in their private chat with the bot: types or presses, then waits for the bot's last
 * reply of that turn (its question) and gets every message the turn produced.
 */
class ChatSession {
  private seen = 0;
  pressCount = 0;

  constructor(
    private readonly emulator: TelegramEmulator,
    private readonly user: EmulatedUser,
  ) {}

  /** Types `text`; resolves with the turn's messages once one matches `until` (the last expected one). */
  types(text: string, until: string | RegExp): Promise<SentMessage[]> {
    this.emulator.userSends(this.user, text);
    return this.turn(until);
  }

  /** Presses the button carrying `data` under `message`. */
  presses(message: SentMessage, data: string, until: string | RegExp): Promise<SentMessage[]> {
    const button = message.reply_markup?.inline_keyboard.flat().find((b) => b.callback_data === data);
    if (!button) throw new Error(`no button ${data} under "${message.text.slice(0, 40)}"`);
    this.pressCount++;
    this.emulator.userPresses(this.user, message, data);
    return this.turn(until);
  }

  /** Every message the bot sent this person so far. */
  all(): SentMessage[] {
    return this.emulator.sent.filter((m) => m.chat_id === String(this.user.id));
  }

  private async turn(until: string | RegExp): Promise<SentMessage[]> {
    const matches = (m: SentMessage) => (typeof until === 'string' ? m.text === until : until.test(m.text));
    const fresh = await waitFor(() => {
      const mine = this.all().slice(this.seen);
      const last = mine.findIndex(matches);
      return last >= 0 ? mine.slice(0, last + 1) : undefined;
    }, `reply matching ${String(until)} (after: ${this.all().at(-1)?.text.slice(0, 80) ?? 'nothing'})`);
    this.seen += fresh.length;
    return fresh;
  }
}

/** The last message of a turn, which carries the question and its buttons. */
function question(messages: readonly SentMessage[]): SentMessage {
  const last = messages.at(-1);
  if (!last) throw new Error('the turn produced no message');
  return last;
}

function buttons(message: SentMessage): { text: string; data: string | undefined }[] {
  return (message.reply_markup?.inline_keyboard ?? []).map((row) => {
    expect(row).toHaveLength(1);
    return { text: row[0]?.text ?? '', data: row[0]?.callback_data };
  });
}

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
    const readback = question(await chat.types('las smaw, operator forklift', /^Saya menangkap: .+\. Benar\?$/));
    await chat.presses(readback, 'yes', id('reg.experience-years.prompt'));
    await chat.types('2', id('reg.experience-text.prompt'));
    await chat.types('lewati', id('reg.certifications.prompt'));
    const jobTypes = question(await chat.types('BLK Las SMAW, K3 Umum', id('reg.job-types.prompt')));
    expect(buttons(jobTypes).map((b) => b.data)).toEqual(['PKWT', 'PKWTT', 'magang', 'harian']);
    await chat.types('1,2', id('reg.salary.prompt'));
    const shift = question(await chat.types('5,5 juta', id('reg.shift.prompt')));
    const saved = await chat.presses(shift, 'yes', id('menu.prompt'));
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
    ]);
    await chat.types('Lamar', id('apply.done', { title: chosen.title, company: chosen.company.name }));

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

  it('splits a daily digest longer than 4,096 characters, with its buttons under the last piece', async () => {
    // No conversation reply comes near the limit (a vacancy's detail is cut to ~3,500 characters),
    // so the split is shown on what alert workers send through the same adapter: a long digest.
    const vacancy = vacancyTitled('Operator Las SMAW');
    const lines = Array.from({ length: 60 }, (_, i) => `${i + 1}. ${vacancy.title} — ${vacancy.company.name} (${vacancy.kecamatan}, ${vacancy.estate ?? ''})`);
    const digest = `Ringkasan lowongan hari ini:\n\n${lines.join('\n')}`;
    expect(digest.length).toBeGreaterThan(TELEGRAM_LIMIT);
    const before = emulator.sent.length;
    await adapter.sender.send(String(siti.id), { text: digest, choices: [{ id: 'search', label: 'Cari lowongan' }] });
    const pieces = emulator.sent.slice(before);
    expect(pieces.length).toBe(2);
    expect(pieces.every((p) => p.text.length <= TELEGRAM_LIMIT)).toBe(true);
    expect(pieces.map((p) => p.text).join('\n')).toBe(digest);
    expect(pieces[0]?.reply_markup).toBeUndefined();
    expect(pieces[1]?.reply_markup?.inline_keyboard).toEqual([[{ text: 'Cari lowongan', callback_data: 'search' }]]);
  });
});
