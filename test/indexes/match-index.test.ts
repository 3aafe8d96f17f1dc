import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MatchIndex } from '../../src/indexes/match-index.js';
import { createDefaultMatcher } from '../../src/matching/index.js';
import { ChangeFeed } from '../../src/runtime/change-feed.js';
import { createLogger } from '../../src/runtime/logger.js';
import { SqliteBackend, Store } from '../../src/store/index.js';
import { makeSeeker, makeVacancy } from '../fixtures/domain.js';
import { uniquePrefix, useTestRedis } from '../helpers/redis.js';
import { tempDir } from '../helpers/temp-dir.js';
import { waitFor } from '../helpers/wait.js';

const silent = createLogger({ level: 'silent' });
const dir = tempDir('lokerbot-index');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('MatchIndex across processes', () => {
  const redis = useTestRedis();

  /**
   * "Process" A serves searches from its index; "process" B writes (an admin, the CLI). They share
   * the store file and Redis only; `seed` writes what is there before A starts.
   */
  async function twoProcesses(name: string, seed: (store: Store) => Promise<unknown>) {
    const file = path.join(dir, name);
    const stream = uniquePrefix('changes');
    const storeA = new Store(new SqliteBackend({ file }));
    const storeB = new Store(new SqliteBackend({ file }));
    await seed(storeA);
    const index = new MatchIndex(createDefaultMatcher(), storeA, silent);
    const feedA = new ChangeFeed(redis.client, silent, { stream, blockMs: 100 });
    const feedB = new ChangeFeed(redis.client, silent, { stream, blockMs: 100 });
    storeB.onChange((change) => feedB.publish(change));
    await feedA.follow((change) => void index.apply(change));
    await index.load();
    return { storeA, storeB, index, feedA };
  }

  it('sees vacancies opened, edited and closed by another process, without a rebuild', async () => {
    const { storeA, storeB, index, feedA } = await twoProcesses('shared.sqlite', (store) => store.vacancies.create(makeVacancy('vac-before')));

    const seekerWith = (raw: string) =>
      makeSeeker(`skr-${raw.length}`, { skills: { ids: index.matcher.canonicalSkills(raw), raw }, certifications: [], wantedPositions: [], experience: { years: 2, text: '' } });
    const driver = seekerWith('operator forklift, sim b1');
    const clerk = seekerWith('admin gudang');
    const top = (seeker: ReturnType<typeof seekerWith>) => index.matcher.topVacanciesFor(seeker, 1)[0]?.vacancyId;
    const found = () => index.matcher.topVacanciesFor(driver, 10).map((m) => m.vacancyId);

    await storeB.vacancies.create(makeVacancy('vac-forklift', { status: 'draft', title: 'Operator Forklift', description: 'Pabrik komponen otomotif, shift.', requirements: '', requiredSkills: ['operator forklift'], preferredSkills: [], kecamatan: 'Cikarang Utara' }));
    await storeB.vacancies.open('vac-forklift');
    await waitFor(() => top(driver) === 'vac-forklift', 'the change in the index');
    expect(top(clerk)).not.toBe('vac-forklift');

    await storeB.vacancies.update('vac-forklift', (v) => ({ ...v, requiredSkills: ['admin gudang'], title: 'Admin Gudang' }));
    await waitFor(() => top(clerk) === 'vac-forklift', 'the change in the index');
    expect(top(driver)).not.toBe('vac-forklift');

    await storeB.vacancies.update('vac-forklift', (v) => ({ ...v, status: 'closed' }));
    await waitFor(() => top(clerk) !== 'vac-forklift', 'the change in the index');
    expect(found()).not.toContain('vac-forklift');
    expect(index.matcher.stats.openVacancies).toBe(1);

    await feedA.stop();
    await storeA.close();
    await storeB.close();
  });

  it('catches up by reconciling with the store what no feed message announced, re-indexing only what changed', async () => {
    const file = path.join(dir, 'reconcile.sqlite');
    const storeA = new Store(new SqliteBackend({ file }));
    // A CLI run with Redis unreachable: it writes the store and tells nobody.
    const silentWriter = new Store(new SqliteBackend({ file }));
    await storeA.vacancies.create(makeVacancy('vac-kept'));
    await storeA.vacancies.create(makeVacancy('vac-to-close'));
    const index = new MatchIndex(createDefaultMatcher(), storeA, silent);
    await index.load();
    expect(index.matcher.stats.openVacancies).toBe(2);
    expect(await index.reconcile()).toMatchObject({ updated: 0, removed: 0 });

    await silentWriter.vacancies.create(makeVacancy('vac-new', { title: 'Operator Forklift' }));
    await silentWriter.vacancies.update('vac-to-close', (v) => ({ ...v, status: 'closed' }));
    await silentWriter.seekers.create(makeSeeker('skr-new'));
    expect(index.matcher.stats.openVacancies).toBe(2);
    expect(await index.reconcile()).toMatchObject({ updated: 2, removed: 1 });
    expect(index.matcher.stats).toMatchObject({ openVacancies: 2, seekers: 1 });
    expect(await index.reconcile()).toMatchObject({ updated: 0, removed: 0 });

    await storeA.close();
    await silentWriter.close();
  });

  it('keeps the verified companies in memory: built at start, then verifications and withdrawals from another process, or by reconciling', async () => {
    const file = path.join(dir, 'companies.sqlite');
    const at = new Date().toISOString();
    const verification = { verifiedBy: 'Bu Sari', verifiedAt: at };
    const { storeA, storeB, index, feedA } = await twoProcesses('companies.sqlite', async (store) => {
      await store.companies.create({ id: 'cmp-astra', name: 'PT Astra Otoparts Tbk', verification, createdAt: at, updatedAt: at });
      await store.companies.create({ id: 'cmp-baru', name: 'PT Baru Berdiri', createdAt: at, updatedAt: at });
    });
    const { verifiedCompanies } = index;
    expect([verifiedCompanies.has('cmp-astra'), verifiedCompanies.has('cmp-baru'), verifiedCompanies.has(undefined)]).toEqual([true, false, false]);

    await storeB.companies.update('cmp-baru', (c) => ({ ...c, verification }));
    await waitFor(() => verifiedCompanies.has('cmp-baru'), 'the verification in memory');
    await storeB.companies.update('cmp-astra', ({ verification: _withdrawn, ...c }) => c);
    await waitFor(() => !verifiedCompanies.has('cmp-astra'), 'the withdrawal in memory');

    // Written with nobody told: the reconciliation reads only that company again.
    const silentWriter = new Store(new SqliteBackend({ file }));
    await silentWriter.companies.create({ id: 'cmp-cli', name: 'PT Dari CLI', verification, createdAt: at, updatedAt: at });
    expect(await index.reconcile()).toMatchObject({ updated: 1, removed: 0 });
    expect(verifiedCompanies.size).toBe(2);

    await feedA.stop();
    await Promise.all([storeA.close(), storeB.close(), silentWriter.close()]);
  });
});
