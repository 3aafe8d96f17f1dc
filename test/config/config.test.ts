import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { problemsOf } from '../helpers/config-problems.js';


describe('loadConfig', () => {
  it('uses the embedded defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, role: 'all', logLevel: 'info', redisUrl: undefined, mongodbUri: undefined });
    expect(config.dataDir).toMatch(/\/data$/);
    expect(Object.isFrozen(config)).toBe(true);
    expect(config.admin).toEqual({ requestsPerMinute: 600, requestsPerIpPerMinute: 1200, loginsPerIp: 20, postingWarnings: 'reason', placementTarget: 3000 });
  });

  it('reads the admin settings', () => {
    const config = loadConfig({ ADMIN_REQUESTS_PER_MINUTE: '60', ADMIN_REQUESTS_PER_IP_PER_MINUTE: '120', ADMIN_LOGINS_PER_IP: '5', POSTING_WARNINGS: 'inform', PLACEMENT_TARGET: '4500' });
    expect(config.admin).toEqual({ requestsPerMinute: 60, requestsPerIpPerMinute: 120, loginsPerIp: 5, postingWarnings: 'inform', placementTarget: 4500 });
  });

  it('reads every documented variable', () => {
    const config = loadConfig({
      PORT: '8080',
      DATA_DIR: '/tmp/loker',
      REDIS_URL: 'redis://redis:6379',
      MONGODB_URI: 'mongodb://mongo:27017/lokerbot?replicaSet=rs0',
      ROLE: 'worker',
      LOG_LEVEL: 'debug',
      TELEGRAM_BOT_TOKEN: '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ_abc',
      TELEGRAM_API_ROOT: 'http://127.0.0.1:9000',
      TELEGRAM_WEBHOOK_URL: 'https://bot.example.go.id/telegram',
      TELEGRAM_WEBHOOK_SECRET: 'secret_123',
      WHATSAPP_ENABLED: '1',
      WHATSAPP_MIN_GAP_MS: '5000',
      WHATSAPP_MAX_PER_MINUTE: '10',
      CONVERSATION_IDLE_MINUTES: '45',
      ADMIN_TOKEN: 'x'.repeat(32),
    });
    expect(config).toMatchObject({
      port: 8080,
      dataDir: '/tmp/loker',
      redisUrl: 'redis://redis:6379',
      role: 'worker',
      whatsapp: { enabled: true, minGapMs: 5000, maxPerMinute: 10 },
      conversationIdleMinutes: 45,
      telegram: { apiRoot: 'http://127.0.0.1:9000', webhookSecret: 'secret_123' },
    });
  });

  it('asks seekers again after PROFILE_REFRESH_WEEKS (8) and pauses them after PROFILE_REFRESH_GRACE_DAYS (14) without an answer', () => {
    expect(loadConfig({}).alerts).toMatchObject({ profileRefreshWeeks: 8, profileRefreshGraceDays: 14 });
    expect(loadConfig({ PROFILE_REFRESH_WEEKS: '12', PROFILE_REFRESH_GRACE_DAYS: '21' }).alerts).toMatchObject({ profileRefreshWeeks: 12, profileRefreshGraceDays: 21 });
  });

  it.each([
    [{ PROFILE_REFRESH_WEEKS: '0' }, /^PROFILE_REFRESH_WEEKS: must be a whole number from 1 to 52 \(got "0"\)$/],
    [{ PROFILE_REFRESH_WEEKS: 'delapan' }, /^PROFILE_REFRESH_WEEKS: must be a whole number from 1 to 52/],
    [{ PROFILE_REFRESH_GRACE_DAYS: '1.5' }, /^PROFILE_REFRESH_GRACE_DAYS: must be a whole number from 1 to 90 \(got "1.5"\)$/],
    [{ PROFILE_REFRESH_GRACE_DAYS: '91' }, /^PROFILE_REFRESH_GRACE_DAYS: must be a whole number from 1 to 90/],
    [{ PROFILE_REFRESH_WEEKS: '2', PROFILE_REFRESH_GRACE_DAYS: '14' }, /^PROFILE_REFRESH_GRACE_DAYS: must be fewer days than PROFILE_REFRESH_WEEKS weeks \(14\)/],
  ])('refuses the refresh periods %o', (env, message) => {
    expect(problemsOf(env)).toEqual([expect.stringMatching(message)]);
  });

  it('takes the UMK "UMK" stands for in the chat from UMK_RUPIAH, by default Kabupaten Bekasi\'s for 2026', () => {
    expect(loadConfig({}).umkRupiah).toBe(5_938_885);
    expect(loadConfig({ UMK_RUPIAH: '6200000' }).umkRupiah).toBe(6_200_000);
  });

  it.each([
    [{ UMK_RUPIAH: '5,9 juta' }, /^UMK_RUPIAH: must be whole rupiah a month/],
    [{ UMK_RUPIAH: '5000' }, /^UMK_RUPIAH: must be whole rupiah a month, at least 1000000/],
    [{ PORT: 'abc' }, /^PORT: must be a whole number from 1 to 65535 \(got "abc"\)$/],
    [{ PORT: '70000' }, /^PORT: /],
    [{ MONGODB_URI: 'localhost:27017' }, /^MONGODB_URI: must be a URL starting with mongodb:\/\/ or mongodb\+srv:\/\//],
    [{ REDIS_URL: 'http://x' }, /^REDIS_URL: must be a URL/],
    [{ ROLE: 'boss' }, /^ROLE: must be one of all, web, worker/],
    [{ TELEGRAM_WEBHOOK_URL: 'https://x.id/hook' }, /^TELEGRAM_WEBHOOK_SECRET: required/],
    [{ ADMIN_TOKEN: 'short' }, /^ADMIN_TOKEN: must be at least 24/],
    [{ WHATSAPP_MAX_PER_MINUTE: '500' }, /^WHATSAPP_MAX_PER_MINUTE: must be at most 60/],
    [{ POSTING_WARNINGS: 'block' }, /^POSTING_WARNINGS: must be one of reason, inform \(got "block"\)$/],
    [{ PLACEMENT_TARGET: '0' }, /^PLACEMENT_TARGET: must be a whole number from 1 to 10000000/],
    [{ ADMIN_REQUESTS_PER_MINUTE: 'lots' }, /^ADMIN_REQUESTS_PER_MINUTE: must be a whole number/],
  ])('explains a bad value in one line: %o', (env, message) => {
    const problems = problemsOf(env);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(message);
  });

  it('takes the public site address of the vacancy feed from PUBLIC_BASE_URL, without a trailing slash', () => {
    expect(loadConfig({}).publicBaseUrl).toBeUndefined();
    expect(loadConfig({ PUBLIC_BASE_URL: '' }).publicBaseUrl).toBeUndefined();
    expect(loadConfig({ PUBLIC_BASE_URL: 'https://loker.bekasikab.go.id/' }).publicBaseUrl).toBe('https://loker.bekasikab.go.id');
    expect(loadConfig({ PUBLIC_BASE_URL: 'https://disnaker.bekasikab.go.id/loker' }).publicBaseUrl).toBe('https://disnaker.bekasikab.go.id/loker');
    expect(problemsOf({ PUBLIC_BASE_URL: 'loker.bekasikab.go.id' })).toEqual(['PUBLIC_BASE_URL: must be a URL starting with https:// or http://, e.g. https://loker.bekasikab.go.id']);
    expect(problemsOf({ PUBLIC_BASE_URL: 'https://loker.bekasikab.go.id/?utm=x' })).toHaveLength(1);
  });

  it('never echoes secrets back', () => {
    const [problem] = problemsOf({ ADMIN_TOKEN: 'tiny-secret' });
    expect(problem).not.toContain('tiny-secret');
  });

  it('lists every bad value at once', () => {
    expect(problemsOf({ PORT: '-1', ROLE: 'x', LOG_LEVEL: 'loud' })).toHaveLength(3);
  });
});
