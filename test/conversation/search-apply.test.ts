import { describe, expect, it } from 'vitest';
import type { Outbound } from '../../src/conversation/index.js';
import { createTestConversation, type TestConversation } from '../helpers/conversation.js';
import { useTestRedis } from '../helpers/redis.js';
import { allText, appliedText, consent, lastText, register, seedVacancies, storedState, t } from './script.js';

/** The vacancy titles of a results page, in the order shown. */
function titles(replies: readonly Outbound[]): string[] {
  return [...lastText(replies).matchAll(/^\d+\. \*(.+?)\* — /gm)].map((m) => m[1] ?? '');
}

describe.each(['id', 'en'] as const)('search, vacancy detail and apply (%s)', (locale) => {
  const redis = useTestRedis();
  const w = locale === 'id'
    ? { search: 'cari', more: 'lagi', apply: 'lamar', results: 'hasil', back: 'kembali', applications: 'lamaran' }
    : { search: 'search', more: 'more', apply: 'apply', results: 'results', back: 'back', applications: 'applications' };

  async function registered(vacancies: number): Promise<TestConversation> {
    const c = createTestConversation(redis.client);
    await seedVacancies(c, vacancies);
    await register(c, 'u1', locale);
    return c;
  }

  it('says so when nothing fits yet', async () => {
    const c = await registered(0);
    const none = await c.say('u1', w.search);
    expect(lastText(none)).toBe(`${t(locale, 'search.none')}\n\n${t(locale, 'search.training-tip')}`);
    expect(none.at(-1)?.choices?.map((ch) => ch.id)).toEqual(['training']);
  });

  it('offers vacancies near them they can apply for when none shares a skill, and says so', async () => {
    const c = createTestConversation(redis.client);
    await seedVacancies(c, 3, { title: 'Crew Restoran', requiredSkills: ['barista'], preferredSkills: [], requirements: '', description: 'Restoran cepat saji.', minExperienceYears: 0 });
    await register(c, 'u1', locale);
    const replies = await c.say('u1', w.search);
    expect(titles(replies)).toEqual(['Crew Restoran', 'Crew Restoran', 'Crew Restoran']);
    const reasons = [...lastText(replies).matchAll(/^\d+\. \*.+\n {3}(.+)$/gm)].map((m) => m[1] ?? '');
    for (const reason of reasons) expect(reason.startsWith(t(locale, 'match.nearby-open'))).toBe(true);
  });

  it('sends a person without a profile to the registration first', async () => {
    const c = createTestConversation(redis.client);
    await consent(c, 'u1', locale);
    await c.say('u1', 'menu');
    const replies = await c.say('u1', w.search);
    expect(replies.map((r) => r.text)).toEqual([t(locale, 'profile.required'), t(locale, 'reg.name.prompt')]);
  });

  it('shows the best matches, each with a one-line reason, and numbers to pick', async () => {
    const c = await registered(7);
    const replies = await c.say('u1', w.search);
    const text = lastText(replies);
    expect(text.startsWith(t(locale, 'search.header'))).toBe(true);
    expect(text.endsWith(t(locale, 'search.footer'))).toBe(true);
    expect(titles(replies)).toHaveLength(5);
    const reasons = [...text.matchAll(/^\d+\. \*.+\n {3}(.+)$/gm)].map((m) => m[1]);
    expect(reasons).toHaveLength(5);
    for (const reason of reasons) expect(reason?.trim().length).toBeGreaterThan(5);
    expect(replies.at(-1)?.choices?.map((ch) => ch.id)).toEqual(['v1', 'v2', 'v3', 'v4', 'v5', 'more']);
  });

  it(`pages on with "${w.more}" and says when there are no more`, async () => {
    const c = await registered(7);
    const first = titles(await c.say('u1', w.search));
    const second = await c.say('u1', w.more);
    expect(titles(second)).toHaveLength(2);
    expect([...first, ...titles(second)].sort()).toEqual(Array.from({ length: 7 }, (_, i) => `Operator Las SMAW ${i + 1}`).sort());
    expect(lastText(await c.say('u1', w.more))).toBe(t(locale, 'search.no-more'));
    // The numbers still pick from the page on screen.
    const detail = await c.say('u1', '2');
    expect(lastText(detail)).toContain(`*${titles(second)[1]}*`);
  });

  it('keeps the numbers of the last page when the next page turns out empty', async () => {
    const c = await registered(5);
    const page = titles(await c.say('u1', w.search));
    expect(page).toHaveLength(5);
    expect(lastText(await c.say('u1', { choiceId: 'more' }))).toBe(t(locale, 'search.no-more'));
    expect(lastText(await c.say('u1', '4'))).toContain(`*${page[3]}*`);
  });

  it('opens a vacancy by its number or its button, with pay, deadline, that applying is free, and the apply and report choices', async () => {
    const c = await registered(3);
    const page = titles(await c.say('u1', w.search));
    const detail = await c.say('u1', '1');
    const text = lastText(detail);
    expect(text).toContain(`*${page[0]}*`);
    expect(text).toContain('Rp 5.200.000 – Rp 5.800.000');
    expect(text).toContain(`${t(locale, 'vacancy.deadline')}: ${locale === 'id' ? '31 Jan 2030' : '31 Jan 2030'}`);
    expect(text).toContain(t(locale, 'vacancy.local-quota', { n: 6 }));
    expect(text.split('\n').at(-1)).toBe(locale === 'id' ? 'Melamar tidak dipungut biaya.' : 'Applying is free of charge.');
    expect(detail.at(-1)?.choices?.map((ch) => ch.label)).toContain(locale === 'id' ? 'Laporkan pungutan/penipuan' : 'Report a fee or scam');
    expect(detail.at(-1)?.choices?.map((ch) => ch.id)).toEqual(['apply', 'results', 'report']);
    expect(lastText(await c.say('u1', { choiceId: 'results' }))).toContain(t(locale, 'search.header'));
    expect(lastText(await c.say('u1', { choiceId: 'v2' }))).toContain(`*${page[1]}*`);
    expect(lastText(await c.say('u1', w.back))).toContain(t(locale, 'search.header'));
  });

  it('marks each vacancy by whether the office verified its company, in the list and the detail, and follows a verification made meanwhile', async () => {
    const c = await registered(2);
    const at = new Date().toISOString();
    await c.store.companies.create({ id: 'cmp-1', name: 'PT Maju Jaya 1', registrationNumber: '8120001234567', verification: { verifiedBy: 'Bu Sari', verifiedAt: at }, createdAt: at, updatedAt: at });
    await c.index.apply({ collection: 'companies', op: 'upsert', id: 'cmp-1' });
    const list = lastText(await c.say('u1', w.search));
    expect(list).toContain(`— PT Maju Jaya 1 ${t(locale, 'vacancy.verified-mark')} (Cikarang Barat)`);
    // cmp-2 has no record at all: unverified.
    expect(list).toContain(`— PT Maju Jaya 2 ${t(locale, 'vacancy.unverified-mark')} (Cikarang Barat)`);
    const number = (title: string) => String(titles([{ text: list }]).indexOf(title) + 1);
    const verified = lastText(await c.say('u1', number('Operator Las SMAW 1'))).split('\n');
    expect(verified[2]).toBe(t(locale, 'vacancy.verified'));
    await c.say('u1', w.results);
    const unverified = lastText(await c.say('u1', number('Operator Las SMAW 2')));
    expect(unverified).toContain(locale === 'id' ? '⚠️ Perusahaan belum diverifikasi Disnaker' : '⚠️ Company not yet verified by Disnaker');
    expect(unverified).not.toContain(t(locale, 'vacancy.verified'));
    // Staff verify cmp-2 now: the next look says so, with no restart.
    await c.store.companies.create({ id: 'cmp-2', name: 'PT Maju Jaya 2', verification: { verifiedBy: 'Pak Dedi', verifiedAt: at }, createdAt: at, updatedAt: at });
    await c.index.apply({ collection: 'companies', op: 'upsert', id: 'cmp-2' });
    await c.say('u1', w.results);
    expect(lastText(await c.say('u1', number('Operator Las SMAW 2')))).toContain(t(locale, 'vacancy.verified'));
  });

  it('refuses a number that is not on the page and stays on the results', async () => {
    const c = await registered(2);
    await c.say('u1', w.search);
    for (const text of ['9', '0', '-5', '1e9', 'xyz']) {
      const hint = await c.say('u1', text);
      expect(lastText(hint)).toBe(t(locale, 'search.pick-hint', { max: 2 }));
      expect(hint.at(-1)?.choices?.map((ch) => ch.id)).toEqual(['v1', 'v2', 'training']);
      expect((await storedState(redis.client, c, 'u1'))?.step).toBe('results');
    }
  });

  it('shows what the company will see before applying: name, kecamatan, education, skills, experience, never the phone number', async () => {
    const c = await registered(2);
    const page = titles(await c.say('u1', w.search));
    await c.say('u1', '1');
    const vacancyId = String(((await storedState(redis.client, c, 'u1'))?.data as Record<string, unknown>).vacancyId);
    const preview = await c.say('u1', w.apply);
    const text = lastText(preview);
    expect(text.startsWith(t(locale, 'apply.preview.header', { title: page[0] ?? '', company: `PT Maju Jaya ${vacancyId.slice(4)}` }))).toBe(true);
    expect(text).toContain(`${t(locale, 'profile.field.name')}: Budi Santoso`);
    expect(text).toContain(`${t(locale, 'profile.field.kecamatan')}: Cikarang Utara, Karangasih`);
    expect(text).toContain(`${t(locale, 'profile.field.education')}: SMK ${locale === 'id' ? 'Teknik Mesin' : 'Mechanical Engineering'}`);
    expect(text).toMatch(new RegExp(`${t(locale, 'profile.field.skills')}: .*SMAW`));
    expect(text).toContain(`${t(locale, 'profile.field.experience')}: ${t(locale, 'profile.years', { n: 2 })} — `);
    expect(text).toContain(t(locale, 'apply.preview.no-phone'));
    expect(text.endsWith(t(locale, 'apply.preview.question'))).toBe(true);
    expect(preview.at(-1)?.choices?.map((ch) => ch.id)).toEqual(['send', 'not-now']);
    // Nothing is sent before the confirmation.
    expect(await c.store.applications.count()).toBe(0);
    expect((await storedState(redis.client, c, 'u1'))?.step).toBe('apply');
  });

  it('applies once confirmed: one Application, the next steps with their buttons, and "already applied" the second time', async () => {
    const c = await registered(2);
    const page = titles(await c.say('u1', w.search));
    await c.say('u1', '1');
    const vacancyId = String(((await storedState(redis.client, c, 'u1'))?.data as Record<string, unknown>).vacancyId);
    await c.say('u1', w.apply);
    const done = await c.say('u1', { choiceId: 'send' });
    expect(allText(done)).toBe(appliedText(locale, page[0] ?? '', `PT Maju Jaya ${vacancyId.slice(4)}`));
    expect(done.at(-1)?.choices).toEqual([
      { id: 'results', label: t(locale, 'search.back-to-results') },
      { id: 'more', label: t(locale, 'apply.other-matches') },
      { id: 'applications', label: t(locale, 'menu.applications') },
    ]);
    const [seeker] = await c.store.seekers.find();
    const applications = await c.store.applications.find();
    expect(applications).toEqual([expect.objectContaining({ seekerId: seeker?.id, vacancyId, status: 'submitted', ktpBekasi: true })]);
    // Back at the results, the vacancy is marked; its page says so and offers no second application.
    const results = await c.say('u1', { choiceId: 'results' });
    expect(lastText(results)).toMatch(new RegExp(`^1\\. \\*${page[0]}\\* — .+ ${t(locale, 'search.applied')}$`, 'm'));
    expect(results.at(-1)?.choices?.[0]?.label.startsWith('✅ 1. ')).toBe(true);
    expect(lastText(results)).not.toMatch(new RegExp(`^2\\. .+${t(locale, 'search.applied')}$`, 'm'));
    const detail = await c.say('u1', '1');
    expect(lastText(detail)).toContain(t(locale, 'vacancy.applied'));
    expect(detail.at(-1)?.choices?.map((ch) => ch.id)).toEqual(['results', 'report']);
    const again = await c.say('u1', w.apply);
    expect(lastText(again)).toBe(t(locale, 'apply.duplicate', { title: page[0] ?? '' }));
    expect(await c.store.applications.count()).toBe(1);
  });

  it('goes on from the confirmation to other matches or the applications', async () => {
    const c = await registered(7);
    const first = titles(await c.say('u1', w.search));
    await c.say('u1', '1');
    await c.say('u1', w.apply);
    await c.say('u1', locale === 'id' ? 'ya' : 'yes');
    const others = titles(await c.say('u1', { choiceId: 'more' }));
    expect(others).toHaveLength(2);
    expect(others.filter((title) => first.includes(title))).toEqual([]);
    await c.say('u1', '1');
    await c.say('u1', w.apply);
    await c.say('u1', { choiceId: 'send' });
    const list = lastText(await c.say('u1', { choiceId: 'applications' }));
    expect(list.startsWith(t(locale, 'applications.header'))).toBe(true);
    expect(await c.store.applications.count()).toBe(2);
  });

  it('sends nothing on "not now" and goes back to the vacancy', async () => {
    const c = await registered(1);
    await c.say('u1', w.search);
    await c.say('u1', '1');
    await c.say('u1', w.apply);
    const back = await c.say('u1', { choiceId: 'not-now' });
    expect(back[0]?.text).toBe(t(locale, 'apply.not-sent'));
    expect(lastText(back)).toContain('*Operator Las SMAW 1*');
    expect(await c.store.applications.count()).toBe(0);
    // Anything else at the confirmation is answered with a hint and the same two buttons.
    await c.say('u1', w.apply);
    const hint = await c.say('u1', 'hmm');
    expect(hint.map((r) => r.text)).toEqual([t(locale, 'apply.confirm-hint')]);
    expect(hint[0]?.choices?.map((ch) => ch.id)).toEqual(['send', 'not-now']);
  });

  it('refuses to apply to a vacancy closed meanwhile', async () => {
    const c = await registered(1);
    await c.say('u1', w.search);
    await c.say('u1', '1');
    await c.say('u1', w.apply);
    await c.store.vacancies.update('vac-1', (v) => ({ ...v, status: 'closed' }));
    expect(allText(await c.say('u1', { choiceId: 'send' }))).toBe(t(locale, 'apply.closed'));
    expect(await c.store.applications.count()).toBe(0);
  });

  it('hints at the choices on an unknown answer at the vacancy, with its buttons again', async () => {
    const c = await registered(1);
    await c.say('u1', w.search);
    await c.say('u1', '1');
    const hint = await c.say('u1', 'hmm');
    expect(allText(hint)).toBe(t(locale, 'search.detail-hint'));
    expect(hint[0]?.choices?.map((ch) => ch.id)).toEqual(['apply', 'results', 'report']);
    expect((await storedState(redis.client, c, 'u1'))?.step).toBe('detail');
  });

  it('lists the applications with their status', async () => {
    const c = await registered(2);
    expect(lastText(await c.say('u1', w.applications))).toBe(t(locale, 'applications.none'));
    const page = titles(await c.say('u1', w.search));
    await c.say('u1', '1');
    await c.say('u1', w.apply);
    await c.say('u1', w.apply);
    const list = lastText(await c.say('u1', w.applications));
    expect(list.startsWith(t(locale, 'applications.header'))).toBe(true);
    expect(list).toContain(`1. ${page[0]} — PT Maju Jaya`);
    expect(list).toContain(t(locale, 'applications.status.submitted'));
    const [application] = await c.store.applications.find();
    await c.store.applications.update(application?.id ?? '', (a) => ({ ...a, status: 'interview' }));
    expect(lastText(await c.say('u1', 'menu'))).toBe(t(locale, 'menu.prompt'));
    expect(lastText(await c.say('u1', { choiceId: 'applications' }))).toContain(t(locale, 'applications.status.interview'));
  });
});
