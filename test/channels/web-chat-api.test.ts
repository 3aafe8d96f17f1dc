import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebChannel, type WebChannelOptions } from '../../src/channels/web/web-channel.js';
import { sessionCounterKey } from '../../src/channels/web/web-chat-limits.js';
import type { InboundHandler } from '../../src/conversation/message.js';
import { createApp } from '../../src/http/app.js';
import { createLogger } from '../../src/runtime/logger.js';
import { connectRedis, type RedisClient } from '../../src/runtime/redis-client.js';
import { RedisServer } from '../../src/runtime/redis-server.js';
import { projectRoot } from '../../src/project-root.js';
import { LOCALES, register } from '../conversation/script.js';
import { createTestConversation, type TestConversation } from '../helpers/conversation.js';
import { uniquePrefix, useTestRedis } from '../helpers/redis.js';
import { sleep } from '../helpers/wait.js';

/*
 * The web chat API over a real HTTP server on loopback and this file's own redis-server. Requests
 * say which client address they come from with X-Forwarded-For (the app trusts its loopback proxy),
 * so each test is its own set of "people" and the per-address limits of one do not touch another.
 */

interface Reply {
  text: string;
  choices?: { id: string; label: string }[];
}
interface ChatBody {
  replies: Reply[];
  sessionToken?: string;
}
interface ErrorBody {
  error: { code: string; message: string };
}

const logger = createLogger({ level: 'silent' });
const KEY = Buffer.alloc(32, 9);
const PUBLIC_DIR = path.join(projectRoot(), 'public');

interface TestApp {
  readonly base: string;
  readonly channel: WebChannel;
  close(): Promise<void>;
}

interface TestAppOptions extends Partial<Omit<WebChannelOptions, 'redis' | 'logger' | 'publicDir'>> {
  /** The conversation handler; undefined leaves the channel unstarted (as while the service starts). */
  readonly handler?: InboundHandler;
  readonly frameAncestors?: Readonly<Record<string, readonly string[]>>;
}

async function startApp(redis: RedisClient, options: TestAppOptions = {}): Promise<TestApp> {
  const { handler, frameAncestors, ...channelOptions } = options;
  const channel = new WebChannel({ redis, logger, publicDir: PUBLIC_DIR, sessionKey: KEY, rateLimitPrefix: `${uniquePrefix('rl')}:`, ...channelOptions });
  const app = createApp({ logger, readiness: [channel.readiness], routes: channel.routes, ...(frameAncestors ? { frameAncestors } : {}) });
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  if (handler) await channel.start(handler);
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    channel,
    close: async () => {
      await channel.stop();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

let nextAddress = 1;
/** A client address no other test uses. */
const newAddress = () => `198.51.100.${nextAddress++}`;

interface PostOptions {
  readonly token?: string;
  readonly cookie?: string;
  readonly address?: string;
  readonly contentType?: string;
  readonly headers?: Record<string, string>;
}

function post(base: string, body: unknown, o: PostOptions = {}): Promise<Response> {
  return fetch(`${base}/api/chat/messages`, {
    method: 'POST',
    headers: {
      'content-type': o.contentType ?? 'application/json',
      'x-forwarded-for': o.address ?? newAddress(),
      ...(o.token ? { authorization: `Bearer ${o.token}` } : {}),
      ...(o.cookie ? { cookie: o.cookie } : {}),
      ...o.headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** One person talking through the API: the first message starts the session, the rest send its token. */
class ApiPerson {
  token: string | undefined;
  userId: string | undefined;
  readonly address = newAddress();
  constructor(private readonly base: string) {}

  async say(text: string, extra: Record<string, unknown> = {}): Promise<ChatBody> {
    const response = await this.send(text, extra);
    expect(response.status, await response.clone().text()).toBe(200);
    const body = (await response.json()) as ChatBody;
    if (body.sessionToken) {
      this.token = body.sessionToken;
      this.userId = (await sessionOf(this.base, this.token)).userId;
    }
    return body;
  }

  send(text: string, extra: Record<string, unknown> = {}): Promise<Response> {
    return post(this.base, { text, ...extra }, { address: this.address, ...(this.token ? { token: this.token } : {}) });
  }
}

async function sessionOf(base: string, token: string): Promise<{ userId: string }> {
  const response = await fetch(`${base}/api/chat/session`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  return (await response.json()) as { userId: string };
}

/** Polls an async probe until it holds; fails after `timeoutMs` saying what did not happen. */
async function eventually(probe: () => Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`no ${what} within ${timeoutMs} ms`);
    await sleep(20);
  }
}

const openPages = (app: TestApp) => app.channel.readiness.check().then((s) => s.state);

async function errorOf(response: Response): Promise<ErrorBody['error']> {
  return ((await response.json()) as ErrorBody).error;
}

/** An event stream read with fetch (Node has no EventSource): what arrived so far, and whether it ended. */
interface Stream {
  readonly status: number;
  readonly response: Response;
  /** Waits until the text received so far matches, or the stream ends. */
  until(match: RegExp, timeoutMs?: number): Promise<string>;
  readonly ended: Promise<string>;
  close(): void;
}

async function openStream(base: string, headers: Record<string, string>, query = ''): Promise<Stream> {
  const abort = new AbortController();
  const response = await fetch(`${base}/api/chat/events${query}`, { headers, signal: abort.signal });
  let text = '';
  const waiters = new Set<() => void>();
  const ended = (async () => {
    if (!response.body || response.status !== 200) return text;
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        text += decoder.decode(value, { stream: true });
        for (const wake of waiters) wake();
      }
    } catch {
      // aborted by close()
    }
    for (const wake of waiters) wake();
    return text;
  })();
  let finished = false;
  void ended.then(() => {
    finished = true;
  });
  return {
    status: response.status,
    response,
    ended,
    until: (match, timeoutMs = 5000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`stream did not show ${match} within ${timeoutMs} ms; got: ${text}`)), timeoutMs);
        const check = () => {
          if (match.test(text) || finished) {
            clearTimeout(timer);
            waiters.delete(check);
            resolve(text);
          }
        };
        waiters.add(check);
        check();
      }),
    close: () => abort.abort(),
  };
}

describe('web chat API', () => {
  const redis = useTestRedis();
  let conversation: TestConversation;
  let app: TestApp;
  /** userIds the conversation engine was asked to handle, to prove a refused request never reached it. */
  const handled: string[] = [];
  let handler: InboundHandler;

  beforeAll(async () => {
    conversation = createTestConversation(redis.client);
    handler = {
      handle: (inbound) => {
        handled.push(inbound.userId);
        return conversation.engine.handle(inbound);
      },
      transcript: (identity) => conversation.engine.transcript(identity),
      textFor: (identity, key) => conversation.engine.textFor(identity, key),
    };
    app = await startApp(redis.client, { handler, limits: { messagesPerMinute: 30, newConversationsPerIp: 5 } });
  });
  afterAll(async () => {
    await app.close();
  });

  describe('the server-issued session', () => {
    it('starts a conversation for a message without a session: an HttpOnly SameSite=Lax cookie and a sessionToken', async () => {
      const response = await post(app.base, { text: 'halo' });
      expect(response.status).toBe(200);
      const body = (await response.json()) as ChatBody;
      expect(body.replies[0]?.choices?.map((c) => c.id)).toEqual(['id', 'en']);
      expect(body.sessionToken).toMatch(/^v1\.web-[0-9a-f]{32}\.[A-Za-z0-9_-]{43}$/);
      const cookie = response.headers.get('set-cookie') ?? '';
      expect(cookie).toContain(`lokerbot_session=${body.sessionToken}`);
      expect(cookie).toMatch(/; Max-Age=15552000/);
      expect(cookie).toMatch(/; Path=\//);
      expect(cookie).toMatch(/; HttpOnly/);
      expect(cookie).toMatch(/; SameSite=Lax/);
      // Plain http on loopback: a Secure cookie would never come back.
      expect(cookie).not.toMatch(/Secure/);
      expect(response.headers.get('cache-control')).toBe('no-store');
    });

    it('marks the cookie Secure when the request came over https (through the TLS-ending proxy)', async () => {
      const response = await post(app.base, { text: 'halo' }, { headers: { 'x-forwarded-proto': 'https' } });
      expect(response.status).toBe(200);
      expect(response.headers.get('set-cookie')).toMatch(/; Secure/);
    });

    it('continues the conversation with the Bearer token, taking a choice by its id or its label', async () => {
      const budi = new ApiPerson(app.base);
      expect((await budi.say('halo')).replies[0]?.choices?.map((c) => c.id)).toEqual(['id', 'en']);
      const byId = await budi.say('en');
      expect(byId.sessionToken).toBeUndefined();
      expect(byId.replies[0]?.text).toMatch(/Privacy notice/);
      const byLabel = await budi.say('Yes');
      expect(byLabel.replies.at(-1)?.text).toBe('What is your full name?');
    });

    it('continues the conversation with the cookie alone, as the page does', async () => {
      const address = newAddress();
      const first = await post(app.base, { text: 'halo' }, { address });
      const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0]!;
      const second = await post(app.base, { text: 'en' }, { address, cookie });
      expect(second.status).toBe(200);
      const body = (await second.json()) as ChatBody;
      expect(body.sessionToken).toBeUndefined();
      expect(body.replies[0]?.text).toMatch(/Privacy notice/);
    });

    it('accepts userId in the body only when it is the session’s own', async () => {
      const siti = new ApiPerson(app.base);
      await siti.say('halo');
      expect((await siti.say('en', { userId: siti.userId })).replies[0]?.text).toMatch(/Privacy notice/);
    });

    it('no longer lets an id like budi123 in the body select a conversation', async () => {
      await conversation.say('budi123', 'halo');
      const before = handled.length;
      const response = await post(app.base, { userId: 'budi123', text: 'en' });
      expect(response.status).toBe(403);
      expect(await errorOf(response)).toMatchObject({ code: 'loker:session-mismatch', message: expect.stringMatching(/leave it out/) as unknown });
      // Refused before the engine, and no session was started for it.
      expect(handled.length).toBe(before);
      expect(response.headers.get('set-cookie')).toBeNull();
    });

    it('refuses a forged or garbled session with 401 and clears the cookie', async () => {
      const other = new ApiPerson(app.base);
      await other.say('halo');
      const [version, userId, signature] = other.token!.split('.');
      const forgeries = [
        `${version}.${userId}.${'A'.repeat(43)}`,
        `${version}.web-${'0'.repeat(32)}.${signature}`,
        'not-a-token',
        `${other.token}x`,
        'x'.repeat(5000),
      ];
      for (const forged of forgeries) {
        const byBearer = await post(app.base, { text: 'halo' }, { token: forged });
        expect(byBearer.status, forged.slice(0, 60)).toBe(401);
        expect((await errorOf(byBearer)).code).toBe('loker:session-invalid');
        const byCookie = await post(app.base, { text: 'halo' }, { cookie: `lokerbot_session=${forged}` });
        expect(byCookie.status).toBe(401);
        expect(byCookie.headers.get('set-cookie')).toMatch(/^lokerbot_session=; Max-Age=0; Path=\/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax$/);
      }
    });

    it('refuses a token signed with another key (as after the key changed)', async () => {
      const elsewhere = await startApp(redis.client, { sessionKey: Buffer.alloc(32, 1), handler: conversation.engine });
      try {
        const person = new ApiPerson(elsewhere.base);
        await person.say('halo');
        const response = await post(app.base, { text: 'halo' }, { token: person.token! });
        expect(response.status).toBe(401);
      } finally {
        await elsewhere.close();
      }
    });

    it('ignores an Authorization header of another scheme (a Basic-auth proxy in front)', async () => {
      const response = await post(app.base, { text: 'halo' }, { headers: { authorization: 'Basic dXNlcjpwYXNz' } });
      expect(response.status).toBe(200);
      expect(((await response.json()) as ChatBody).sessionToken).toBeDefined();
    });

    it('says whose session it is on GET /session, and 401 without one', async () => {
      const person = new ApiPerson(app.base);
      await person.say('halo');
      expect((await sessionOf(app.base, person.token!)).userId).toMatch(/^web-[0-9a-f]{32}$/);
      const none = await fetch(`${app.base}/api/chat/session`);
      expect(none.status).toBe(401);
    });
  });

  describe('nobody can borrow another person’s conversation', () => {
    it('another client cannot act as someone with their userId, nor see their profile', async () => {
      const owner = new ApiPerson(app.base);
      await owner.say('halo');
      await register(conversation, owner.userId!, 'en');
      const profile = await owner.say('profile');
      expect(profile.replies.map((r) => r.text).join('\n')).toContain('Budi Santoso');

      const stranger = new ApiPerson(app.base);
      await stranger.say('halo');
      const asOwner = await stranger.send('profile', { userId: owner.userId });
      expect(asOwner.status).toBe(403);
      expect(JSON.stringify(await asOwner.json())).not.toContain('Budi');
      const withoutSession = await post(app.base, { text: 'profile', userId: owner.userId });
      expect(withoutSession.status).toBe(403);
      // Their own conversation is theirs alone: nothing of the owner's shows.
      const own = await stranger.say('profile');
      expect(JSON.stringify(own)).not.toContain('Budi');
      // And nobody can erase it: the owner's profile is still there.
      expect(await stranger.send('delete', { userId: owner.userId }).then((r) => r.status)).toBe(403);
      expect(await conversation.store.seekers.findByIdentity({ channel: 'web', userId: owner.userId! })).toMatchObject({ name: 'Budi Santoso' });
    });

    it('another client cannot read someone’s pushed messages', async () => {
      const owner = new ApiPerson(app.base);
      await owner.say('halo');
      const stranger = new ApiPerson(app.base);
      await stranger.say('halo');

      const anonymous = await openStream(app.base, {});
      expect(anonymous.status).toBe(401);
      expect(((await anonymous.response.json()) as ErrorBody).error.code).toBe('loker:session-invalid');
      const byQuery = await openStream(app.base, { authorization: `Bearer ${stranger.token!}` }, `?userId=${owner.userId!}`);
      expect(byQuery.status).toBe(403);
      const garbled = await openStream(app.base, { cookie: 'lokerbot_session=v1.garbled' });
      expect(garbled.status).toBe(401);
      expect(garbled.response.headers.get('set-cookie')).toMatch(/Max-Age=0/);

      const mine = await openStream(app.base, { cookie: `lokerbot_session=${owner.token!}` });
      const theirs = await openStream(app.base, { authorization: `Bearer ${stranger.token!}` });
      try {
        expect(mine.status).toBe(200);
        expect(mine.response.headers.get('content-type')).toBe('text/event-stream');
        await mine.until(/: connected/);
        await theirs.until(/: connected/);
        await app.channel.sender.send(owner.userId!, { text: 'Lowongan baru: Operator Forklift di MM2100' });
        expect(await mine.until(/Operator Forklift/)).toContain('event: message\ndata: {"text":"Lowongan baru: Operator Forklift di MM2100"}');
        await app.channel.sender.send(stranger.userId!, { text: 'only for the stranger' });
        expect(await theirs.until(/only for the stranger/)).not.toContain('Operator Forklift');
      } finally {
        mine.close();
        theirs.close();
      }
    });
  });

  describe('what a client can come back for', () => {
    it('answers a retried messageId with the replies of its first handling', async () => {
      const budi = new ApiPerson(app.base);
      await budi.say('halo');
      await budi.say('id');
      await budi.say('setuju');
      const before = handled.length;
      const first = await budi.say('Budi Santoso', { messageId: 'client-42' });
      expect(first.replies.at(-1)?.text).toBe(LOCALES.t('id', 'reg.kecamatan.prompt'));
      // The client timed out and sends it again: the same question, not {"replies": []}, and handled once.
      const retried = await budi.say('Budi Santoso', { messageId: 'client-42' });
      expect(retried.replies).toEqual(first.replies);
      expect(handled.length).toBe(before + 2);
      expect((await budi.say('Setu')).replies.at(-1)?.text).toBe(LOCALES.t('id', 'reg.desa.prompt'));
    });

    it('gives the page the recent conversation with the pending question and its buttons last; nothing without a session', async () => {
      const none = await fetch(`${app.base}/api/chat/history`);
      expect(none.status).toBe(200);
      expect(await none.json()).toEqual({ messages: [] });
      const siti = new ApiPerson(app.base);
      await siti.say('halo');
      await siti.say('en');
      await siti.say('yes');
      await siti.say('Siti Rahayu');
      await siti.say('Setu');
      const response = await fetch(`${app.base}/api/chat/history`, { headers: { authorization: `Bearer ${siti.token!}` } });
      expect(response.headers.get('cache-control')).toBe('no-store');
      const { messages } = (await response.json()) as { messages: { from: string; text: string; choices?: { id: string }[] }[] };
      expect(messages.filter((m) => m.from === 'person').map((m) => m.text)).toEqual(['Yes', 'Siti Rahayu', 'Setu']);
      expect(messages.at(-1)).toEqual({ from: 'bot', text: LOCALES.t('en', 'reg.desa.prompt'), choices: [{ id: 'skip', label: LOCALES.t('en', 'common.skip') }] });
      // Another session sees only its own.
      const other = new ApiPerson(app.base);
      await other.say('halo');
      const theirs = (await (await fetch(`${app.base}/api/chat/history`, { headers: { authorization: `Bearer ${other.token!}` } })).json()) as { messages: { text: string }[] };
      expect(JSON.stringify(theirs)).not.toContain('Siti');
    });

    it('sends the front door to the chat page', async () => {
      const response = await fetch(`${app.base}/`, { redirect: 'manual' });
      expect(response.status).toBe(302);
      expect(response.headers.get('location')).toBe('/chat');
    });
  });

  describe('rate limits keyed on the verified identity', () => {
    it('limits one session’s message rate, not everyone’s', async () => {
      const flood = new ApiPerson(app.base);
      await flood.say('halo');
      const statuses: number[] = [];
      // The first message ("halo") came before the session existed, so it counted for the address.
      for (let i = 0; i < 32; i++) statuses.push((await flood.send('menu')).status);
      expect(statuses.filter((s) => s === 429)).toHaveLength(2);
      const limited = await flood.send('menu');
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
      const refusal = await errorOf(limited);
      expect(refusal.code).toBe('loker:rate-limited');
      // The language question was never answered: the refusal comes in both languages.
      expect(refusal.message).toBe(`${LOCALES.t('id', 'error.rate-limited')}\n${LOCALES.t('en', 'error.rate-limited')}`);
      const calm = new ApiPerson(app.base);
      expect((await calm.send('halo')).status).toBe(200);
    });

    it.each(['id', 'en'] as const)('says "too many messages" in the language of the conversation (%s)', async (locale) => {
      const person = new ApiPerson(app.base);
      await person.say('halo');
      await person.say(locale);
      let limited: Response | undefined;
      for (let i = 0; i < 40 && !limited; i++) {
        const response = await person.send('menu');
        if (response.status === 429) limited = response;
      }
      expect(limited?.status).toBe(429);
      expect((await errorOf(limited!)).message).toBe(LOCALES.t(locale, 'error.rate-limited'));
    });

    it('does not multiply the limit for padded or changed variants of an id', async () => {
      const person = new ApiPerson(app.base);
      await person.say('halo');
      const own = person.userId!;
      const variants = [own, ` ${own}`, `${own} `, own.toUpperCase(), `${own}\u200b`, `${own}-2`];
      const statuses: number[] = [];
      for (let i = 0; i < 40; i++) statuses.push((await person.send('menu', { userId: variants[i % variants.length] })).status);
      // 30 a minute for the session, whatever the body says ("halo" came before the session and counted for the address).
      expect(statuses.slice(0, 30).every((s) => s === 200 || s === 403)).toBe(true);
      expect(statuses.slice(30)).toEqual(Array<number>(10).fill(429));
      expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(0);
    });

    it('rejects 60 KB ids before any per-id state exists', async () => {
      const prefix = uniquePrefix('rl-big');
      const big = await startApp(redis.client, { rateLimitPrefix: `${prefix}:`, handler, limits: { newConversationsPerIp: 10_000 } });
      try {
        const before = handled.length;
        const address = newAddress();
        const statuses = new Set<number>();
        for (let i = 0; i < 40; i++) {
          const id = `${i}-${'x'.repeat(60_000)}`;
          statuses.add((await post(big.base, { userId: id, text: 'halo' }, { address })).status);
        }
        expect([...statuses]).toEqual([400]);
        // The only counter is the address's; no key holds an id.
        expect(await redis.client.keys(`${prefix}:*`)).toEqual([`${prefix}:new:ip:${address}`]);
        expect(handled.length).toBe(before);

        // With a session, the same: refused, and counted only for the session's own id.
        const person = new ApiPerson(big.base);
        await person.say('halo');
        for (let i = 0; i < 40; i++) {
          const response = await person.send('halo', { userId: `${person.userId!}${'x'.repeat(60_000)}-${i}` });
          expect(response.status).toBe(400);
        }
        const keys = await redis.client.keys(`${prefix}:*`);
        expect(keys.sort()).toEqual([`${prefix}:msg:${sessionCounterKey(person.userId!)}`, `${prefix}:new:ip:${address}`, `${prefix}:new:ip:${person.address}`].sort());
        expect(handled.length).toBe(before + 1);
      } finally {
        await big.close();
      }
    });

    it('limits new conversations per address, and a session is not one', async () => {
      const address = newAddress();
      const statuses: number[] = [];
      let token: string | undefined;
      for (let i = 0; i < 7; i++) {
        const response = await post(app.base, { text: 'halo' }, { address });
        statuses.push(response.status);
        token ??= ((await response.json()) as ChatBody).sessionToken;
      }
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
      const limited = await post(app.base, { text: 'halo' }, { address });
      expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
      // No conversation, so no language yet: said in both.
      expect((await errorOf(limited)).message).toBe(`${LOCALES.t('id', 'error.rate-limited-new')}\n${LOCALES.t('en', 'error.rate-limited-new')}`);
      // The same address with its session talks on; another address starts conversations.
      expect((await post(app.base, { text: 'en' }, { address, token: token! })).status).toBe(200);
      expect((await post(app.base, { text: 'halo' }, { address: newAddress() })).status).toBe(200);
    });

    it('shares one counter between two web processes on one Redis', async () => {
      const shared = `${uniquePrefix('rl-shared')}:`;
      const one = await startApp(redis.client, { rateLimitPrefix: shared, handler: conversation.engine, limits: { messagesPerMinute: 10 } });
      const two = await startApp(redis.client, { rateLimitPrefix: shared, handler: conversation.engine, limits: { messagesPerMinute: 10 } });
      try {
        const person = new ApiPerson(one.base);
        await person.say('halo');
        const statuses: number[] = [];
        for (let i = 0; i < 14; i++) {
          const base = i % 2 === 0 ? two.base : one.base;
          statuses.push((await post(base, { text: 'menu' }, { token: person.token!, address: person.address })).status);
        }
        // 10 a minute for the session over both, then 429 from whichever process is asked.
        expect(statuses).toEqual([...Array<number>(10).fill(200), ...Array<number>(4).fill(429)]);
      } finally {
        await one.close();
        await two.close();
      }
    });
  });

  describe('bodies', () => {
    it.each([
      [{ text: 'halo', userId: 'x'.repeat(101) }, /userId: must be at most 100 characters/],
      [{}, /text/],
      [{ text: 'a'.repeat(20_001) }, /text: must be at most 20000 characters/],
      ['{"text": ', /JSON/i],
    ])('refuses a bad body with 400 and says what is wrong: %#', async (body, message) => {
      const response = await post(app.base, body);
      expect(response.status).toBe(400);
      expect((await errorOf(response)).message).toMatch(message);
    });

    it('answers a JSON post without a message in it with 400 and what to send', async () => {
      const empty = await fetch(`${app.base}/api/chat/messages`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': newAddress() } });
      expect(empty.status).toBe(400);
      expect((await errorOf(empty)).message).toBe('Invalid chat message: text: must be the message as text, e.g. {"text": "halo"}');
      const list = await post(app.base, '[]');
      expect(list.status).toBe(400);
      expect((await errorOf(list)).message).toBe('Invalid chat message: the body must be a JSON object such as {"text": "halo"}');
    });

    it('refuses a body past 64 kB with 413', async () => {
      const response = await post(app.base, { text: 'halo', pad: 'x'.repeat(70_000) });
      expect(response.status).toBe(413);
    });

    it.each([
      ['application/x-www-form-urlencoded', 'text=halo'],
      ['text/plain', '{"text":"halo"}'],
      ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="text"\r\n\r\nhalo\r\n--x--\r\n'],
    ])('refuses a %s post with 415 and says to send JSON', async (contentType, body) => {
      const before = handled.length;
      const response = await post(app.base, body, { contentType });
      expect(response.status).toBe(415);
      expect(await errorOf(response)).toEqual({
        code: 'loker:unsupported-media-type',
        message: 'send the body as application/json (Content-Type: application/json)',
        details: { expected: 'application/json' },
      });
      expect(handled.length).toBe(before);
    });
  });

  describe('security headers', () => {
    it('sends a CSP without unsafe-inline, frame-ancestors and helmet’s headers on /chat and the API', async () => {
      for (const response of [await fetch(`${app.base}/chat`), await post(app.base, { text: 'halo' }), await fetch(`${app.base}/api/chat/session`)]) {
        const csp = response.headers.get('content-security-policy') ?? '';
        expect(csp).toContain("default-src 'self'");
        expect(csp).toContain("script-src 'self'");
        expect(csp).toContain("style-src 'self'");
        expect(csp).toContain("img-src 'self' data:");
        expect(csp).toContain("frame-ancestors 'self'");
        expect(csp).toContain("object-src 'none'");
        expect(csp).not.toContain('unsafe-inline');
        expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
        expect(response.headers.get('x-content-type-options')).toBe('nosniff');
        expect(response.headers.get('referrer-policy')).toBe('no-referrer');
        expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
        expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin');
        expect(response.headers.get('x-powered-by')).toBeNull();
      }
    });

    it('serves the page with its script and style as files, nothing inline', async () => {
      const page = await fetch(`${app.base}/chat`);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toMatch(/<title>LokerBot/);
      expect(html).toContain('<script src="/chat/chat.js" defer></script>');
      expect(html).toContain('<link rel="stylesheet" href="/chat/chat.css">');
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      expect(html).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
      const script = await fetch(`${app.base}/chat/chat.js`);
      expect(script.headers.get('content-type')).toMatch(/^(application|text)\/javascript/);
      expect(await script.text()).toContain("new EventSource('/api/chat/events')");
      const style = await fetch(`${app.base}/chat/chat.css`);
      expect(style.headers.get('content-type')).toMatch(/^text\/css/);
      // Only the page's own files are served.
      expect((await fetch(`${app.base}/chat/../package.json`)).status).toBe(404);
      expect((await fetch(`${app.base}/chat/chat.html`)).status).toBe(404);
    });

    it('lets the configured office website frame /chat, and only /chat', async () => {
      const office = await startApp(redis.client, { frameAncestors: { '/chat': ["'self'", 'https://disnaker.bekasikab.go.id'] } });
      try {
        for (const url of [`${office.base}/chat`, `${office.base}/chat/chat.js`]) {
          const page = await fetch(url);
          expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'self' https://disnaker.bekasikab.go.id");
          // X-Frame-Options cannot name another site; the CSP decides.
          expect(page.headers.get('x-frame-options')).toBeNull();
        }
        const api = await fetch(`${office.base}/api/chat/session`);
        expect(api.headers.get('content-security-policy')).toMatch(/frame-ancestors 'self'$/);
        expect(api.headers.get('x-frame-options')).toBe('SAMEORIGIN');
        expect((await fetch(`${office.base}/chatroom`)).headers.get('content-security-policy')).toMatch(/frame-ancestors 'self'$/);
      } finally {
        await office.close();
      }
    });
  });
});

describe('web chat event-stream caps', () => {
  const redis = useTestRedis();
  let app: TestApp;
  let conversation: TestConversation;
  beforeAll(async () => {
    conversation = createTestConversation(redis.client);
    app = await startApp(redis.client, { handler: conversation.engine, limits: { streamsPerSession: 2, maxStreams: 3 } });
  });
  afterAll(async () => {
    await app.close();
  });

  it('closes a session’s oldest stream past its cap (with a closed event), and refuses past the process cap with 503', async () => {
    const ani = new ApiPerson(app.base);
    await ani.say('halo');
    const dewi = new ApiPerson(app.base);
    await dewi.say('halo');
    const auth = (p: ApiPerson) => ({ authorization: `Bearer ${p.token!}` });
    const streams: Stream[] = [];
    try {
      const first = await openStream(app.base, auth(ani));
      streams.push(first);
      await first.until(/: connected/);
      streams.push(await openStream(app.base, auth(ani)));
      const third = await openStream(app.base, auth(ani));
      streams.push(third);
      expect(third.status).toBe(200);
      // The first ended with a note saying why, so a page does not reconnect.
      expect(await first.ended).toContain('event: closed\ndata: {"reason":"replaced"}');
      await eventually(async () => (await openPages(app)) === 'ok (2 pages open)', 'two open streams');

      const dewis = await openStream(app.base, auth(dewi));
      streams.push(dewis);
      expect(dewis.status).toBe(200);
      const refused = await openStream(app.base, auth(dewi));
      expect(refused.status).toBe(503);
      expect(refused.response.headers.get('retry-after')).toBe('30');
      expect(((await refused.response.json()) as ErrorBody).error.code).toBe('loker:too-many-streams');

      // A pushed message still reaches each open stream.
      await app.channel.sender.send(ani.userId!, { text: 'masih tersambung' });
      expect(await third.until(/masih tersambung/)).toContain('masih tersambung');
    } finally {
      for (const s of streams) s.close();
    }
    // Closed streams free their places.
    await eventually(async () => (await openPages(app)) === 'ok (0 pages open)', 'closed streams freed');
    const again = await openStream(app.base, auth(dewi));
    expect(again.status).toBe(200);
    again.close();
  });
});

describe('web chat while the channel starts or Redis is away', () => {
  let dir = '';
  let server: RedisServer;
  let client: RedisClient;
  let app: TestApp;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lokerbot-webchat-redis-'));
    server = new RedisServer({ dir, persist: false });
    await server.start();
    client = await connectRedis(server.url, logger, { name: 'web-chat-fault' });
    app = await startApp(client, { handler: createTestConversation(client).engine, limits: { redisTimeoutMs: 300 } });
  });
  afterAll(async () => {
    if (server.pid) process.kill(server.pid, 'SIGCONT');
    await app.close();
    await client.close();
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers 503 with Retry-After while the channel is not started', async () => {
    const unstarted = await startApp(client);
    try {
      const response = await post(unstarted.base, { text: 'halo' });
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('2');
      expect((await errorOf(response)).code).toBe('loker:not-ready');
    } finally {
      await unstarted.close();
    }
  });

  it('answers 503 fast, not hanging, while Redis does not answer, and recovers when it is back', async () => {
    const person = new ApiPerson(app.base);
    await person.say('halo');
    const pid = server.pid!;
    process.kill(pid, 'SIGSTOP');
    try {
      for (const attempt of [() => person.send('en'), () => post(app.base, { text: 'halo' })]) {
        const started = Date.now();
        const response = await attempt();
        expect(response.status).toBe(503);
        expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
        expect((await errorOf(response)).code).toMatch(/unavailable/);
        expect(Date.now() - started).toBeLessThan(2500);
      }
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    await eventually(async () => (await person.send('menu')).status === 200, 'recovery after Redis came back', 10_000);
  });
});
