import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebChannel } from '../../src/channels/web/web-channel.js';
import { createApp } from '../../src/http/app.js';
import { createLogger } from '../../src/runtime/logger.js';
import { projectRoot } from '../../src/project-root.js';
import { createTestConversation } from '../helpers/conversation.js';
import { useTestRedis } from '../helpers/redis.js';

interface Reply {
  text: string;
  choices?: { id: string; label: string }[];
}

describe('web chat API', () => {
  const redis = useTestRedis();
  const logger = createLogger({ level: 'silent' });
  let server: http.Server;
  let channel: WebChannel;
  let base = '';

  beforeAll(async () => {
    channel = new WebChannel({ redis: redis.client, logger, publicDir: `${projectRoot()}/public`, perUserPerMinute: 30 });
    const app = createApp({ logger, readiness: [channel.readiness], routes: channel.routes });
    server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await channel.start(createTestConversation(redis.client).engine);
  });
  afterAll(async () => {
    await channel.stop();
    await new Promise((resolve) => server.close(resolve));
  });

  const post = (body: unknown) =>
    fetch(`${base}/api/chat/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });

  it('answers with replies and choices, and takes a choice back by its id or its label', async () => {
    const first = (await (await post({ userId: 'web-api-user-1', text: 'halo' })).json()) as { replies: Reply[] };
    expect(first.replies[0]?.choices?.map((c) => c.id)).toEqual(['id', 'en']);
    const byId = (await (await post({ userId: 'web-api-user-1', text: 'en' })).json()) as { replies: Reply[] };
    expect(byId.replies[0]?.text).toMatch(/Privacy notice/);
    const byLabel = (await (await post({ userId: 'web-api-user-1', text: 'Yes' })).json()) as { replies: Reply[] };
    expect(byLabel.replies.at(-1)?.text).toBe('What is your full name?');
  });

  it('handles a retried messageId once', async () => {
    const body = { userId: 'web-api-user-2', text: 'halo', messageId: 'retry-1' };
    expect(((await (await post(body)).json()) as { replies: Reply[] }).replies).toHaveLength(1);
    expect(((await (await post(body)).json()) as { replies: Reply[] }).replies).toEqual([]);
  });

  it.each([
    [{ userId: 'x', text: 'halo' }, /userId: must be 6-64 letters/],
    [{ userId: 'web-api-user-3' }, /text/],
    [{ userId: 'web-api-user-3', text: 'a'.repeat(20_001) }, /text: must be at most 20000 characters/],
    ['{"userId": ', /JSON/i],
  ])('refuses a bad body with 400 and says what is wrong: %#', async (body, message) => {
    const response = await post(body);
    expect(response.status).toBe(400);
    const error = ((await response.json()) as { error: { message: string } }).error;
    expect(error.message).toMatch(message);
  });

  it('limits one user’s message rate, not everyone’s', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) statuses.push((await post({ userId: 'web-api-flood', text: 'menu' })).status);
    expect(statuses.filter((s) => s === 429)).toHaveLength(2);
    expect((await post({ userId: 'web-api-calm', text: 'halo' })).status).toBe(200);
  });

  it('serves the chat page', async () => {
    const page = await fetch(`${base}/chat`);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<title>LokerBot/);
  });
});
