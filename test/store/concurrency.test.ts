import { expect, it } from 'vitest';
import { ConflictError, NotFoundError } from '../../src/errors/index.js';
import type { Vacancy } from '../../src/domain/index.js';
import { COLLECTIONS, DEFAULT_WRITE_ATTEMPTS } from '../../src/store/index.js';
import { makeVacancy } from '../fixtures/domain.js';
import { describeContract } from './contract-harness.js';
import { withWriteHooks, type WriteHooks } from './write-hooks.js';

/**
 * Optimistic concurrency: every document has a revision the adapters keep beside it, writes are
 * compare-and-swap, and a read-modify-write that lost a race reads again. Races are staged at an
 * exact point (a change callback or a hook that writes first), so they happen on every run.
 */
describeContract('store concurrency', (h) => {
  it('compare-and-swaps on a revision kept outside the document', async () => {
    const vacancies = h.backend.collection<Vacancy>(COLLECTIONS.vacancies);
    await vacancies.insert(makeVacancy('vac-1'));
    const first = await vacancies.getVersioned('vac-1');
    expect(first?.rev).toBe(0);
    expect(first?.doc).toEqual(makeVacancy('vac-1'));
    expect(await vacancies.replace({ ...makeVacancy('vac-1'), title: 'Welder TIG' }, 0)).toBe('replaced');
    expect((await vacancies.getVersioned('vac-1'))?.rev).toBe(1);
    expect(await vacancies.replace({ ...makeVacancy('vac-1'), title: 'stale' }, 0)).toBe('conflict');
    expect(await vacancies.replace(makeVacancy('vac-none'), 0)).toBe('missing');
    expect(await vacancies.get('vac-1')).toEqual({ ...makeVacancy('vac-1'), title: 'Welder TIG' });
    expect(await vacancies.find({ status: 'open' })).toEqual([{ ...makeVacancy('vac-1'), title: 'Welder TIG' }]);
  });

  it('lands two interleaved updates: the one that writes second reads again and keeps the other', async () => {
    await h.store.vacancies.create(makeVacancy('vac-1', { quota: 10, localQuota: 0 }));
    const other = h.storeOn();
    const seen: number[] = [];
    const updated = await h.store.vacancies.update('vac-1', async (v) => {
      seen.push(v.quota);
      // Another process raises the quota after this one read the vacancy, before it writes.
      if (seen.length === 1) await other.vacancies.update('vac-1', (o) => ({ ...o, quota: o.quota + 5 }));
      return { ...v, title: 'Welder TIG' };
    });
    expect(seen).toEqual([10, 15]);
    expect(updated).toMatchObject({ quota: 15, title: 'Welder TIG' });
    expect(await h.store.vacancies.get('vac-1')).toMatchObject({ quota: 15, title: 'Welder TIG' });
  });

  it('gives up with ConflictError after the configured attempts when every attempt loses, writing nothing of its own', async () => {
    await h.store.vacancies.create(makeVacancy('vac-1', { quota: 10, localQuota: 0 }));
    const other = h.storeOn();
    let attempts = 0;
    const losing = h.store.vacancies.update('vac-1', async (v) => {
      attempts++;
      await other.vacancies.update('vac-1', (o) => ({ ...o, quota: o.quota + 1 }));
      return { ...v, title: 'never stored' };
    });
    const error = await losing.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ code: 'loker:vacancy-conflict', context: { entity: 'vacancy', id: 'vac-1' } });
    expect(attempts).toBe(DEFAULT_WRITE_ATTEMPTS);
    expect(await h.store.vacancies.get('vac-1')).toMatchObject({ quota: 10 + DEFAULT_WRITE_ATTEMPTS, title: 'Operator Las SMAW' });
    expect(h.changes.filter((c) => c.id === 'vac-1')).toHaveLength(1); // the create only
  });

  it('takes its number of attempts from the store options', async () => {
    const store = h.storeOn(h.backend, { writeAttempts: 2 });
    await store.vacancies.create(makeVacancy('vac-1'));
    let attempts = 0;
    const losing = store.vacancies.update('vac-1', async (v) => {
      attempts++;
      await h.store.vacancies.update('vac-1', (o) => ({ ...o, quota: o.quota + 1 }));
      return v;
    });
    await expect(losing).rejects.toBeInstanceOf(ConflictError);
    expect(attempts).toBe(2);
    expect(() => h.storeOn(h.backend, { writeAttempts: 0 })).toThrow(/writeAttempts/);
  });

  it('reports a record deleted between the read and the write as not found', async () => {
    await h.store.vacancies.create(makeVacancy('vac-1'));
    const gone = h.store.vacancies.update('vac-1', async (v) => {
      await h.storeOn().vacancies.delete('vac-1');
      return v;
    });
    await expect(gone).rejects.toBeInstanceOf(NotFoundError);
    expect(await h.store.vacancies.get('vac-1')).toBeUndefined();
  });

  it('opens a vacancy that an update changed after open() read it: the edit is kept and one event is written', async () => {
    await h.store.vacancies.create(makeVacancy('vac-1', { status: 'draft' }));
    const hooks: WriteHooks = {};
    const racing = h.storeOn(withWriteHooks(h.backend, hooks));
    hooks.beforeCommit = async () => {
      hooks.beforeCommit = undefined;
      await h.store.vacancies.update('vac-1', (v) => ({ ...v, title: 'Operator Las TIG' }));
    };
    const { vacancy, event } = await racing.vacancies.open('vac-1');
    expect(vacancy).toMatchObject({ status: 'open', title: 'Operator Las TIG' });
    expect(await h.store.vacancies.get('vac-1')).toMatchObject({ status: 'open', title: 'Operator Las TIG' });
    expect((await h.store.outbox.find({})).map((e) => e.id)).toEqual([event.id]);
  });

  it('writes no event when open() loses every attempt, and leaves the vacancy as the other writer left it', async () => {
    await h.store.vacancies.create(makeVacancy('vac-1', { status: 'draft', quota: 10, localQuota: 0 }));
    const hooks: WriteHooks = {};
    const racing = h.storeOn(withWriteHooks(h.backend, hooks));
    let commits = 0;
    hooks.beforeCommit = async () => {
      commits++;
      await h.store.vacancies.update('vac-1', (v) => ({ ...v, quota: v.quota + 1 }));
    };
    await expect(racing.vacancies.open('vac-1')).rejects.toBeInstanceOf(ConflictError);
    expect(commits).toBe(DEFAULT_WRITE_ATTEMPTS);
    expect(await h.store.vacancies.get('vac-1')).toMatchObject({ status: 'draft', quota: 10 + DEFAULT_WRITE_ATTEMPTS });
    expect(await h.store.outbox.count()).toBe(0);
  });

  it('writes no event when the vacancy is deleted while open() runs', async () => {
    await h.store.vacancies.create(makeVacancy('vac-1', { status: 'draft' }));
    const hooks: WriteHooks = {};
    const racing = h.storeOn(withWriteHooks(h.backend, hooks));
    hooks.beforeCommit = async () => {
      hooks.beforeCommit = undefined;
      await h.store.vacancies.delete('vac-1');
    };
    await expect(racing.vacancies.open('vac-1')).rejects.toBeInstanceOf(NotFoundError);
    expect(await h.store.outbox.count()).toBe(0);
  });
});
