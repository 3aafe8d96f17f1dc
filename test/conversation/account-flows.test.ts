import { describe, expect, it } from 'vitest';
import { seekerSchema, subscriptionSchema } from '../../src/domain/index.js';
import { createTestConversation } from '../helpers/conversation.js';
import { makeDelivery, makeSeeker } from '../fixtures/domain.js';
import { useTestRedis } from '../helpers/redis.js';
import { allText, consent, dumpStore, lastText, register, seedVacancies, seekerOf, sharedConversation, storedState, t } from './script.js';

describe.each(['id', 'en'] as const)('subscription, profile, help, language and delete (%s)', (locale) => {
  const redis = useTestRedis();
  const { conversation, nextUser } = sharedConversation(redis);
  const w = locale === 'id'
    ? { subscribe: 'langganan', profile: 'profil', help: 'bantuan', del: 'hapus', yes: 'ya', no: 'tidak', skip: 'lewati', search: 'cari', apply: 'lamar' }
    : { subscribe: 'subscribe', profile: 'profile', help: 'help', del: 'delete my data', yes: 'yes', no: 'no', skip: 'skip', search: 'search', apply: 'apply' };

  describe('alert subscription', () => {
    it('creates an alert with keywords, area, job types, daily digest and quiet hours', async () => {
      const user = nextUser();
      const c = conversation();
      await register(c, user, locale);
      const overview = await c.say(user, w.subscribe);
      expect(lastText(overview)).toBe(t(locale, 'sub.none-yet'));
      expect(lastText(await c.say(user, '1'))).toBe(t(locale, 'sub.keywords.prompt'));
      expect(lastText(await c.say(user, 'forklift, operator produksi'))).toBe(t(locale, 'sub.area.prompt'));
      expect(lastText(await c.say(user, 'cikbar'))).toBe(t(locale, 'sub.job-types.prompt'));
      expect(lastText(await c.say(user, '1,2'))).toBe(t(locale, 'sub.mode.prompt'));
      expect(lastText(await c.say(user, t(locale, 'sub.mode.daily')))).toBe(t(locale, 'sub.quiet.prompt'));
      const saved = await c.say(user, { choiceId: 'night' });
      expect(saved[0]?.text.startsWith(t(locale, 'sub.saved'))).toBe(true);
      expect(lastText(saved)).toBe(t(locale, 'menu.prompt'));
      const [sub] = await c.store.subscriptions.listBySubscriber({ channel: 'web', userId: user });
      const seeker = await seekerOf(c, user);
      expect(subscriptionSchema.safeParse(sub).success).toBe(true);
      expect(sub).toMatchObject({
        subscriber: { channel: 'web', userId: user },
        seekerId: seeker?.id,
        filters: { keywords: ['forklift', 'operator produksi'], kecamatan: ['Cikarang Barat'], education: 'SMK', jobTypes: ['PKWT', 'PKWTT'] },
        mode: 'daily',
        quietHours: { start: '21:00', end: '06:00' },
        locale,
        active: true,
      });
    });

    it('lets a consented person without a profile subscribe with every filter skipped', async () => {
      const user = nextUser();
      const c = conversation();
      await consent(c, user, locale);
      await c.say(user, 'menu');
      await c.say(user, w.subscribe);
      for (const answer of [{ choiceId: 'new' }, w.skip, w.skip, { choiceId: 'skip' }, '1', '1']) await c.say(user, answer);
      const [sub] = await c.store.subscriptions.listBySubscriber({ channel: 'web', userId: user });
      expect(sub).toMatchObject({ filters: { keywords: [], kecamatan: [], jobTypes: [] }, mode: 'instant', active: true });
      expect(sub?.quietHours).toBeUndefined();
      expect(sub?.seekerId).toBeUndefined();
      expect(await seekerOf(c, user)).toBeUndefined();
    });

    it('pauses, resumes and stops the alerts', async () => {
      const user = nextUser();
      const c = conversation();
      await register(c, user, locale);
      await c.say(user, w.subscribe);
      for (const answer of ['1', 'forklift', w.skip, w.skip, '1', '1']) await c.say(user, answer);
      const overview = await c.say(user, w.subscribe);
      expect(lastText(overview)).toContain(t(locale, 'sub.overview'));
      expect(lastText(overview)).toContain(t(locale, 'sub.state.active'));
      expect(overview.at(-1)?.choices?.map((ch) => ch.id)).toEqual(['new', 'pause', 'stop']);

      expect(allText(await c.say(user, '2'))).toContain(t(locale, 'sub.paused'));
      expect((await c.store.subscriptions.listBySubscriber({ channel: 'web', userId: user })).map((s) => s.active)).toEqual([false]);

      const paused = await c.say(user, w.subscribe);
      expect(lastText(paused)).toContain(t(locale, 'sub.state.paused'));
      expect(paused.at(-1)?.choices?.map((ch) => ch.id)).toEqual(['new', 'resume', 'stop']);
      expect(allText(await c.say(user, { choiceId: 'resume' }))).toContain(t(locale, 'sub.resumed'));
      expect((await c.store.subscriptions.listBySubscriber({ channel: 'web', userId: user })).map((s) => s.active)).toEqual([true]);

      await c.say(user, w.subscribe);
      const stopped = await c.say(user, t(locale, 'sub.stop'));
      expect(stopped[0]?.text).toBe(t(locale, 'sub.stopped'));
      expect(lastText(stopped)).toBe(t(locale, 'menu.prompt'));
      expect(await c.store.subscriptions.listBySubscriber({ channel: 'web', userId: user })).toEqual([]);
    });

    it('hints at the actions on an unknown answer at the overview', async () => {
      const user = nextUser();
      const c = conversation();
      await register(c, user, locale);
      await c.say(user, w.subscribe);
      for (const answer of ['1', 'forklift', w.skip, w.skip, '1', '1']) await c.say(user, answer);
      await c.say(user, w.subscribe);
      expect(allText(await c.say(user, 'apa ini'))).toBe(t(locale, 'sub.action-hint'));
      expect((await storedState(redis.client, c, user))?.step).toBe('overview');
    });
  });

  describe('profile', () => {
    it('shows every field and offers each one to change', async () => {
      const user = nextUser();
      const c = conversation();
      await register(c, user, locale);
      const view = await c.say(user, w.profile);
      const text = lastText(view);
      expect(text.startsWith(t(locale, 'profile.header'))).toBe(true);
      expect(text).toContain(`${t(locale, 'profile.field.name')}: Budi Santoso`);
      expect(text).toContain(`${t(locale, 'profile.field.kecamatan')}: Cikarang Utara, Karangasih`);
      expect(text).toContain(`${t(locale, 'profile.field.salary')}: Rp 5.500.000`);
      expect(text).toContain(`${t(locale, 'profile.field.experience')}: ${t(locale, 'profile.years', { n: 2 })}`);
      expect(text).toContain(`${t(locale, 'profile.field.positions')}: ${locale === 'id' ? 'operator produksi' : 'production operator'}, welder`);
      expect(view.at(-1)?.choices).toHaveLength(10);
    });

    it('asks the work wanted along with the experience when the experience is changed', async () => {
      const user = nextUser();
      const c = conversation();
      await register(c, user, locale);
      await c.say(user, w.profile);
      expect(lastText(await c.say(user, { choiceId: 'experience' }))).toBe(t(locale, 'reg.experience-years.prompt'));
      expect(lastText(await c.say(user, '4'))).toBe(t(locale, 'reg.experience-text.prompt'));
      expect(lastText(await c.say(user, '4 thn jd welder di Cibitung'))).toBe(t(locale, 'reg.positions.prompt'));
      const saved = await c.say(user, 'welder, fabrikasi');
      expect(saved[0]?.text).toBe(t(locale, 'profile.saved'));
      expect(await seekerOf(c, user)).toMatchObject({ experience: { years: 4, text: '4 thn jd welder di Cibitung' }, wantedPositions: ['welder', 'fabrikasi'] });
    });

    it('changes one field and nothing else', async () => {
      const user = nextUser();
      const c = conversation();
      await register(c, user, locale);
      const before = await seekerOf(c, user);
      await c.say(user, w.profile);
      expect(lastText(await c.say(user, { choiceId: 'shift' }))).toBe(t(locale, 'reg.shift.prompt'));
      const saved = await c.say(user, w.no);
      expect(saved.map((r) => r.text)).toEqual([t(locale, 'profile.saved'), t(locale, 'menu.prompt')]);
      const after = await seekerOf(c, user);
      expect(after?.shiftWilling).toBe(false);
      expect({ ...after, shiftWilling: undefined, updatedAt: undefined }).toEqual({ ...before, shiftWilling: undefined, updatedAt: undefined });
    });

    it('asks the expected pay along with the job types when they are changed', async () => {
      const user = nextUser();
      const c = conversation();
      await register(c, user, locale);
      await c.say(user, w.profile);
      expect(lastText(await c.say(user, { choiceId: 'jobtypes' }))).toContain(t(locale, 'reg.job-types.prompt'));
      expect(lastText(await c.say(user, '3'))).toBe(t(locale, 'reg.salary.prompt'));
      await c.say(user, '7 juta');
      expect(await seekerOf(c, user)).toMatchObject({ wantedJobTypes: ['magang'], expectedSalary: 7_000_000 });
    });

    it('withdraws and gives again the consent to share with the province and the ministry, keeping the first date', async () => {
      const user = nextUser();
      const c = conversation();
      await register(c, user, locale);
      const given = (await seekerOf(c, user))?.sharingConsentAt;
      expect(given).toEqual(expect.any(String));
      await c.say(user, w.profile);
      expect(lastText(await c.say(user, { choiceId: 'sharing' }))).toBe(t(locale, 'reg.sharing.prompt'));
      await c.say(user, w.no);
      expect((await seekerOf(c, user))?.sharingConsentAt).toBeUndefined();
      await c.say(user, w.profile);
      await c.say(user, { choiceId: 'sharing' });
      await c.say(user, w.yes);
      expect((await seekerOf(c, user))?.sharingConsentAt).toEqual(expect.any(String));
    });

    it('changes the skills with the read-back, asking again when it is wrong', async () => {
      const user = nextUser();
      const c = conversation();
      await register(c, user, locale);
      await c.say(user, w.profile);
      expect(lastText(await c.say(user, t(locale, 'profile.field.skills')))).toBe(t(locale, 'reg.skills.prompt'));
      expect(lastText(await c.say(user, 'packing'))).toMatch(locale === 'id' ? /^Keahlian yang saya catat: .+\.\nBenar\?$/ : /^Skills I noted: .+\.\nIs that right\?$/);
      // "No" goes back to the skills question; it does not save the wrong skills.
      expect(lastText(await c.say(user, w.no))).toBe(t(locale, 'reg.skills.prompt'));
      const unchanged = await seekerOf(c, user);
      expect(unchanged?.skills.ids).toEqual(['welding-smaw', 'forklift']);
      await c.say(user, 'admin gudang, microsoft excel');
      const saved = await c.say(user, w.yes);
      expect(saved[0]?.text).toBe(t(locale, 'profile.saved'));
      const after = await seekerOf(c, user);
      expect(after?.skills.raw).toBe('admin gudang, microsoft excel');
      expect(after?.skills.ids).not.toContain('welding-smaw');
    });

    it('changes the education to SMA without asking the major, and drops the old major', async () => {
      const user = nextUser();
      const c = conversation();
      await register(c, user, locale);
      await c.say(user, w.profile);
      await c.say(user, { choiceId: 'education' });
      const saved = await c.say(user, 'SMA');
      expect(saved.map((r) => r.text)).toEqual([t(locale, 'profile.saved'), t(locale, 'menu.prompt')]);
      const after = await seekerOf(c, user);
      expect(after?.education).toEqual({ level: 'SMA' });
      expect(after?.skills.ids).toEqual(['welding-smaw', 'forklift']);
    });

    it('changes the education to D3 with its major', async () => {
      const user = nextUser();
      const c = conversation();
      await register(c, user, locale);
      await c.say(user, w.profile);
      await c.say(user, { choiceId: 'education' });
      expect(lastText(await c.say(user, 'D3'))).toBe(t(locale, 'reg.major.prompt'));
      await c.say(user, 'Teknik Elektro');
      const after = await seekerOf(c, user);
      expect(after?.education).toEqual({ level: 'D3', major: 'Teknik Elektro' });
    });

    it('changes the home district together with its village', async () => {
      const user = nextUser();
      const c = conversation();
      await register(c, user, locale);
      await c.say(user, w.profile);
      await c.say(user, '2');
      expect(lastText(await c.say(user, 'tambun selatan'))).toBe(t(locale, 'reg.desa.prompt'));
      expect(lastText(await c.say(user, w.skip))).toBe(t(locale, 'menu.prompt'));
      const after = await seekerOf(c, user);
      expect(after?.domicile).toEqual({ kecamatan: 'Tambun Selatan', ktpBekasi: true });
      expect(seekerSchema.safeParse(after).success).toBe(true);
    });

    it('refuses an unknown field and stays on the profile', async () => {
      const user = nextUser();
      const c = conversation();
      await register(c, user, locale);
      await c.say(user, w.profile);
      expect(allText(await c.say(user, '42'))).toBe(t(locale, 'error.choice', { max: 10 }));
      expect((await storedState(redis.client, c, user))?.flow).toBe('profile');
    });
  });

  describe('help and language', () => {
    it('shows the general help from the menu and with the help word outside a flow', async () => {
      const user = nextUser();
      const c = conversation();
      await register(c, user, locale);
      expect(allText(await c.say(user, { choiceId: 'help' }))).toBe(t(locale, 'help.general'));
      expect(allText(await c.say(user, w.help))).toBe(t(locale, 'help.general'));
      const atMenu = await c.say(user, 'menu');
      expect(lastText(atMenu)).toBe(t(locale, 'menu.prompt'));
      expect((await c.say(user, w.help)).map((r) => r.text)).toEqual([`${t(locale, 'menu.help')}\n\n${t(locale, 'help.anytime')}`, t(locale, 'menu.prompt')]);
    });

    it('switches the language from the menu, for the profile and the alerts too', async () => {
      const user = nextUser();
      const c = conversation();
      const other = locale === 'id' ? 'en' : 'id';
      await register(c, user, locale);
      await c.say(user, w.subscribe);
      for (const answer of ['1', 'forklift', w.skip, w.skip, '1', '1']) await c.say(user, answer);
      expect(lastText(await c.say(user, { choiceId: 'language' }))).toBe(t(locale, 'welcome.language'));
      const changed = await c.say(user, { choiceId: other });
      expect(changed.map((r) => r.text)).toEqual([t(other, 'language.changed'), t(other, 'menu.prompt')]);
      expect((await seekerOf(c, user))?.locale).toBe(other);
      expect((await c.store.subscriptions.listBySubscriber({ channel: 'web', userId: user }))[0]?.locale).toBe(other);
      expect(lastText(await c.say(user, 'profil'))).toContain(t(other, 'profile.header'));
    });
  });

  describe('delete my data', () => {
    it('keeps everything when the person says no', async () => {
      const user = nextUser();
      const c = conversation();
      await register(c, user, locale);
      expect(lastText(await c.say(user, w.del))).toBe(t(locale, 'delete.confirm'));
      const kept = await c.say(user, w.no);
      expect(kept.map((r) => r.text)).toEqual([t(locale, 'delete.kept'), t(locale, 'menu.prompt')]);
      expect(await seekerOf(c, user)).toBeDefined();
    });

    it('erases every personal field from the store and the conversation state from Redis', async () => {
      const user = nextUser();
      const c = createTestConversation(redis.client);
      await seedVacancies(c, 2);
      await register(c, user, locale);
      // An alert, an application and a delivered alert: everything a person leaves behind.
      await c.say(user, w.subscribe);
      for (const answer of ['1', 'forklift, las', 'cikarang barat', '1', '1', '2']) await c.say(user, answer);
      await c.say(user, w.search);
      await c.say(user, '1');
      await c.say(user, w.apply);
      expect(allText(await c.say(user, { choiceId: 'send' }))).toContain('✅');
      // A report of the other vacancy, with what happened and the chat attached.
      await c.say(user, w.search);
      await c.say(user, '2');
      await c.say(user, { choiceId: 'report' });
      await c.say(user, '1');
      await c.say(user, 'pungutan seragam tujuh ratus ribu');
      await c.say(user, w.yes);
      expect((await c.store.reports.find())[0]?.transcript?.length).toBeGreaterThan(0);
      await c.store.deliveries.create(makeDelivery('dlv-1', { recipient: `web/${user}`, channel: 'web' }));
      const [seeker] = await c.store.seekers.find();
      const seekerId = seeker?.id ?? '';
      // Another person's data must survive.
      await c.store.seekers.create(
        makeSeeker('skr-other', {
          identities: [{ channel: 'web', userId: 'u2' }],
          identityKeys: ['web/u2'],
          name: 'Siti Rahmawati',
          domicile: { kecamatan: 'Setu', ktpBekasi: false },
          education: { level: 'SMA' },
          certifications: [],
          experience: { years: 0, text: '' },
        }),
      );
      await c.say('u2', 'menu');

      await c.say(user, 'menu');
      await c.say(user, { choiceId: 'delete' });
      const done = await c.say(user, w.yes);
      expect(allText(done)).toBe(t(locale, 'delete.done'));

      expect(await c.store.seekers.find()).toEqual([expect.objectContaining({ identityKeys: ['web/u2'] })]);
      expect(await c.store.subscriptions.count()).toBe(0);
      expect(await c.store.deliveries.count()).toBe(0);
      const applications = await c.store.applications.find();
      expect(applications).toHaveLength(1); // kept as an anonymous count
      expect(applications[0]?.seekerId).toBeUndefined();
      // The report stays for the staff as the vacancy, its reason and status; nothing of the reporter.
      expect(await c.store.reports.find()).toEqual([expect.objectContaining({ vacancyId: 'vac-2', reason: 'asked-for-money', status: 'open' })]);
      expect(Object.keys((await c.store.reports.find())[0] ?? {}).sort()).toEqual(['createdAt', 'id', 'locale', 'reason', 'status', 'updatedAt', 'vacancyId']);
      const everything = await dumpStore(c.store);
      // The audit trail keeps the (now unlinkable) seeker id to show the erasure happened; nothing else does.
      const outsideAudit = JSON.stringify(await Promise.all([c.store.seekers.find(), c.store.subscriptions.find(), c.store.applications.find(), c.store.deliveries.find(), c.store.outbox.find(), c.store.reports.find()]));
      expect(outsideAudit).not.toContain(seekerId);
      for (const personal of [`web/${user}`, `"${user}"`, 'Budi', 'Karangasih', 'Teknik Mesin', 'BLK Las', 'operator di MM2100', '"las"', 'pungutan seragam']) expect(everything).not.toContain(personal);
      const audit = await c.store.audit.find();
      expect(audit.length).toBeGreaterThan(0);
      expect(JSON.stringify(audit)).not.toMatch(new RegExp(`Budi|Santoso|web/${user}`));
      const keys = c.states.keysOf(`web/${user}`);
      expect(await redis.client.exists([keys.state, keys.seen, keys.lock])).toBe(0);
      // No key of any conversation names a person: chat ids never reach Redis in clear.
      expect(await redis.client.keys(`${c.prefix}:*web/*`)).toEqual([]);
      expect(await storedState(redis.client, c, 'u2')).toBeDefined();
    });

    it('starts over with the language question and the notice after deleting', async () => {
      const user = nextUser();
      const c = conversation();
      await register(c, user, locale);
      await c.say(user, w.del);
      await c.say(user, w.yes);
      expect(lastText(await c.say(user, w.profile))).toBe(t('id', 'welcome.language'));
    });
  });
});
