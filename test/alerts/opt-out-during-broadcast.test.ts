import { describe, expect, it } from 'vitest';
import { useTestRedis } from '../helpers/redis.js';
import { waitFor, waitForAsync } from '../helpers/wait.js';
import { seedWebBroadcast, webSeeker, webUserId } from './broadcast-run.js';
import { CountingSender, usePipelineRuns } from './pipeline-harness.js';

/*
 * A person who opts out of broadcasts while one is being sent to them: the jobs were enqueued
 * before the opt-out, so only the send side can keep the promise. Each job reads the seeker when
 * it runs; an opted-out one is skipped with the reason, and everyone else is served once.
 * Sent slowly (one at a time, 20 ms a message) so the opt-out surely lands in the middle.
 */

const redis = useTestRedis();
const RECIPIENTS = 200;
/** The seeker who opts out: well behind the sends in flight when they do. */
const OPTING_OUT = 150;

describe('a subscriber who opts out while a broadcast runs', { timeout: 60_000 }, () => {
  const runs = usePipelineRuns(redis);

  it('receives nothing after the opt-out (the row says skipped: opted-out); every other recipient exactly once', async () => {
    const store = runs.newStore();
    const seeded = await seedWebBroadcast(store, RECIPIENTS, 'bc-optout');
    const sender = new CountingSender('web', 20);
    const run = await runs.start(store, { web: sender }, { concurrency: 1 });

    await waitFor(() => sender.calls.length >= 50, 'the first 50 sends', 30_000);
    const seekerId = webSeeker(OPTING_OUT).id;
    const userId = webUserId(OPTING_OUT);
    // Not yet served: no row and no message, and the broadcast is far from done.
    expect(await store.deliveries.findOne(seeded.sourceId, `web/${userId}`)).toBeUndefined();
    expect(sender.of(userId)).toBe(0);
    const optedOutAt = new Date().toISOString();
    await store.seekers.update(seekerId, (s) => ({ ...s, broadcastsOptedOutAt: optedOutAt }));
    const servedAtOptOut = sender.calls.length;
    expect(servedAtOptOut).toBeLessThan(OPTING_OUT);

    await waitForAsync(async () => (await store.deliveries.count({ sourceId: seeded.sourceId, status: { in: ['sent', 'skipped'] } })) === RECIPIENTS, 'every recipient settled', 45_000, 50);
    await run.settle();

    expect(sender.of(userId)).toBe(0);
    expect(await store.deliveries.findOne(seeded.sourceId, `web/${userId}`)).toMatchObject({ status: 'skipped', skipReason: 'opted-out', attempts: 0 });
    const others = seeded.userIds.filter((u) => u !== userId);
    expect(others.filter((u) => sender.of(u) !== 1)).toEqual([]);
    expect(sender.calls).toHaveLength(RECIPIENTS - 1);
    expect(await store.deliveries.count({ sourceId: seeded.sourceId, status: 'sent' })).toBe(RECIPIENTS - 1);
  });
});
