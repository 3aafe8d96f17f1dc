import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { problemsOf } from '../helpers/config-problems.js';

describe('send worker settings', () => {
  it('default to Telegram’s advice and the web inbox bounds', () => {
    expect(loadConfig({}).sending).toEqual({ telegramPerSecond: 25, telegramPerChatMs: 1000, concurrency: 10, webInboxMaxMessages: 50, webInboxDays: 30 });
  });

  it('read every variable', () => {
    const env = { TELEGRAM_SEND_PER_SECOND: '20', TELEGRAM_SEND_PER_CHAT_MS: '0', SEND_CONCURRENCY: '4', WEB_INBOX_MAX_MESSAGES: '10', WEB_INBOX_DAYS: '7' };
    expect(loadConfig(env).sending).toEqual({ telegramPerSecond: 20, telegramPerChatMs: 0, concurrency: 4, webInboxMaxMessages: 10, webInboxDays: 7 });
  });

  it('refuse bad values with one line each', () => {
    expect(problemsOf({ TELEGRAM_SEND_PER_SECOND: '31', TELEGRAM_SEND_PER_CHAT_MS: '-1', SEND_CONCURRENCY: 'many', WEB_INBOX_MAX_MESSAGES: '0', WEB_INBOX_DAYS: '366' })).toEqual([
      'TELEGRAM_SEND_PER_SECOND: must be a whole number from 1 to 30 (Telegram allows about 30 messages a second) (got "31")',
      'TELEGRAM_SEND_PER_CHAT_MS: must be 0 (off) or more (got "-1")',
      'SEND_CONCURRENCY: must be a whole number from 1 to 100 (got "many")',
      'WEB_INBOX_MAX_MESSAGES: must be a whole number from 1 to 1000 (got "0")',
      'WEB_INBOX_DAYS: must be a whole number from 1 to 365 (got "366")',
    ]);
  });
});
