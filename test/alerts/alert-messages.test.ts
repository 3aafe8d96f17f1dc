import path from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Recipient } from '../../src/alerts/alert-content.js';
import { AlertMessages } from '../../src/alerts/alert-messages.js';
import type { BroadcastJob, DigestJob, ReportOutcomeJob, VacancyAlertJob } from '../../src/alerts/send-job.js';
import { Locales, matchExplanation, type Outbound } from '../../src/conversation/index.js';
import type { Broadcast, Locale, Subscription } from '../../src/domain/index.js';
import { VerifiedCompanies } from '../../src/indexes/verified-companies.js';
import { createDefaultMatcher, type Matcher } from '../../src/matching/index.js';
import { SqliteBackend, Store } from '../../src/store/index.js';
import { makeReport, makeSeeker, makeSubscription, makeVacancy } from '../fixtures/domain.js';

const LOCALES = Locales.load(path.resolve(import.meta.dirname, '../../locales'), { onMissing: 'throw' });
const NOW = new Date('2026-12-01T03:00:00.000Z');
const t = (locale: Locale, key: string, params?: Readonly<Record<string, string | number>>) => LOCALES.t(locale, key, params);

/** The subscriber's chat; the rendering reads only its locale. */
const recipient = (locale: Locale): Recipient => ({ identity: { channel: 'telegram', userId: '1001' }, key: 'telegram/1001', locale });

const vacancyAlert = (vacancyId: string, subscriptionId: string): VacancyAlertJob => ({ kind: 'vacancy-alert', sourceId: `vacancy-${vacancyId}`, vacancyId, subscriptionId });
const digest = (subscriptionId: string, vacancyIds: string[]): DigestJob => ({ kind: 'digest', sourceId: `digest-20261201-${subscriptionId}`, subscriptionId, vacancyIds });
const broadcastJob = (broadcastId: string, seekerId: string): BroadcastJob => ({ kind: 'broadcast', sourceId: `broadcast-${broadcastId}`, broadcastId, seekerId, channel: 'telegram' });

/** A forklift posting in Cikarang Barat (MM2100); its deadline, 01:00 WIB on 1 Feb, is still 31 Jan in UTC. */
const FORKLIFT = {
  title: 'Operator Forklift',
  requiredSkills: ['forklift'],
  preferredSkills: [],
  requirements: 'SIM B1 umum',
  description: 'Mengoperasikan forklift di gudang bahan baku.',
  deadline: '2027-01-31T18:00:00.000Z',
};

/** A subscriber without a profile watching for forklift or barista work in Cikarang Barat, contracts only. */
const FILTER_SUBSCRIPTION: Partial<Subscription> = {
  filters: { keywords: ['forklift', 'barista'], kecamatan: ['Cikarang Barat'], jobTypes: ['PKWT'] },
};

function broadcast(id: string, overrides: Partial<Broadcast> = {}): Broadcast {
  return {
    id,
    kind: 'job-fair',
    title: 'Job Fair Cikarang 2026',
    body: { id: 'Datang ke Job Fair di President University, 10 Desember, gratis.', en: 'Come to the job fair at President University on 10 December; free entry.' },
    segment: { channels: [], kecamatan: [], skills: [], ktpBekasiOnly: false },
    status: 'sending',
    createdBy: 'tok-admin',
    createdAt: NOW.toISOString(),
    updatedAt: NOW.toISOString(),
    ...overrides,
  };
}

/** The "why" line of a message: the one after the blank line that follows the facts, before the free-of-charge line. */
function reasonLine(message: Outbound | undefined): string {
  return message?.text.split('\n').at(-3) ?? '';
}

let matcher: Matcher;
beforeAll(() => {
  matcher = createDefaultMatcher();
});

describe.each(['id', 'en'] as const)('alert messages (%s)', (locale) => {
  let store: Store;
  let messages: AlertMessages;

  beforeEach(() => {
    store = new Store(new SqliteBackend({ file: ':memory:' }));
    // PT Astra Otoparts (the fixtures' company) is verified; other companies are not.
    const verifiedCompanies = new VerifiedCompanies();
    verifiedCompanies.put({ id: 'cmp-astra', name: 'PT Astra Otoparts Tbk', verification: { verifiedBy: 'Bu Sari', verifiedAt: NOW.toISOString() }, createdAt: NOW.toISOString(), updatedAt: NOW.toISOString() });
    messages = new AlertMessages({ store, matcher, locales: LOCALES, now: () => NOW, verifiedCompanies });
  });

  describe('a vacancy alert', () => {
    it('gives title, company, kecamatan and estate, pay, the deadline in WIB, why it fits, that applying is free, and the four choices', async () => {
      await store.vacancies.create(makeVacancy('vac-1', FORKLIFT));
      await store.subscriptions.create(makeSubscription('sub-1', { ...FILTER_SUBSCRIPTION, locale }));
      const message = await messages.render(vacancyAlert('vac-1', 'sub-1'), recipient(locale));
      expect(message?.text.split('\n')).toEqual([
        t(locale, 'alert.vacancy.header'),
        '',
        '*Operator Forklift*',
        'PT Astra Otoparts Tbk',
        t(locale, 'vacancy.verified'),
        '📍 Cikarang Barat · MM2100',
        `${t(locale, 'vacancy.salary')}: Rp 5.200.000 – Rp 5.800.000`,
        `${t(locale, 'vacancy.deadline')}: 1 Feb 2027`,
        '',
        t(locale, 'alert.why.subscription', {
          reasons: [
            t(locale, 'alert.why.keyword', { words: 'forklift' }),
            t(locale, 'alert.why.kecamatan', { kecamatan: 'Cikarang Barat' }),
            t(locale, 'alert.why.job-type', { type: t(locale, 'jobtype.pkwt') }),
          ].join(' · '),
        }),
        '',
        locale === 'id' ? 'Melamar tidak dipungut biaya.' : 'Applying is free of charge.',
      ]);
      expect(message?.choices).toEqual([
        { id: 'alert:detail:vac-1', label: t(locale, 'alert.detail') },
        { id: 'alert:apply:vac-1', label: t(locale, 'alert.apply') },
        { id: 'alert:unsubscribe:sub-1', label: t(locale, 'alert.unsubscribe') },
        { id: 'alert:report:vac-1', label: locale === 'id' ? 'Laporkan pungutan/penipuan' : 'Report a fee or scam' },
      ]);
    });

    it("says when the vacancy's company is not verified by the office, or names no company record at all", async () => {
      await store.vacancies.create(makeVacancy('vac-1', { ...FORKLIFT, company: { id: 'cmp-baru', name: 'PT Baru Berdiri' } }));
      await store.vacancies.create(makeVacancy('vac-2', { ...FORKLIFT, company: { name: 'CV Tanpa Catatan' } }));
      await store.subscriptions.create(makeSubscription('sub-1', FILTER_SUBSCRIPTION));
      for (const id of ['vac-1', 'vac-2']) {
        const lines = (await messages.render(vacancyAlert(id, 'sub-1'), recipient(locale)))?.text.split('\n') ?? [];
        expect(lines[4]).toBe(t(locale, 'vacancy.unverified'));
        expect(lines).not.toContain(t(locale, 'vacancy.verified'));
      }
      expect(t(locale, 'vacancy.unverified')).toBe(locale === 'id' ? '⚠️ Perusahaan belum diverifikasi Disnaker' : '⚠️ Company not yet verified by Disnaker');
      await store.subscriptions.create(makeSubscription('sub-2', { ...FILTER_SUBSCRIPTION, mode: 'daily' }));
      const daily = await messages.render(digest('sub-2', ['vac-1']), recipient(locale));
      expect(daily?.text).toContain(`1. *Operator Forklift* — PT Baru Berdiri ${t(locale, 'vacancy.unverified-mark')} (Cikarang Barat)`);
    });

    it('names only the filters the vacancy meets: not a keyword it lacks, nor a filter the subscriber left open', async () => {
      await store.vacancies.create(makeVacancy('vac-1', FORKLIFT));
      await store.subscriptions.create(makeSubscription('sub-1', { filters: { keywords: ['barista', 'forklift'], kecamatan: [], jobTypes: [] } }));
      const line = reasonLine(await messages.render(vacancyAlert('vac-1', 'sub-1'), recipient(locale)));
      expect(line).toBe(t(locale, 'alert.why.subscription', { reasons: t(locale, 'alert.why.keyword', { words: 'forklift' }) }));
      expect(line).not.toMatch(/barista|Cikarang|PKWT/i);
    });

    it('says it fits the subscription as a whole when the subscriber set no filter', async () => {
      await store.vacancies.create(makeVacancy('vac-1', FORKLIFT));
      await store.subscriptions.create(makeSubscription('sub-1', { filters: { keywords: [], kecamatan: [], jobTypes: [] } }));
      expect(reasonLine(await messages.render(vacancyAlert('vac-1', 'sub-1'), recipient(locale)))).toBe(t(locale, 'alert.why.any'));
    });

    it("explains a seeker's subscription by their profile: the narrower skill asked shows as related to the one they gave, never as theirs", async () => {
      // The seeker wrote "las" (welding); the posting asks for SMAW welding and a welder's certificate.
      const seeker = makeSeeker('skr-1', { skills: { ids: ['welding'], raw: 'las' }, certifications: [], wantedPositions: [], experience: { years: 2, text: '' } });
      await store.seekers.create(seeker);
      await store.vacancies.create(makeVacancy('vac-1'));
      await store.subscriptions.create(makeSubscription('sub-1', { seekerId: seeker.id }));
      const message = await messages.render(vacancyAlert('vac-1', 'sub-1'), recipient(locale));
      const line = reasonLine(message);
      const expected = matchExplanation(matcher.explainMatch(seeker, makeVacancy('vac-1'), { now: NOW }), locale, (key, params) => t(locale, key, params));
      expect(line).toBe(t(locale, 'alert.why.profile', { reasons: expected }));
      expect(line).toContain(locale === 'id' ? 'terkait: Las SMAW (Anda punya Pengelasan, lebih umum)' : 'related: SMAW Welding (you have Welding, more general)');
      expect(line).toContain(locale === 'id' ? 'pendidikan sesuai' : 'education fits');
      expect(line).not.toMatch(/(Cocok|Matches): [^·]*SMAW/);
      // The title may say SMAW: it is the posting's, not a claim about the person.
      expect(message?.text).toContain('*Operator Las SMAW*');
    });

    it('says nothing for a vacancy that closed, passed its deadline or was deleted, nor for a subscription switched off', async () => {
      await store.vacancies.create(makeVacancy('closed', { ...FORKLIFT, status: 'closed' }));
      await store.vacancies.create(makeVacancy('expired', { ...FORKLIFT, deadline: '2026-11-30T16:59:59.000Z' }));
      await store.vacancies.create(makeVacancy('open', FORKLIFT));
      await store.subscriptions.create(makeSubscription('sub-1', FILTER_SUBSCRIPTION));
      await store.subscriptions.create(makeSubscription('sub-2', { ...FILTER_SUBSCRIPTION, active: false }));
      for (const id of ['closed', 'expired', 'missing']) expect(await messages.render(vacancyAlert(id, 'sub-1'), recipient(locale))).toBeUndefined();
      expect(await messages.render(vacancyAlert('open', 'sub-2'), recipient(locale))).toBeUndefined();
      expect(await messages.render(vacancyAlert('open', 'sub-1'), recipient(locale))).toBeDefined();
    });
  });

  describe('a digest', () => {
    async function seedOpen(count: number): Promise<string[]> {
      const ids = Array.from({ length: count }, (_, i) => `vac-${i + 1}`);
      for (const [i, id] of ids.entries()) await store.vacancies.create(makeVacancy(id, { ...FORKLIFT, title: `Operator Forklift ${i + 1}` }));
      return ids;
    }

    it('numbers the vacancies still open, each with a one-line reason, a button to open each and one to unsubscribe', async () => {
      const ids = await seedOpen(3);
      await store.vacancies.update('vac-2', (v) => ({ ...v, status: 'closed' }));
      await store.subscriptions.create(makeSubscription('sub-1', FILTER_SUBSCRIPTION));
      const message = await messages.render(digest('sub-1', ids), recipient(locale));
      const reasons = [
        t(locale, 'alert.why.keyword', { words: 'forklift' }),
        t(locale, 'alert.why.kecamatan', { kecamatan: 'Cikarang Barat' }),
        t(locale, 'alert.why.job-type', { type: t(locale, 'jobtype.pkwt') }),
      ].join(' · ');
      expect(message?.text).toBe(
        [
          t(locale, 'alert.digest.header'),
          '',
          `1. *Operator Forklift 1* — PT Astra Otoparts Tbk ${t(locale, 'vacancy.verified-mark')} (Cikarang Barat)\n   ${reasons}`,
          `2. *Operator Forklift 3* — PT Astra Otoparts Tbk ${t(locale, 'vacancy.verified-mark')} (Cikarang Barat)\n   ${reasons}`,
          '',
          t(locale, 'alert.digest.footer'),
          '',
          t(locale, 'vacancy.free'),
        ].join('\n'),
      );
      expect(message?.choices).toEqual([
        { id: 'alert:detail:vac-1', label: '1. Operator Forklift 1' },
        { id: 'alert:detail:vac-3', label: '2. Operator Forklift 3' },
        { id: 'alert:unsubscribe:sub-1', label: t(locale, 'alert.unsubscribe') },
      ]);
    });

    it('lists nine, so that its numbers stay those of its buttons within ten choices, and counts the tenth', async () => {
      const ids = await seedOpen(10);
      await store.subscriptions.create(makeSubscription('sub-1', FILTER_SUBSCRIPTION));
      const message = await messages.render(digest('sub-1', ids), recipient(locale));
      expect(message?.choices).toHaveLength(10);
      expect(message?.choices?.at(-1)?.id).toBe('alert:unsubscribe:sub-1');
      expect(message?.choices?.slice(0, 9).map((c) => c.id)).toEqual(ids.slice(0, 9).map((id) => `alert:detail:${id}`));
      expect(message?.text).toContain(t(locale, 'alert.digest.more', { n: 1 }));
      expect(message?.text).not.toContain('Operator Forklift 10');
    });

    it("gives a seeker's digest the one-line reasons of their search results", async () => {
      const ids = await seedOpen(1);
      const seeker = makeSeeker('skr-1', { skills: { ids: ['forklift'], raw: 'forklift' } });
      await store.seekers.create(seeker);
      await store.subscriptions.create(makeSubscription('sub-1', { seekerId: seeker.id }));
      const message = await messages.render(digest('sub-1', ids), recipient(locale));
      const reasons = matcher.explainMatch(seeker, makeVacancy('vac-1', { ...FORKLIFT, title: 'Operator Forklift 1' }), { now: NOW });
      const expected = matchExplanation(reasons, locale, (key, params) => t(locale, key, params));
      expect(message?.text).toContain(`1. *Operator Forklift 1* — PT Astra Otoparts Tbk ${t(locale, 'vacancy.verified-mark')} (Cikarang Barat)\n   ${expected}`);
    });

    it('says nothing when none of its vacancies is still open, or the subscription was switched off', async () => {
      const ids = await seedOpen(2);
      await store.subscriptions.create(makeSubscription('sub-1', FILTER_SUBSCRIPTION));
      await store.subscriptions.create(makeSubscription('sub-2', { ...FILTER_SUBSCRIPTION, active: false }));
      expect(await messages.render(digest('sub-2', ids), recipient(locale))).toBeUndefined();
      for (const id of ids) await store.vacancies.update(id, (v) => ({ ...v, status: 'closed' }));
      expect(await messages.render(digest('sub-1', [...ids, 'missing']), recipient(locale))).toBeUndefined();
    });
  });

  describe('a broadcast', () => {
    it("shows its title and its text in the recipient's language, and the opt-out choice", async () => {
      await store.seekers.create(makeSeeker('skr-1'));
      await store.broadcasts.create(broadcast('bc-1'));
      const message = await messages.render(broadcastJob('bc-1', 'skr-1'), recipient(locale));
      const body = locale === 'en' ? 'Come to the job fair at President University on 10 December; free entry.' : 'Datang ke Job Fair di President University, 10 Desember, gratis.';
      expect(message?.text).toBe([t(locale, 'alert.broadcast.header'), '', '*Job Fair Cikarang 2026*', '', body, '', t(locale, 'alert.broadcast.footer')].join('\n'));
      expect(message?.choices).toEqual([{ id: 'broadcast:optout', label: t(locale, 'alert.broadcast.opt-out') }]);
    });

    it('falls back to the Indonesian text when there is no English one', async () => {
      await store.seekers.create(makeSeeker('skr-1'));
      await store.broadcasts.create(broadcast('bc-1', { body: { id: 'Pelatihan las gratis di BLK Cikarang.' } }));
      expect((await messages.render(broadcastJob('bc-1', 'skr-1'), recipient(locale)))?.text).toContain('\nPelatihan las gratis di BLK Cikarang.\n');
    });

    it('says nothing once cancelled, nor to a seeker who opted out or was erased', async () => {
      await store.seekers.create(makeSeeker('skr-1'));
      await store.seekers.create(makeSeeker('skr-2', { broadcastsOptedOutAt: NOW.toISOString() }));
      await store.broadcasts.create(broadcast('bc-1', { status: 'cancelled' }));
      await store.broadcasts.create(broadcast('bc-2'));
      expect(await messages.render(broadcastJob('bc-1', 'skr-1'), recipient(locale))).toBeUndefined();
      expect(await messages.render(broadcastJob('bc-2', 'skr-2'), recipient(locale))).toBeUndefined();
      expect(await messages.render(broadcastJob('bc-2', 'skr-gone'), recipient(locale))).toBeUndefined();
      expect(await messages.render(broadcastJob('bc-2', 'skr-1'), recipient(locale))).toBeDefined();
    });
  });
  describe("a report's outcome", () => {
    const outcomeJob = (reportId: string): ReportOutcomeJob => ({ kind: 'report-outcome', sourceId: `report-${reportId}`, reportId, channel: 'telegram' });
    const resolution = (outcome: 'vacancy-closed' | 'no-violation' | 'other', note?: string) => ({ outcome, ...(note ? { note } : {}), resolvedBy: 'tok-operator', resolvedAt: NOW.toISOString() });

    it('names the vacancy, says what the staff concluded in words, with their note, and that applying is free', async () => {
      await store.vacancies.create(makeVacancy('vac-1', { status: 'closed' }));
      await store.reports.create(makeReport('rpt-1', { locale, status: 'resolved', resolution: resolution('vacancy-closed', 'Lowongan ditutup, perusahaan ditegur.') }));
      const message = await messages.render(outcomeJob('rpt-1'), recipient(locale));
      const words =
        locale === 'id'
          ? ['🛡️ Hasil laporan Anda', 'Petugas Disnaker sudah memeriksa laporan Anda dan menutup lowongan ini.', 'Catatan petugas: Lowongan ditutup, perusahaan ditegur.', 'Terima kasih sudah melapor.', 'Melamar tidak dipungut biaya.']
          : ['🛡️ The outcome of your report', 'Disnaker staff looked into your report and closed this job.', 'Staff note: Lowongan ditutup, perusahaan ditegur.', 'Thank you for reporting.', 'Applying is free of charge.'];
      expect(message?.text.split('\n')).toEqual([words[0], '', '*Operator Las SMAW*', 'PT Astra Otoparts Tbk', '', words[1], words[2], '', words[3], words[4]]);
      expect(message?.choices).toBeUndefined();
      for (const outcome of ['no-violation', 'other'] as const) {
        await store.reports.create(makeReport(`rpt-${outcome}`, { locale, status: 'resolved', resolution: resolution(outcome) }));
        expect((await messages.render(outcomeJob(`rpt-${outcome}`), recipient(locale)))?.text).toContain(t(locale, `alert.report.outcome.${outcome}`));
      }
    });

    it('says nothing for a report not resolved, or whose reporter erased their data', async () => {
      await store.vacancies.create(makeVacancy('vac-1'));
      await store.reports.create(makeReport('rpt-open', { locale }));
      await store.reports.create(makeReport('rpt-erased', { locale, status: 'resolved', resolution: resolution('other') }));
      await store.reports.anonymise('rpt-erased');
      expect(await messages.render(outcomeJob('rpt-open'), recipient(locale))).toBeUndefined();
      expect(await messages.render(outcomeJob('rpt-erased'), recipient(locale))).toBeUndefined();
      expect(await messages.render(outcomeJob('rpt-gone'), recipient(locale))).toBeUndefined();
    });
  });
});
