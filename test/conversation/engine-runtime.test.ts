import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import type { ConversationEngine, Inbound } from '../../src/conversation/index.js';
import { createTestConversation } from '../helpers/conversation.js';
import { useTestRedis } from '../helpers/redis.js';
import { consent, expectPrompt, lastText, register, registerUpTo, REGISTRATION, seekerOf, sharedConversation, storedState, t } from './script.js';

function inbound(userId: string, text: string, messageId: string = randomUUID(), channel: Inbound['channel'] = 'web'): Inbound {
  return { channel, userId, messageId, kind: 'text', text, receivedAt: new Date().toISOString() };
}

describe('conversation engine: restarts, expiry, duplicates and concurrency', () => {
  const redis = useTestRedis();
  const { conversation, nextUser } = sharedConversation(redis);

  describe.each(['id', 'en'] as const)('restart (%s)', (locale) => {
    it('resumes at the same step after a restart, with the answers kept', async () => {
      const user = nextUser();
      const c = conversation();
      await registerUpTo(c, user, locale, 6);
      const before = await storedState(redis.client, c, user);
      c.restart();
      expect(await storedState(redis.client, c, user)).toEqual(before);
      const skills = REGISTRATION[6];
      if (!skills) throw new Error('script');
      expectPrompt(await c.say(user, skills.answer[locale]), REGISTRATION[7] ?? skills, locale);
      for (const step of REGISTRATION.slice(7)) await c.say(user, step.answer[locale]);
      const seeker = await seekerOf(c, user);
      expect(seeker).toMatchObject({ name: 'Budi Santoso', domicile: { kecamatan: 'Cikarang Utara' }, education: { level: 'SMK' }, locale });
    });

    it('goes back across a restart', async () => {
      const user = nextUser();
      const c = conversation();
      await registerUpTo(c, user, locale, 3);
      c.restart();
      expect(lastText(await c.say(user, locale === 'id' ? 'kembali' : 'back'))).toBe(t(locale, 'reg.desa.prompt'));
    });
  });

  describe('idle expiry', () => {
    it('drops an idle flow with a friendly note on the next message, keeping a registration as a draft', async () => {
      const user = nextUser();
      let clock = Date.parse('2026-11-20T08:00:00Z');
      const c = createTestConversation(redis.client, { now: () => new Date(clock), idleTimeoutMs: 60_000 });
      await registerUpTo(c, user, 'en', 3);
      clock += 30_000;
      expect(lastText(await c.say(user, 'yes'))).toBe(t('en', 'reg.education.prompt'));
      clock += 61_000;
      const replies = await c.say(user, 'SMK');
      expect(replies[0]?.text).toBe(t('en', 'session.expired-draft'));
      expect(lastText(replies)).toBe(t('en', 'menu.prompt'));
      const state = await storedState(redis.client, c, user);
      expect(state).toMatchObject({ flow: 'menu', data: {}, locale: 'en', draft: { flow: 'registration', step: 'education', back: ['name', 'kecamatan', 'desa', 'ktp'] } });
      expect(typeof state?.consentAt).toBe('string');
    });

    it('drops an idle flow that keeps no draft with the plain note', async () => {
      const user = nextUser();
      let clock = Date.parse('2026-11-20T08:00:00Z');
      const c = createTestConversation(redis.client, { now: () => new Date(clock), idleTimeoutMs: 60_000 });
      await consent(c, user, 'id');
      await c.say(user, 'langganan');
      clock += 61_000;
      const replies = await c.say(user, 'halo');
      expect(replies[0]?.text).toBe(t('id', 'session.expired'));
    });

    it('runs the message after the note when it is a command: "daftar" resumes the kept registration', async () => {
      const user = nextUser();
      let clock = Date.parse('2026-11-20T08:00:00Z');
      const c = createTestConversation(redis.client, { now: () => new Date(clock), idleTimeoutMs: 60_000 });
      await registerUpTo(c, user, 'id', 2);
      clock += 24 * 3600_000;
      const replies = await c.say(user, 'daftar');
      expect(replies.map((r) => r.text)).toEqual([t('id', 'session.expired-draft'), t('id', 'draft.resumed'), t('id', 'reg.desa.prompt')]);
      expect(await storedState(redis.client, c, user)).toMatchObject({ flow: 'registration', step: 'desa', data: { name: 'Budi Santoso', kecamatan: 'Cikarang Utara' } });
    });
  });

  describe('before consent', () => {
    it('keeps nothing that names the person, and what it keeps to finish the welcome expires within the idle time', async () => {
      const c = createTestConversation(redis.client, { channel: 'whatsapp' });
      const phone = '+6281398765432';
      await c.say(phone, 'halo');
      await c.say(phone, '1');
      const keys = await redis.client.keys(`${c.prefix}:*`);
      expect(keys.length).toBeGreaterThan(0);
      for (const key of keys) {
        expect(key).not.toContain('81398765432');
        const ttl = await redis.client.ttl(key);
        expect(ttl).toBeGreaterThan(0);
        expect(ttl).toBeLessThanOrEqual(24 * 3600);
      }
      expect(await redis.client.ttl(c.states.keysOf(`whatsapp/${phone}`).state)).toBeLessThanOrEqual(30 * 60);
      expect(JSON.stringify(await c.store.seekers.find())).not.toContain('81398765432');
      // Once they agree, the state is kept for the retention period.
      await c.say(phone, 'setuju');
      expect(await redis.client.ttl(c.states.keysOf(`whatsapp/${phone}`).state)).toBeGreaterThan(30 * 24 * 3600);
    });
  });

  describe('duplicate message ids', () => {
    it('handles a redelivered message once: no replies on WhatsApp (it sent them), the same replies on the web; state unchanged', async () => {
      const user = nextUser();
      const c = conversation();
      await consent(c, user, 'id');
      const first = await c.say(user, 'Budi Santoso', 'wamid-1');
      expect(lastText(first)).toBe(t('id', 'reg.kecamatan.prompt'));
      const before = await storedState(redis.client, c, user);
      expect(await c.say(user, 'Budi Santoso', 'wamid-1')).toEqual(first);
      expect(await c.say(user, 'something else entirely', 'wamid-1')).toEqual(first);
      expect(await storedState(redis.client, c, user)).toEqual(before);
      const whatsapp = c.engine;
      const phone = `+62812${Date.now() % 1_000_000}`;
      expect(await whatsapp.handle(inbound(phone, 'halo', 'wamid-2', 'whatsapp'))).not.toEqual([]);
      expect(await whatsapp.handle(inbound(phone, 'halo', 'wamid-2', 'whatsapp'))).toEqual([]);
    });

    it('still knows a handled message after a restart', async () => {
      const user = nextUser();
      const c = conversation();
      const first = await c.say(user, 'halo', 'm-1');
      c.restart();
      expect(await c.say(user, 'halo', 'm-1')).toEqual(first);
      expect(await c.engine.handle(inbound(user, 'halo', 'm-2', 'telegram'))).not.toEqual([]);
      c.restart();
      expect(await c.engine.handle(inbound(user, 'halo', 'm-2', 'telegram'))).toEqual([]);
    });

    it('keeps message ids per person', async () => {
      const user = nextUser();
      const c = conversation();
      expect(await c.say(user, 'halo', 'same-id')).not.toEqual([]);
      expect(await c.say(`${user}-b`, 'halo', 'same-id')).not.toEqual([]);
    });

    it('handles a message again when its first handling failed, and keeps the state as it was', async () => {
      const user = nextUser();
      const c = conversation();
      await registerUpTo(c, user, 'id', REGISTRATION.length - 1);
      const before = await storedState(redis.client, c, user);
      const create = vi.spyOn(c.store.seekers, 'create').mockRejectedValueOnce(new Error('disk full'));
      await expect(c.say(user, 'ya', 'last')).rejects.toThrow('disk full');
      expect(await storedState(redis.client, c, user)).toEqual(before);
      const retried = await c.say(user, 'ya', 'last');
      expect(retried[0]?.text).toBe(t('id', 'reg.done', { name: 'Budi Santoso' }));
      expect(await seekerOf(c, user)).toBeDefined();
      create.mockRestore();
    });
  });

  describe('concurrent messages of one person', () => {
    it('handles them one at a time, in order, none lost', async () => {
      const user = nextUser();
      const c = conversation();
      await consent(c, user, 'id');
      const answers = REGISTRATION.slice(0, 5).map((s) => s.answer.id);
      const results = await Promise.all(answers.map((a) => c.say(user, a)));
      results.forEach((replies, i) => {
        const next = REGISTRATION[i + 1];
        if (!next) throw new Error('script');
        expectPrompt(replies, next, 'id');
      });
      const state = await storedState(redis.client, c, user);
      expect(state).toMatchObject({
        flow: 'registration',
        step: 'major',
        data: { name: 'Budi Santoso', kecamatan: 'Cikarang Utara', desa: 'Karangasih', ktpBekasi: true, education: 'SMK' },
        back: ['name', 'kecamatan', 'desa', 'ktp', 'education'],
      });
    });

    it('handles the same message id sent twice at once only once; on the web both get its replies', async () => {
      const user = nextUser();
      const c = conversation();
      await consent(c, user, 'id');
      const [a, b] = await Promise.all([c.say(user, 'Budi Santoso', 'twin'), c.say(user, 'Budi Santoso', 'twin')]);
      expect(a).toEqual(b);
      expect(await storedState(redis.client, c, user)).toMatchObject({ step: 'kecamatan', back: ['name'] });
      const results = await Promise.all([c.engine.handle(inbound(user, 'halo', 'twin-tg', 'telegram')), c.engine.handle(inbound(user, 'halo', 'twin-tg', 'telegram'))]);
      expect(results.filter((r) => r.length > 0)).toHaveLength(1);
    });

    it('keeps people apart: many people at once each get their own conversation', async () => {
      const user = nextUser();
      const c = conversation();
      const users = Array.from({ length: 8 }, (_, i) => `${user}-${i}`);
      await Promise.all(users.map((u, i) => register(c, u, i === 1 ? 'en' : 'id')));
      const seekers = await Promise.all(users.map((u) => seekerOf(c, u)));
      expect(seekers.map((s) => s?.locale)).toEqual(['id', 'en', 'id', 'id', 'id', 'id', 'id', 'id']);
    });
  });

  describe('two engines over the same Redis (two processes)', () => {
    function twoEngines(): { c: ReturnType<typeof createTestConversation>; a: ConversationEngine; b: ConversationEngine } {
      const c = conversation();
      const a = c.engine;
      const b = c.restart();
      return { c, a, b };
    }

    it('handles a message id delivered to both only once', async () => {
      const user = nextUser();
      const { a, b } = twoEngines();
      for (let round = 0; round < 10; round++) {
        const id = `both-${round}`;
        const [first, second] = await Promise.all([a.handle(inbound(user, 'bantuan', id, 'telegram')), b.handle(inbound(user, 'bantuan', id, 'telegram'))]);
        expect([first.length > 0, second.length > 0].filter(Boolean)).toHaveLength(1);
      }
    });

    it('never loses an update when both handle the same person at once', async () => {
      const user = nextUser();
      const { c, a, b } = twoEngines();
      await registerUpTo(c, user, 'id', 8);
      // Two wrong answers at once: each must see the other's retry count (one at a time, by the Redis lock).
      await Promise.all([a.handle(inbound(user, 'hmm')), b.handle(inbound(user, 'entah'))]);
      expect(await storedState(redis.client, c, user)).toMatchObject({ step: 'experience-years', retries: 2 });
      const third = await a.handle(inbound(user, 'hmm'));
      expect(third[0]?.text).toBe(`${t('id', 'error.years')}\n\n${t('id', 'reg.experience-years.help')}`);
      expect(await storedState(redis.client, c, user)).toMatchObject({ step: 'experience-years', retries: 3 });
    });

    it('lets the two take turns through a whole registration', async () => {
      const user = nextUser();
      const { c, a, b } = twoEngines();
      await consent(c, user, 'en');
      for (const [i, step] of REGISTRATION.entries()) await (i % 2 === 0 ? a : b).handle(inbound(user, step.answer.en));
      expect(await seekerOf(c, user)).toBeDefined();
      expect(await redis.client.keys(`${c.prefix}:lock:*`)).toEqual([]);
    });
  });
});
