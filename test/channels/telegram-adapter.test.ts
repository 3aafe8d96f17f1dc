import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RateLimitedError, RecipientBlockedError, TemporarySendError } from '../../src/channels/channel-sender.js';
import { SendRejectedError } from '../../src/channels/send-rejected-error.js';
import { TelegramAdapter } from '../../src/channels/telegram/index.js';
import { createLogger } from '../../src/runtime/logger.js';
import { freePort } from '../../src/runtime/free-port.js';
import { captureLogs } from '../helpers/log-capture.js';
import { sleep, waitFor } from '../helpers/wait.js';
import { StandInHandler, longList } from './stand-in-handler.js';
import { TelegramEmulator, type EmulatedUser } from './telegram-emulator.js';

const logger = createLogger({ level: 'silent' });
const siti: EmulatedUser = { id: 5001, first_name: 'Siti', language_code: 'id' };
const john: EmulatedUser = { id: 5002, first_name: 'John', language_code: 'en' };

describe('Telegram adapter (long polling against a Bot API emulator)', () => {
  const emulator = new TelegramEmulator();
  const handler = new StandInHandler();
  const blocked: string[] = [];
  let adapter: TelegramAdapter;

  beforeAll(async () => {
    await emulator.start();
    adapter = new TelegramAdapter({
      ...emulator.connection,
      logger,
      onRecipientBlocked: (userId) => {
        blocked.push(userId);
        return Promise.resolve();
      },
    });
    await adapter.start(handler);
  });
  afterAll(async () => {
    await adapter.stop();
    await emulator.stop();
  });
  afterEach(() => {
    handler.received.length = 0;
    handler.delays.clear();
  });

  it('reports polling on readiness once connected', async () => {
    expect(await adapter.readiness.check()).toEqual({ ready: true, state: 'polling' });
  });

  it('registers the command menu in Indonesian (default and id) and English', () => {
    const menus = emulator.callsOf('setMyCommands').map((c) => ({
      language: c.payload.language_code,
      commands: (c.payload.commands as { command: string }[]).map((x) => x.command),
    }));
    expect(menus).toEqual([
      { language: undefined, commands: ['start', 'daftar', 'cari', 'langganan', 'profil', 'lamaran', 'hapus', 'bahasa', 'bantuan'] },
      { language: 'id', commands: ['start', 'daftar', 'cari', 'langganan', 'profil', 'lamaran', 'hapus', 'bahasa', 'bantuan'] },
      { language: 'en', commands: ['start', 'register', 'search', 'subscribe', 'profile', 'applications', 'delete', 'language', 'help'] },
    ]);
  });

  it('hands typed text to the engine and sends its reply back', async () => {
    const updateId = emulator.userSends(john, 'halo');
    await emulator.waitForText(john.id, /^echo: halo$/);
    expect(handler.received[0]).toMatchObject({ channel: 'telegram', userId: String(john.id), messageId: `u${updateId}`, kind: 'text', text: 'halo', languageHint: 'en' });
  });

  it('tells the person to send it again, in their language, while the conversation is unavailable', async () => {
    emulator.userSends(john, 'outage');
    await emulator.waitForText(john.id, /^Sorry, LokerBot is briefly unavailable and did not read your message\. Please send it again in a few seconds\.$/);
    emulator.userSends(siti, 'outage');
    await emulator.waitForText(siti.id, /^Maaf, LokerBot sedang gangguan sebentar/);
  });

  it('passes commands as their text, without the bot name', async () => {
    emulator.userSends(siti, '/cari@LokerBekasiBot operator');
    await emulator.waitForText(siti.id, /^echo: \/cari operator$/);
    expect(handler.received[0]?.text).toBe('/cari operator');
  });

  it('renders choices as an inline keyboard and turns a press into a choiceId', async () => {
    emulator.userSends(siti, '/start');
    const menu = await emulator.waitForText(siti.id, /^Mau apa\?$/);
    expect(menu.reply_markup?.inline_keyboard).toEqual([[{ text: 'Daftar', callback_data: 'menu:register' }], [{ text: 'Cari lowongan', callback_data: 'menu:search' }]]);

    emulator.userPresses(siti, menu, 'menu:search');
    await emulator.waitForText(siti.id, /^chose menu:search$/);
    expect(handler.received[1]).toMatchObject({ kind: 'choice', choiceId: 'menu:search', text: 'Cari lowongan', userId: String(siti.id) });
    await emulator.waitForCall('answerCallbackQuery');
    const edit = await emulator.waitForCall('editMessageReplyMarkup');
    expect(edit.payload).toMatchObject({ chat_id: String(siti.id), message_id: menu.message_id });
  });

  it("keeps an alert's buttons after a press, so its other buttons still work", async () => {
    emulator.userSends(siti, 'alert');
    const alert = await emulator.waitForText(siti.id, /^Lowongan baru$/);
    const answered = emulator.callsOf('answerCallbackQuery').length;
    emulator.userPresses(siti, alert, 'alert:apply:vac-1');
    await emulator.waitForText(siti.id, /^chose alert:apply:vac-1$/);
    await waitFor(() => emulator.callsOf('answerCallbackQuery').length > answered, 'the press to be answered');
    await sleep(200);
    expect(emulator.callsOf('editMessageReplyMarkup').filter((c) => c.payload.message_id === alert.message_id)).toEqual([]);
  });

  it('splits a reply longer than 4,096 characters at line boundaries, buttons on the last piece', async () => {
    emulator.userSends(john, 'long');
    const isPiece = (m: { chat_id: string; text: string }) => m.chat_id === String(john.id) && m.text.includes('Operator produksi');
    await waitUntil(() => emulator.sent.some((m) => isPiece(m) && m.reply_markup !== undefined));
    const pieces = emulator.sent.filter(isPiece);
    expect(pieces.length).toBeGreaterThanOrEqual(3);
    expect(pieces.every((p) => p.text.length <= 4096)).toBe(true);
    expect(pieces.map((p) => p.text).join('\n')).toBe(longList());
    expect(pieces.slice(0, -1).every((p) => p.reply_markup === undefined)).toBe(true);
    expect(pieces.at(-1)?.reply_markup?.inline_keyboard).toEqual([[{ text: 'Lagi', callback_data: 'more' }]]);
  });

  it('asks people in a group to chat privately and never hands group messages to the engine', async () => {
    const group = { id: -100200, type: 'supergroup' as const };
    emulator.userSends(siti, 'ada lowongan?', group);
    emulator.userSends(john, '/start', group);
    const [refusal] = await emulator.waitForSent(group.id, 1);
    expect(refusal?.text).toMatch(/only work in private chats/);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(emulator.sent.filter((m) => m.chat_id === String(group.id))).toHaveLength(1);
    expect(handler.received).toHaveLength(0);
  });

  it('hands photos, stickers, voice, documents and locations to the engine with their kind', async () => {
    emulator.userMessage(siti, { photo: [{ file_id: 'p', file_unique_id: 'p', width: 90, height: 90 }], caption: 'ktp' });
    emulator.userMessage(siti, { sticker: { file_id: 's', file_unique_id: 's', type: 'regular', width: 1, height: 1, is_animated: false, is_video: false } });
    emulator.userMessage(siti, { voice: { file_id: 'v', file_unique_id: 'v', duration: 2 } });
    emulator.userMessage(siti, { document: { file_id: 'd', file_unique_id: 'd' } });
    emulator.userMessage(siti, { location: { latitude: -6.285, longitude: 107.171 } });
    await waitUntil(() => handler.received.length === 5);
    await emulator.waitForText(siti.id, /got location/);
    expect(handler.received.map((i) => i.kind)).toEqual(['image', 'sticker', 'audio', 'document', 'location']);
    expect(handler.received[0]?.text).toBe('ktp');
    expect(handler.received[4]?.location).toEqual({ lat: -6.285, lon: 107.171 });
  });

  it('answers an edited message with a note instead of handling it twice', async () => {
    emulator.userEdits(siti, 'ubah');
    await emulator.waitForText(siti.id, /tidak membaca pesan yang diedit/);
    expect(handler.received).toHaveLength(0);
  });

  it("keeps one person's messages in order even when an earlier one is slow", async () => {
    handler.delays.set('satu', 150);
    const before = emulator.sent.filter((m) => m.chat_id === String(siti.id)).length;
    for (const text of ['satu', 'dua', 'tiga']) emulator.userSends(siti, text);
    emulator.userSends(john, 'hi');
    const replies = (await emulator.waitForSent(siti.id, before + 3)).slice(before).map((m) => m.text);
    expect(replies).toEqual(['echo: satu', 'echo: dua', 'echo: tiga']);
    // John did not wait for Siti's slow message.
    expect(handler.texts().indexOf('hi')).toBeLessThan(handler.texts().indexOf('dua'));
  });

  it('reports a person who blocked the bot', async () => {
    emulator.userBlocks(john);
    await waitUntil(() => blocked.includes(String(john.id)));
  });

  it('reports the person as blocked when a reply gets 403', async () => {
    blocked.length = 0;
    emulator.failNext('sendMessage', 403, 'Forbidden: bot was blocked by the user');
    emulator.userSends(siti, 'halo lagi');
    await waitUntil(() => blocked.includes(String(siti.id)));
  });

  describe('its sender, as the alert workers see it', () => {
    it('sends a message with buttons', async () => {
      await adapter.sender.send(String(john.id), { text: 'Lowongan baru: Operator', choices: [{ id: 'apply:v1', label: 'Lamar' }], links: [{ label: 'Detail', url: 'https://example.org/v1' }] });
      expect(emulator.sent.at(-1)?.reply_markup?.inline_keyboard).toEqual([[{ text: 'Lamar', callback_data: 'apply:v1' }], [{ text: 'Detail', url: 'https://example.org/v1' }]]);
    });

    it('throws RecipientBlockedError on 403', async () => {
      emulator.failNext('sendMessage', 403, 'Forbidden: bot was blocked by the user');
      await expect(adapter.sender.send('5009', { text: 'x' })).rejects.toBeInstanceOf(RecipientBlockedError);
    });

    it('throws RateLimitedError carrying retry_after on 429', async () => {
      emulator.failNext('sendMessage', 429, 'Too Many Requests: retry after 7', { retry_after: 7 });
      const error: unknown = await adapter.sender.send('5009', { text: 'x' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RateLimitedError);
      expect((error as RateLimitedError).retryAfterMs).toBe(7000);
    });

    it('throws TemporarySendError on 5xx', async () => {
      emulator.failNext('sendMessage', 502, 'Bad Gateway');
      await expect(adapter.sender.send('5009', { text: 'x' })).rejects.toBeInstanceOf(TemporarySendError);
    });

    it('throws SendRejectedError (not retried) on another 400', async () => {
      emulator.failNext('sendMessage', 400, "Bad Request: can't parse entities");
      const error: unknown = await adapter.sender.send('5009', { text: 'x' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SendRejectedError);
      expect((error as SendRejectedError).unrecoverable).toBe(true);
    });

    it('throws TemporarySendError when the Bot API cannot be reached', async () => {
      const offline = new TelegramAdapter({ token: emulator.token, apiRoot: `http://127.0.0.1:${await freePort()}`, logger });
      await expect(offline.sender.send('5009', { text: 'x' })).rejects.toBeInstanceOf(TemporarySendError);
    });
  });
});

describe('Telegram adapter start-up failures', () => {
  it('does not throw on a rejected token: it reports "error" and stays off', async () => {
    const emulator = new TelegramEmulator();
    await emulator.start();
    const adapter = new TelegramAdapter({ token: '999:wrong-token_wrong-token', apiRoot: emulator.apiRoot, logger });
    await adapter.start(new StandInHandler());
    expect(await adapter.readiness.check()).toEqual({ ready: false, state: 'error' });
    await adapter.stop();
    await emulator.stop();
  });

  it('never retries a 401: one getMe, one error line that says how to fix it', async () => {
    const emulator = new TelegramEmulator();
    await emulator.start();
    const { logger: capturing, lines } = captureLogs('info');
    emulator.failNext('getMe', 401, 'Unauthorized');
    const adapter = new TelegramAdapter({ ...emulator.connection, logger: capturing, reconnect: { initialMs: 10, randomize: false } });
    try {
      await adapter.start(new StandInHandler());
      await sleep(200);
      expect(emulator.callsOf('getMe')).toHaveLength(1);
      expect(adapter.currentState).toBe('error');
      const loud = lines.filter((l) => l.level === 'error' || l.level === 'warn');
      expect(loud.map((l) => l.msg)).toEqual(['Telegram rejected the bot token (401); the Telegram channel stays off until TELEGRAM_BOT_TOKEN is fixed']);
    } finally {
      await adapter.stop();
      await emulator.stop();
    }
  });

  it('does not hang when the Bot API is unreachable, and stops promptly', async () => {
    const adapter = new TelegramAdapter({ token: '123:abc-def_ghi', apiRoot: `http://127.0.0.1:${await freePort()}`, logger, startTimeoutMs: 2_000 });
    const started = Date.now();
    await adapter.start(new StandInHandler());
    expect(Date.now() - started).toBeLessThan(2_500);
    expect((await adapter.readiness.check()).state).toBe('error');
    await adapter.stop();
    expect(Date.now() - started).toBeLessThan(3_500);
  });
});

describe('Telegram adapter reconnecting (p-retry backoff)', () => {
  const RECONNECT = { initialMs: 40, factor: 2, maxMs: 1_000, randomize: false };

  /** When each getMe call arrived, sampled every 2 ms. */
  function watchGetMe(emulator: TelegramEmulator): { times: number[]; stop: () => void } {
    const times: number[] = [];
    const timer = setInterval(() => {
      while (times.length < emulator.callsOf('getMe').length) times.push(Date.now());
    }, 2);
    return { times, stop: () => clearInterval(timer) };
  }

  it('retries an unreachable Bot API with growing delays, one error line then warnings, and connects when it is back', async () => {
    const emulator = new TelegramEmulator();
    await emulator.start();
    for (let i = 0; i < 3; i++) emulator.failNext('getMe', 502, 'Bad Gateway');
    const { logger: capturing, lines } = captureLogs('info');
    const watch = watchGetMe(emulator);
    const adapter = new TelegramAdapter({ ...emulator.connection, logger: capturing, reconnect: RECONNECT, registerCommands: false });
    try {
      await adapter.start(new StandInHandler());
      expect(adapter.currentState).toBe('error');
      await waitFor(() => adapter.currentState === 'polling', 'polling after three failures');
      // The watcher samples every 2 ms: on a busy machine the fourth call may be seen just after.
      await waitFor(() => watch.times.length >= 4, 'the fourth getMe to be sampled');
      const gaps = watch.times.slice(1).map((t, i) => t - watch.times[i]!);
      expect(gaps).toHaveLength(3);
      expect(gaps[0]).toBeGreaterThanOrEqual(35);
      expect(gaps[1]).toBeGreaterThanOrEqual(75);
      expect(gaps[2]).toBeGreaterThanOrEqual(155);
      const loud = lines.filter((l) => l.level === 'error' || l.level === 'warn');
      expect(loud.map((l) => [l.level, l.attempt])).toEqual([
        ['error', 1],
        ['warn', 2],
        ['warn', 3],
      ]);
      expect(loud[0]?.msg).toMatch(/^cannot reach the Telegram Bot API; retrying with backoff/);
    } finally {
      watch.stop();
      await adapter.stop();
      await emulator.stop();
    }
  });

  it('starts the backoff over after polling worked and then failed', async () => {
    const emulator = new TelegramEmulator();
    await emulator.start();
    for (let i = 0; i < 3; i++) emulator.failNext('getMe', 502, 'Bad Gateway');
    const { logger: capturing, lines } = captureLogs('info');
    const watch = watchGetMe(emulator);
    // Steep growth, so "started over" (40 ms) and "went on" (40 × 4³ ms) stay far apart on a busy machine.
    const adapter = new TelegramAdapter({ ...emulator.connection, logger: capturing, reconnect: { ...RECONNECT, factor: 4, maxMs: 10_000 }, registerCommands: false });
    try {
      await adapter.start(new StandInHandler());
      await waitFor(() => adapter.currentState === 'polling', 'polling', 10_000);
      // Another process takes over polling: Telegram answers 409 and telegraf stops.
      emulator.failNext('getUpdates', 409, 'Conflict: terminated by other getUpdates request');
      const lostAt = Date.now();
      emulator.userSends(siti, 'halo');
      await waitFor(() => watch.times.length === 5, 'a getMe after the conflict', 5_000);
      // The first delay again (40 ms), not the next one of the earlier outage (2,560 ms).
      expect(watch.times[4]! - lostAt).toBeGreaterThanOrEqual(35);
      expect(watch.times[4]! - lostAt).toBeLessThan(1_000);
      await waitFor(() => adapter.currentState === 'polling', 'polling again');
      const loud = lines.filter((l) => l.level === 'error' || l.level === 'warn');
      expect(loud.map((l) => l.level)).toEqual(['error', 'warn', 'warn', 'error']);
    } finally {
      watch.stop();
      await adapter.stop();
      await emulator.stop();
    }
  });

  it('stops at once while waiting out a long backoff', async () => {
    const emulator = new TelegramEmulator();
    await emulator.start();
    emulator.failNext('getMe', 502, 'Bad Gateway');
    const adapter = new TelegramAdapter({ ...emulator.connection, logger, reconnect: { initialMs: 60_000, randomize: false } });
    try {
      await adapter.start(new StandInHandler());
      expect(adapter.currentState).toBe('error');
      const began = Date.now();
      await adapter.stop();
      expect(Date.now() - began).toBeLessThan(500);
      expect(adapter.currentState).toBe('stopped');
      await sleep(100);
      expect(emulator.callsOf('getMe')).toHaveLength(1);
    } finally {
      await adapter.stop();
      await emulator.stop();
    }
  });
});

async function waitUntil(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
