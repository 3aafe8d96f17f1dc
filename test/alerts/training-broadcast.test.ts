import { describe, expect, it } from 'vitest';
import { createBroadcast, previewBroadcast } from '../../src/admin/broadcasts.js';
import { ValidationError } from '../../src/errors/index.js';
import { BROADCAST_SEEKERS, EVERYONE, storeBroadcastSeekers } from '../fixtures/broadcast-seekers.js';
import { makeTrainingProgramme } from '../fixtures/domain.js';
import { useTestRedis } from '../helpers/redis.js';
import { CountingSender, usePipelineRuns } from './pipeline-harness.js';

/*
 * A broadcast to the seekers interested in one training programme, through the real pipeline:
 * outbox relay, fan-out into the BullMQ send queues, send workers, counting senders at the
 * platform boundary. Interested are skr-ani (WhatsApp and Telegram), skr-citra (web), skr-dedi
 * (opted out of announcements) and skr-eka (inactive); skr-budi is interested in another programme.
 */

const redis = useTestRedis();

describe('a broadcast to the seekers interested in a training programme', { timeout: 60_000 }, () => {
  const runs = usePipelineRuns(redis);

  it('reaches only the interested seekers who take announcements, on each of their channels, once', async () => {
    const store = runs.newStore();
    await storeBroadcastSeekers(store);
    await store.trainingProgrammes.create(makeTrainingProgramme('trp-las'));
    await store.trainingProgrammes.create(makeTrainingProgramme('trp-forklift', { name: 'Operator Forklift', skills: ['forklift'] }));
    for (const seeker of ['skr-ani', 'skr-citra', 'skr-dedi', 'skr-eka']) await store.trainingInterests.register(seeker, 'trp-las');
    await store.trainingInterests.register('skr-budi', 'trp-forklift');
    const senders = { whatsapp: new CountingSender('whatsapp'), telegram: new CountingSender('telegram'), web: new CountingSender('web') };
    const run = await runs.start(store, senders);

    const segment = { ...EVERYONE, trainingProgrammeId: 'trp-las' };
    expect(await previewBroadcast({ store }, segment)).toMatchObject({ seekers: 2, messages: 3, byChannel: { whatsapp: 1, telegram: 1, web: 1 }, optedOut: 1 });
    const broadcast = await createBroadcast({ store, queues: run.queues }, { kind: 'training', title: 'Pelatihan Las SMAW dibuka', body: { id: 'Pendaftaran dibuka Senin di BLK.' }, segment }, 'tok-admin');
    expect(broadcast.segment.trainingProgrammeId).toBe('trp-las');
    await run.settle();

    const userOf = (id: string, channel: string) => BROADCAST_SEEKERS.find((s) => s.id === id)?.identities.find((i) => i.channel === channel)?.userId;
    expect(senders.whatsapp.calls.map((c) => c.userId)).toEqual([userOf('skr-ani', 'whatsapp')]);
    expect(senders.telegram.calls.map((c) => c.userId)).toEqual([userOf('skr-ani', 'telegram')]);
    expect(senders.web.calls.map((c) => c.userId)).toEqual([userOf('skr-citra', 'web')]);
    expect(senders.web.calls[0]?.message.text).toContain('Pendaftaran dibuka Senin di BLK.');
    expect(await store.deliveries.count({ sourceId: `broadcast-${broadcast.id}`, status: 'sent' })).toBe(3);
    expect((await store.broadcasts.require(broadcast.id)).recipients).toBe(3);
  });

  it('refuses a segment naming a programme that does not exist', async () => {
    const store = runs.newStore();
    const run = await runs.start(store, {});
    const create = createBroadcast({ store, queues: run.queues }, { kind: 'training', title: 'x', body: { id: 'y' }, segment: { trainingProgrammeId: 'trp-none' } }, 'tok-admin');
    const error = await create.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual(['segment.trainingProgrammeId: there is no training programme "trp-none" (see GET /api/admin/training-programmes)']);
    expect(await store.broadcasts.count()).toBe(0);
  });
});
