import { describe, expect, it } from 'vitest';
import { computeStatistics } from '../../src/admin/statistics.js';
import { PROFILE_REFRESH_QUEUE } from '../../src/alerts/send-job.js';
import { jobSearchOf, type Seeker, type Subscription } from '../../src/domain/index.js';
import type { Store } from '../../src/store/index.js';
import { makeApplication, makeSeeker, makeSubscription, makeVacancy } from '../fixtures/domain.js';
import { createTestConversation, textOf } from '../helpers/conversation.js';
import { useTestRedis } from '../helpers/redis.js';
import { waitForAsync } from '../helpers/wait.js';
import { LOCALES } from '../conversation/script.js';
import { CountingSender, usePipelineRuns, type PipelineRun } from './pipeline-harness.js';

const DAY = 86_400_000;
const WEEK = 7 * DAY;
/** When the seekers below registered; the clock of each test starts here. */
const REGISTERED = Date.parse('2026-06-01T02:00:00.000Z');

/*
 * The profile refresh as it runs in the service: the daily job of the real pipeline (its BullMQ
 * queue, the send queues and workers, the real renderer) over a real redis-server, with a clock
 * the test moves; each "day" is one run of the scheduler's job, added as the scheduler adds it.
 */
describe('profile refresh cycle', () => {
  const redis = useTestRedis();
  const runs = usePipelineRuns(redis);
  let clock = REGISTERED;
  const now = (): Date => new Date(clock);

  async function setUp(seekers: Seeker[]): Promise<{ store: Store; run: PipelineRun; web: CountingSender }> {
    clock = REGISTERED;
    const store = runs.newStore();
    for (const seeker of seekers) await store.seekers.create(seeker);
    const web = new CountingSender('web');
    const run = await runs.start(store, { web }, { profileRefreshWeeks: 8, profileRefreshGraceDays: 14 }, now);
    return { store, run, web };
  }

  /** One daily run at `at`, through the refresh queue's worker, and every send it queued. */
  async function dayAt(run: PipelineRun, at: number): Promise<unknown> {
    clock = at;
    const job = await run.queues.queue(PROFILE_REFRESH_QUEUE).add('profile-refresh', {});
    const done = await waitForAsync(async () => ((await job.getState()) === 'completed' ? await run.queues.queue(PROFILE_REFRESH_QUEUE).getJob(job.id ?? '') : undefined), 'the refresh run', 15_000);
    await run.settle();
    return done?.returnvalue;
  }

  const onWeb = (id: string, overrides: Partial<Seeker> = {}): Seeker => makeSeeker(id, { identities: [{ channel: 'web', userId: `web-${id}` }], createdAt: new Date(REGISTERED).toISOString(), ...overrides });

  it('asks once, N weeks after the last confirmation, however often the day runs', async () => {
    const { store, run, web } = await setUp([onWeb('skr-1'), onWeb('skr-2', { createdAt: new Date(REGISTERED + 3 * WEEK).toISOString() })]);
    expect(await dayAt(run, REGISTERED + 8 * WEEK - DAY)).toEqual({ asked: 0, paused: 0 });
    expect(web.calls).toHaveLength(0);

    expect(await dayAt(run, REGISTERED + 8 * WEEK)).toEqual({ asked: 1, paused: 0 });
    expect(await dayAt(run, REGISTERED + 8 * WEEK + 1000)).toEqual({ asked: 0, paused: 0 });
    expect(await dayAt(run, REGISTERED + 8 * WEEK + 3 * DAY)).toEqual({ asked: 0, paused: 0 });
    expect(web.calls.map((c) => c.userId)).toEqual(['web-skr-1']);
    const [question] = web.calls;
    expect(question?.message.text).toBe(LOCALES.t('id', 'refresh.question', { name: 'Siti Rahmawati', days: 14 }));
    expect(question?.message.choices).toEqual([
      { id: 'refresh:seeking', label: 'Masih mencari kerja' },
      { id: 'refresh:working', label: 'Sudah bekerja' },
      { id: 'refresh:pause', label: 'Jeda notifikasi' },
    ]);
    expect(jobSearchOf((await store.seekers.get('skr-1'))!)).toEqual({ state: 'active', askedAt: new Date(REGISTERED + 8 * WEEK).toISOString() });
    // The one who registered three weeks later is asked three weeks later (the first, unanswering, is paused by then).
    expect(await dayAt(run, REGISTERED + 11 * WEEK)).toEqual({ asked: 1, paused: 1 });
    expect(web.calls.map((c) => c.userId)).toEqual(['web-skr-1', 'web-skr-2']);
  });

  it('pauses a seeker who does not answer within the grace days, and their subscription gets no alert', async () => {
    const { store, run, web } = await setUp([onWeb('skr-1'), onWeb('skr-2', { createdAt: new Date(REGISTERED + 4 * WEEK).toISOString() })]);
    const forklift: Partial<Subscription> = { filters: { keywords: ['forklift'], kecamatan: [], jobTypes: [] }, quietHours: undefined };
    await store.subscriptions.create(makeSubscription('sub-1', { ...forklift, subscriber: { channel: 'web', userId: 'web-skr-1' }, subscriberKey: 'web/web-skr-1', seekerId: 'skr-1' }));
    await store.subscriptions.create(makeSubscription('sub-2', { ...forklift, subscriber: { channel: 'web', userId: 'web-skr-2' }, subscriberKey: 'web/web-skr-2', seekerId: 'skr-2' }));
    await dayAt(run, REGISTERED + 8 * WEEK);
    expect(await dayAt(run, REGISTERED + 8 * WEEK + 13 * DAY)).toEqual({ asked: 0, paused: 0 });
    expect(await dayAt(run, REGISTERED + 8 * WEEK + 14 * DAY)).toEqual({ asked: 0, paused: 1 });
    expect(jobSearchOf((await store.seekers.get('skr-1'))!)).toMatchObject({ state: 'paused', pausedBy: 'no-answer' });
    const statistics = await computeStatistics({ store, vocabulary: run.index.matcher, placementTarget: 100, now }, { weeks: 4, top: 5 });
    expect(statistics.seekers.byJobSearch).toEqual([
      { jobSearch: 'active', count: 1 },
      { jobSearch: 'paused', count: 1 },
      { jobSearch: 'placed', count: 0 },
    ]);
    // Told nothing about it, and nothing more from the refresh.
    expect(web.of('web-skr-1')).toBe(1);
    expect(await dayAt(run, REGISTERED + 20 * WEEK)).toEqual({ asked: 1, paused: 0 });
    expect(web.of('web-skr-1')).toBe(1);

    await store.vacancies.create(makeVacancy('vac-1', { title: 'Operator Forklift', requiredSkills: ['operator forklift'], requirements: '', status: 'draft' }));
    await store.vacancies.open('vac-1');
    await run.settle();
    expect(web.of('web-skr-1')).toBe(1);
    expect(web.calls.at(-1)).toMatchObject({ userId: 'web-skr-2', message: { text: expect.stringContaining('Operator Forklift') as string } });
    expect(await store.deliveries.findOne('vacancy-vac-1', 'web/web-skr-1')).toMatchObject({ status: 'skipped', skipReason: 'not-seeking' });
  });

  it('"Masih mencari kerja" keeps the seeker active and starts a new period; "Sudah bekerja" records the placement', async () => {
    const { store, run, web } = await setUp([onWeb('skr-1'), onWeb('skr-2', { domicile: { kecamatan: 'Setu', ktpBekasi: false } })]);
    const chat = createTestConversation(redis.client, { store, now, channel: 'web' });
    await dayAt(run, REGISTERED + 8 * WEEK);
    expect(web.calls).toHaveLength(2);

    clock = REGISTERED + 8 * WEEK + 2 * DAY;
    expect(textOf(await chat.say('web-skr-1', { choiceId: 'refresh:seeking' }))).toContain(LOCALES.t('id', 'job-search.recorded.seeking'));
    expect(textOf(await chat.say('web-skr-2', { choiceId: 'refresh:working' }))).toContain(LOCALES.t('id', 'job-search.where.prompt'));
    expect(textOf(await chat.say('web-skr-2', 'PT Hyundai Motor Manufacturing'))).toContain('PT Hyundai Motor Manufacturing');

    // Neither is paused when the grace days are over, nor asked again by the old question.
    expect(await dayAt(run, REGISTERED + 10 * WEEK)).toEqual({ asked: 0, paused: 0 });
    expect(jobSearchOf((await store.seekers.get('skr-1'))!)).toEqual({ state: 'active', confirmedAt: new Date(REGISTERED + 8 * WEEK + 2 * DAY).toISOString() });
    const placed = new Date(REGISTERED + 8 * WEEK + 2 * DAY).toISOString();
    expect(jobSearchOf((await store.seekers.get('skr-2'))!)).toEqual({ state: 'placed', confirmedAt: placed, placement: { at: placed, company: 'PT Hyundai Motor Manufacturing' } });
    // The one still looking is asked again eight weeks after their answer; the placed one is not.
    expect(await dayAt(run, REGISTERED + 16 * WEEK + 2 * DAY)).toEqual({ asked: 1, paused: 0 });
    expect(web.calls.map((c) => c.userId)).toEqual(['web-skr-1', 'web-skr-2', 'web-skr-1']);

    // Counted as a placement (not local: no Bekasi KTP), and once only for a person also hired through an application.
    const deps = { store, vocabulary: run.index.matcher, placementTarget: 100, now };
    const query = { weeks: 20, top: 5, year: 2026 };
    const before = await computeStatistics(deps, query);
    expect(before.seekers.byJobSearch).toEqual([
      { jobSearch: 'active', count: 1 },
      { jobSearch: 'paused', count: 0 },
      { jobSearch: 'placed', count: 1 },
    ]);
    expect(before.localShare).toMatchObject({ placements: 1, selfReported: 1, local: 0 });
    expect(before.weekly.reduce((n, w) => n + w.selfReportedPlacements, 0)).toBe(1);
    await store.applications.create(makeApplication('app-1', { seekerId: 'skr-2', ktpBekasi: false, status: 'hired', history: [{ status: 'hired', at: placed }], createdAt: placed, updatedAt: placed }));
    expect((await computeStatistics(deps, query)).localShare).toMatchObject({ placements: 1, selfReported: 0 });
  });
});
