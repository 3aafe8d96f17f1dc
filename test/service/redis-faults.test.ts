import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConversationStateStore } from '../../src/conversation/index.js';
import { createLogger } from '../../src/runtime/logger.js';
import { closeRedis, connectRedis } from '../../src/runtime/redis-client.js';
import { ChatClient } from '../helpers/chat-client.js';
import { startChatService, type ChatService } from '../helpers/chat-service.js';
import { isRunning } from '../helpers/process.js';
import { sleep, waitForAsync } from '../helpers/wait.js';

/*
 * The whole service on its embedded defaults (SQLite, its own supervised redis-server), with Redis
 * failing under it the ways it fails in production: killed, paused, its clients dropped. The
 * service must stay up, say what is wrong on /readyz, answer 503 with Retry-After meanwhile, and
 * carry on by itself, conversations included.
 */

const silent = createLogger({ level: 'silent' });
let chat: ChatService | undefined;
afterEach(async () => {
  const pid = chat?.service.redisServer?.pid;
  if (pid !== undefined && isRunning(pid)) process.kill(pid, 'SIGCONT');
  await chat?.stop();
  chat = undefined;
});

async function start(env: Record<string, string> = {}): Promise<ChatService> {
  chat = await startChatService({ vacancies: 30, env });
  return chat;
}

async function readiness(service: ChatService): Promise<{ status: number; body: { checks: Record<string, { state: string }> } }> {
  const response = await fetch(`${service.baseUrl}/readyz`);
  return { status: response.status, body: (await response.json()) as { checks: Record<string, { state: string }> } };
}

function redisPid(service: ChatService): number {
  const pid = service.service.redisServer?.pid;
  if (pid === undefined) throw new Error('no embedded redis-server');
  return pid;
}

describe('the service while Redis fails', { timeout: 60_000 }, () => {
  it('lives through its embedded redis-server being killed: restarts it, and the conversation goes on at the same step', async () => {
    const service = await start();
    const person = new ChatClient(service.baseUrl);
    for (const text of ['halo', '1', 'setuju']) await person.say(text);
    expect((await person.say('Siti Aminah')).at(-1)).toMatch(/kecamatan/i);
    // The append-only file is written to disk every second.
    await sleep(1200);
    const before = redisPid(service);
    process.kill(before, 'SIGKILL');

    await waitForAsync(async () => (await readiness(service)).status === 200 && redisPid(service) !== before, 'readiness after the restart', 15_000);
    expect(isRunning(before)).toBe(false);
    const replies = await person.answerWhenBack('cikarang utara');
    expect(replies.at(-1)?.text).toMatch(/desa|kelurahan/i);
  });

  it('answers 503 with Retry-After within seconds while Redis is paused, says so on /readyz, and recovers', async () => {
    const service = await start({ REDIS_COMMAND_TIMEOUT_MS: '500' });
    const person = new ChatClient(service.baseUrl);
    await person.say('halo');
    const pid = redisPid(service);
    process.kill(pid, 'SIGSTOP');
    try {
      const started = Date.now();
      const refused = await person.send('1');
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(refused.status).toBe(503);
      expect(Number(refused.retryAfter)).toBeGreaterThan(0);
      // Whichever Redis round trip of the request notices first (rate limit, conversation lock) says so.
      expect(refused.error?.code).toMatch(/^loker:[a-z-]+-unavailable$/);
      const ready = await readiness(service);
      expect(ready.status).toBe(503);
      expect(ready.body.checks.redis?.state).not.toBe('ok');
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    await waitForAsync(async () => (await readiness(service)).status === 200, 'readiness after the pause', 10_000);
    const replies = await person.answerWhenBack('1');
    expect(replies.at(-1)?.text).toMatch(/privasi|setuju/i);
  });

  it('lives through Redis dropping every client (CLIENT KILL TYPE normal)', async () => {
    const service = await start();
    const person = new ChatClient(service.baseUrl);
    await person.say('halo');
    const admin = await connectRedis(`redis://127.0.0.1:${service.service.redisServer?.port ?? 0}`, silent, { name: 'admin' });
    await admin.sendCommand(['CLIENT', 'KILL', 'TYPE', 'normal']);
    await closeRedis(admin);
    const replies = await person.answerWhenBack('1');
    expect(replies.at(-1)?.text).toMatch(/privasi|setuju/i);
    expect((await readiness(service)).status).toBe(200);
  });

  it('answers 503 with Retry-After, not 500, while another turn holds the person (a lock it cannot outwait)', async () => {
    const service = await start();
    const person = new ChatClient(service.baseUrl);
    await person.say('halo');
    const session = (await (await fetch(`${service.baseUrl}/api/chat/session`, { headers: { authorization: `Bearer ${person.token ?? ''}` } })).json()) as { userId: string };
    const keys = new ConversationStateStore(service.service.redis, { keySecret: await service.service.store.secrets.getOrCreate('conversation-state') }).keysOf(`web/${session.userId}`);
    await service.service.redis.set(keys.lock, 'another-process', { PX: 30_000 });
    const refused = await person.send('1');
    expect(refused.status).toBe(503);
    expect(refused.error?.code).toBe('loker:conversation-busy');
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
  });
});

describe('erasure reaches the disk', { timeout: 60_000 }, () => {
  it('leaves no byte of an erased person anywhere under DATA_DIR once the service stopped', async () => {
    const service = await start();
    const words = { name: 'Wibisono Quartzfeld', kecamatan: 'Bekasi Utara', desa: 'Kampung Xylofonia', experience: 'operator di PT Plughwerk, email wibi.quartz@contoh.id' };
    const person = new ChatClient(service.baseUrl);
    await person.register(words);
    const { userId } = (await (await fetch(`${service.baseUrl}/api/chat/session`, { headers: { authorization: `Bearer ${person.token ?? ''}` } })).json()) as { userId: string };
    const distinctive = ['Wibisono', 'Quartzfeld', 'Xylofonia', 'Plughwerk', 'wibi.quartz@contoh.id', userId];
    // The check can fail: before the erasure the words are on disk (SQLite WAL, Redis's append-only file).
    await sleep(1200);
    expect(filesHolding(service.dataDir, 'Quartzfeld').length).toBeGreaterThan(0);

    await person.say('hapus');
    await person.say('ya');
    await service.service.stop();
    const left = distinctive.flatMap((word) => filesHolding(service.dataDir, word).map((file) => `${word} in ${file}`));
    expect(left).toEqual([]);
  });
});

/** Files under `dir` whose bytes contain `word` (as UTF-8). */
function filesHolding(dir: string, word: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    if (fs.readFileSync(file).includes(word)) found.push(path.relative(dir, file));
  }
  return found;
}
