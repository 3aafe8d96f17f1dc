import { describe, expect, it } from 'vitest';
import type { Outbound } from '../../src/conversation/index.js';
import type { Locale } from '../../src/domain/index.js';
import { makeTrainingProgramme, makeVacancy } from '../fixtures/domain.js';
import { createTestConversation, type TestConversation } from '../helpers/conversation.js';
import { useTestRedis } from '../helpers/redis.js';
import { lastText, register, seekerOf, t } from './script.js';

/** Open vacancies near Cikarang Utara that the registered welder and forklift driver (SMK) lacks one skill for. */
async function seedGaps(c: TestConversation): Promise<void> {
  const vacancy = (id: string, title: string, requiredSkills: string[]) =>
    c.store.vacancies.create(makeVacancy(id, { title, requiredSkills, preferredSkills: [], requirements: '', description: 'Kawasan industri.', company: { id: `cmp-${id}`, name: `PT ${id}` }, deadline: '2030-01-31T16:59:59.000Z' }));
  // Three forklift jobs short of a SIM B1, two welding jobs short of TIG, one CNC job.
  await vacancy('vac-f1', 'Operator Forklift', ['operator forklift', 'SIM B1']);
  await vacancy('vac-f2', 'Operator Forklift Gudang', ['operator forklift', 'SIM B1']);
  await vacancy('vac-f3', 'Driver Forklift', ['operator forklift', 'SIM B1']);
  await vacancy('vac-w1', 'Welder', ['las smaw', 'las tig']);
  await vacancy('vac-w2', 'Welder Pipa', ['las smaw', 'las tig']);
  await vacancy('vac-c1', 'Operator CNC', ['cnc']);
  await c.index.apply({ collection: 'vacancies', op: 'upsert', id: 'vac-c1' });
  await c.store.trainingProgrammes.create(
    makeTrainingProgramme('trp-forklift', { name: 'Operator Forklift dan SIM B1', skills: ['forklift', 'sim-b1'], schedule: { startDate: '2027-02-01', endDate: '2027-02-12' }, quota: 20, requirements: { text: '' } }),
  );
  await c.store.trainingProgrammes.create(makeTrainingProgramme('trp-tig', { name: 'Las TIG', skills: ['welding-tig'], schedule: { text: 'Setiap Sabtu, 8 minggu' }, quota: 12 }));
  // Closed: never offered.
  await c.store.trainingProgrammes.create(makeTrainingProgramme('trp-tig-old', { name: 'Las TIG 2025', skills: ['welding-tig'], status: 'closed' }));
}

describe.each(['id', 'en'] as const)('training suggestions (%s)', (locale: Locale) => {
  const redis = useTestRedis();
  const w = locale === 'id' ? { training: 'pelatihan', yes: 'ya', no: 'tidak', search: 'cari', menu: 'menu', del: 'hapus', profile: 'profil' } : { training: 'training', yes: 'yes', no: 'no', search: 'search', menu: 'menu', del: 'delete', profile: 'profile' };
  const date = (iso: string) => new Intl.DateTimeFormat(locale === 'id' ? 'id-ID' : 'en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'Asia/Jakarta' }).format(new Date(`${iso}T00:00:00+07:00`));

  async function registered(): Promise<TestConversation> {
    const c = createTestConversation(redis.client);
    await seedGaps(c);
    await register(c, 'u1', locale);
    return c;
  }

  it('is in the main menu, and shows the missing skills that open the most vacancies near them, with the open programmes teaching each', async () => {
    const c = await registered();
    const menu = await c.say('u1', w.menu);
    expect(menu.at(-1)?.choices?.find((ch) => ch.id === 'training')?.label).toBe(t(locale, 'menu.training'));
    const replies = await c.say('u1', { choiceId: 'training' });
    const text = lastText(replies);
    const forklift = t(locale, 'training.programme', { n: 1, name: 'Operator Forklift dan SIM B1', provider: 'BLK Kabupaten Bekasi', schedule: `${date('2027-02-01')} – ${date('2027-02-12')}`, quota: 20 });
    const tig = t(locale, 'training.programme', { n: 2, name: 'Las TIG', provider: 'BLK Kabupaten Bekasi', schedule: 'Setiap Sabtu, 8 minggu', quota: 12 });
    expect(text).toBe(
      [
        t(locale, 'training.header'),
        [
          t(locale, 'training.gap', { skill: locale === 'id' ? 'SIM B1' : 'Driving Licence B1 (truck)', count: 3 }),
          forklift,
          t(locale, 'training.gap', { skill: locale === 'id' ? 'Las TIG' : 'TIG Welding', count: 2 }),
          tig,
          t(locale, 'training.gap', { skill: locale === 'id' ? 'CNC' : 'CNC Machining', count: 1 }),
          t(locale, 'training.no-programme'),
        ].join('\n'),
        t(locale, 'training.pick'),
      ].join('\n\n'),
    );
    expect(replies.at(-1)?.choices?.map((ch) => ch.id)).toEqual(['p1', 'p2']);
  });

  it('registers interest after a confirmation, says so honestly, lists it, and refuses a second registration nicely', async () => {
    const c = await registered();
    await c.say('u1', w.training);
    const detail = lastText(await c.say('u1', '2'));
    expect(detail).toContain('*Las TIG*');
    expect(detail).toContain(`${t(locale, 'training.schedule')}: Setiap Sabtu, 8 minggu`);
    expect(detail).toContain(t(locale, 'training.quota', { quota: 12 }));
    expect(detail).toContain(`${t(locale, 'training.requirements')}: Usia 18–35 tahun, sehat jasmani; ${t(locale, 'training.min-education', { level: 'SMP' })}`);
    expect(detail.endsWith(t(locale, 'training.confirm'))).toBe(true);

    const done = await c.say('u1', { choiceId: 'register' });
    expect(done[0]?.text).toBe(`${t(locale, 'training.registered', { name: 'Las TIG' })}\n${t(locale, 'training.news')}`);
    const seeker = await seekerOf(c, 'u1');
    expect((await c.store.trainingInterests.listBySeeker(seeker?.id ?? '')).map((i) => i.programmeId)).toEqual(['trp-tig']);

    const again = lastText(await c.say('u1', w.training));
    expect(again.endsWith(t(locale, 'training.interests', { list: 'Las TIG' }))).toBe(true);
    // The profile lists it too.
    expect(lastText(await c.say('u1', w.profile))).toContain(`\n${t(locale, 'training.interests', { list: 'Las TIG' })}\n`);
    await c.say('u1', w.training);
    await c.say('u1', '2');
    const twice = await c.say('u1', w.yes);
    expect(twice[0]?.text).toBe(`${t(locale, 'training.already', { name: 'Las TIG' })}\n${t(locale, 'training.news')}`);
    expect(await c.store.trainingInterests.count()).toBe(1);
  });

  it('takes "not now" back to the list, asks again on an unclear answer, and hints at a bad number', async () => {
    const c = await registered();
    await c.say('u1', w.training);
    expect(lastText(await c.say('u1', '7'))).toBe(t(locale, 'training.pick-hint', { max: 2 }));
    await c.say('u1', '1');
    expect(lastText(await c.say('u1', 'hmm'))).toBe(t(locale, 'training.confirm-hint'));
    const back = await c.say('u1', w.no);
    expect(back[0]?.text).toBe(t(locale, 'training.not-registered'));
    expect(lastText(back).startsWith(t(locale, 'training.header'))).toBe(true);
    expect(await c.store.trainingInterests.count()).toBe(0);
  });

  it('tells a person who turned announcements off that news of the programme will not reach them', async () => {
    const c = await registered();
    const seeker = await seekerOf(c, 'u1');
    await c.store.seekers.update(seeker?.id ?? '', (s) => ({ ...s, broadcastsOptedOutAt: new Date().toISOString() }));
    await c.say('u1', w.training);
    await c.say('u1', '1');
    expect((await c.say('u1', { choiceId: 'register' }))[0]?.text).toBe(`${t(locale, 'training.registered', { name: 'Operator Forklift dan SIM B1' })}\n${t(locale, 'training.news-opted-out')}`);
  });

  it('says honestly when no single skill would open a vacancy near them', async () => {
    const c = createTestConversation(redis.client);
    await register(c, 'u1', locale);
    const replies = await c.say('u1', w.training);
    expect(lastText(replies)).toBe(t(locale, 'training.none'));
    expect(replies.at(-1)?.choices).toBeUndefined();
  });

  it('is offered under a search with few matches', async () => {
    const c = await registered();
    // Two welding jobs left: fewer than a page, even with the nearby ones filled in.
    for (const id of ['vac-f1', 'vac-f2', 'vac-f3', 'vac-c1']) await c.store.vacancies.update(id, (v) => ({ ...v, status: 'closed' }));
    await c.index.apply({ collection: 'vacancies', op: 'upsert', id: 'vac-c1' });
    const results: readonly Outbound[] = await c.say('u1', w.search);
    expect(lastText(results).endsWith(t(locale, 'search.training-tip'))).toBe(true);
    expect(results.at(-1)?.choices?.at(-1)).toEqual({ id: 'training', label: t(locale, 'search.training') });
    expect(lastText(await c.say('u1', { choiceId: 'training' })).startsWith(t(locale, 'training.header'))).toBe(true);
  });

  it('erases the person\'s training interests with their data', async () => {
    const c = await registered();
    await c.say('u1', w.training);
    await c.say('u1', '1');
    await c.say('u1', { choiceId: 'register' });
    await c.store.trainingInterests.register('skr-someone-else', 'trp-tig');
    await c.say('u1', w.del);
    await c.say('u1', w.yes);
    expect((await c.store.trainingInterests.find()).map((i) => i.seekerId)).toEqual(['skr-someone-else']);
  });
});
