import { describe, expect, it } from 'vitest';
import { FANOUT_QUEUE, SEND_QUEUES, vacancySourceId } from '../../src/alerts/send-job.js';
import type { Channel, Subscription } from '../../src/domain/index.js';
import { makeSubscription, makeVacancy } from '../fixtures/domain.js';
import { useTestRedis } from '../helpers/redis.js';
import { CountingSender, usePipelineRuns } from './pipeline-harness.js';

/*
 * "Vacancy opened" reaching the fan-out more than once: the vacancy closed and re-opened (a new
 * event each time), and the very same event relayed again (a relay that died between handing it
 * on and marking it, or an operator replaying it). The real pipeline runs it: relay, fan-out, send
 * workers, messages. Every person hears of the vacancy once, also a person with two subscriptions
 * that both match, also once BullMQ has long forgotten the first jobs (the Delivery rows hold).
 */

const redis = useTestRedis();
const VACANCY = 'vac-forklift-1';
const SOURCE = vacancySourceId(VACANCY);

interface Person {
  readonly channel: Channel;
  readonly userId: string;
  /** Both of this person's subscriptions match (one by keyword and area, one by skill anywhere). */
  readonly twice: boolean;
}

const PEOPLE: readonly Person[] = [
  ...Array.from({ length: 12 }, (_, i): Person => ({ channel: 'web', userId: `web-pelanggan-${i}`, twice: i % 3 === 0 })),
  ...Array.from({ length: 3 }, (_, i): Person => ({ channel: 'telegram', userId: `77100${i}`, twice: i === 0 })),
];

function subscriptionsOf(person: Person, n: number): Subscription[] {
  const subscriber = { channel: person.channel, userId: person.userId };
  const base = { subscriber, subscriberKey: `${person.channel}/${person.userId}`, mode: 'instant' as const, quietHours: undefined };
  const first = makeSubscription(`sub-${n}-a`, { ...base, filters: { keywords: ['forklift'], kecamatan: ['Cikarang Barat'], education: 'SMA', jobTypes: [] } });
  const second = makeSubscription(`sub-${n}-b`, { ...base, filters: { keywords: ['operator forklift'], kecamatan: [], jobTypes: [] } });
  return person.twice ? [first, second] : [first];
}

describe('the same vacancy-opened event delivered three times', { timeout: 120_000 }, () => {
  const runs = usePipelineRuns(redis);

  it('gives every person one alert: through close and re-open twice, the same event relayed again, and BullMQ having forgotten the first jobs', async () => {
    const store = runs.newStore();
    const subscriptions = PEOPLE.flatMap((p, n) => subscriptionsOf(p, n));
    for (const s of subscriptions) await store.subscriptions.create(s);
    // Someone whose filters the vacancy does not meet hears nothing at all.
    await store.subscriptions.create(makeSubscription('sub-perawat', { subscriber: { channel: 'web', userId: 'web-perawat' }, subscriberKey: 'web/web-perawat', filters: { keywords: ['perawat'], kecamatan: [], jobTypes: [] }, quietHours: undefined }));
    await store.vacancies.create(
      makeVacancy(VACANCY, { title: 'Operator Forklift', requiredSkills: ['operator forklift'], requirements: '', description: 'Gudang logistik.', status: 'draft' }),
    );
    const senders = { web: new CountingSender('web'), telegram: new CountingSender('telegram') };
    const run = await runs.start(store, senders);
    const { queues } = run;
    const sendQueues = [SEND_QUEUES.web, SEND_QUEUES.telegram].map((name) => queues.queue(name));
    // As a week later: BullMQ keeps completed jobs for a while only; past that, only the Delivery rows remember.
    const forgetCompletedSends = async () => {
      for (const queue of sendQueues) await queue.clean(0, 10_000, 'completed');
    };
    const notClaimed = async () => (await Promise.all(sendQueues.map((q) => q.getJobs(['completed'], 0, -1)))).flat().filter((job) => String(job.returnvalue).startsWith('not-claimed:')).length;

    // Every subscription matches, so each person with two has two jobs racing for one Delivery row.
    const opened = await store.vacancies.open(VACANCY);
    expect([...run.index.matcher.subscriptionsFor(opened.vacancy)].sort()).toEqual(subscriptions.map((s) => s.id).sort());
    await run.settle();
    const firstRows = await store.deliveries.find({ sourceId: SOURCE });
    expect(firstRows).toHaveLength(PEOPLE.length);

    // Event 2: closed and re-opened while BullMQ still keeps the first jobs.
    await store.vacancies.update(VACANCY, (v) => ({ ...v, status: 'closed' }));
    await store.vacancies.open(VACANCY);
    await run.settle();

    // Event 3: closed and re-opened once those jobs are gone: the fan-out adds them all again, and each finds its row.
    await forgetCompletedSends();
    await store.vacancies.update(VACANCY, (v) => ({ ...v, status: 'closed' }));
    await store.vacancies.open(VACANCY);
    await run.settle();
    expect(await notClaimed()).toBe(subscriptions.length);

    // Event 1 again, relayed anew (its fan-out job gone too): the same fan-out run again.
    await forgetCompletedSends();
    await queues.queue(FANOUT_QUEUE).clean(0, 10_000, 'completed');
    const { processedAt: _processedAt, ...replayed } = await store.outbox.require(opened.event.id);
    await store.outbox.update(opened.event.id, () => replayed);
    await run.settle();
    expect((await store.outbox.require(opened.event.id)).processedAt).toBeDefined();
    expect(await notClaimed()).toBe(subscriptions.length);

    const events = await store.outbox.find({ subjectId: VACANCY });
    expect(events.map((e) => e.type)).toEqual(['vacancy-opened', 'vacancy-opened', 'vacancy-opened']);
    for (const person of PEOPLE) expect(senders[person.channel as 'web' | 'telegram'].of(person.userId), `${person.channel}/${person.userId}`).toBe(1);
    expect(senders.web.calls.length + senders.telegram.calls.length).toBe(PEOPLE.length);
    expect(senders.web.of('web-perawat')).toBe(0);
    // The alert is the real one, with its buttons.
    expect(senders.web.calls[0]?.message.text).toMatch(/Operator Forklift/);
    const rows = await store.deliveries.find({ sourceId: SOURCE });
    expect(rows.map((r) => [r.recipient, r.status, r.attempts]).sort()).toEqual(PEOPLE.map((p) => [`${p.channel}/${p.userId}`, 'sent', 1]).sort());
  });
});
