import { describe, expect, it } from 'vitest';
import type { Recipient } from '../../src/alerts/alert-content.js';
import { AlertChoiceMemory } from '../../src/alerts/alert-choice-memory.js';
import type { SendJobData } from '../../src/alerts/send-job.js';
import { ConversationStateStore } from '../../src/conversation/index.js';
import { captureLogs } from '../helpers/log-capture.js';
import { uniquePrefix, useTestRedis } from '../helpers/redis.js';

const KEY = Buffer.alloc(32, 9);
const recipient: Recipient = { identity: { channel: 'whatsapp', userId: '+6281298765432' }, key: 'whatsapp/+6281298765432', locale: 'id' };
const job: SendJobData = { kind: 'vacancy-alert', sourceId: 'vacancy-vac-1', vacancyId: 'vac-1', subscriptionId: 'sub-1' };
const message = { text: 'Lowongan baru', choices: [{ id: 'alert:detail:vac-1', label: 'Detail' }, { id: 'alert:apply:vac-1', label: 'Lamar' }] };

describe('AlertChoiceMemory.rememberAlertChoices (the send workers\' onSent)', () => {
  const redis = useTestRedis();
  const states = (options: { lockWaitMs?: number; lockTtlMs?: number } = {}) => new ConversationStateStore(redis.client, { keySecret: KEY, prefix: uniquePrefix('memory'), ...options });

  it("keeps the sent message's choices in the recipient's conversation state", async () => {
    const store = states();
    await new AlertChoiceMemory(store, captureLogs().logger).rememberAlertChoices(recipient, job, message);
    expect((await store.load('whatsapp/+6281298765432')).alert).toMatchObject({ kind: 'vacancy-alert', choices: message.choices });
  });

  it('writes nothing for a message without choices', async () => {
    const store = states();
    await new AlertChoiceMemory(store, captureLogs().logger).rememberAlertChoices(recipient, job, { text: 'tanpa pilihan' });
    expect(await redis.client.get(store.keysOf('whatsapp/+6281298765432').state)).toBeNull();
  });

  it('never throws, so a sent job is not retried and sent twice; it logs the job by ids, never the number', async () => {
    const store = states({ lockTtlMs: 200, lockWaitMs: 300 });
    await redis.client.set(store.keysOf('whatsapp/+6281298765432').lock, 'a-long-turn', { PX: 10_000 });
    const { logger, lines, raw } = captureLogs();
    await expect(new AlertChoiceMemory(store, logger).rememberAlertChoices(recipient, job, message)).resolves.toBeUndefined();
    expect(lines).toEqual([expect.objectContaining({ level: 'warn', kind: 'vacancy-alert', sourceId: 'vacancy-vac-1', code: 'loker:conversation-busy' })]);
    expect(raw.join('\n')).not.toMatch(/6281298765432/);
  });
});
