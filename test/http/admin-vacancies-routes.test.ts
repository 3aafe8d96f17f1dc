import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LintWarning } from '../../src/admin/posting-linter.js';
import type { Vacancy } from '../../src/domain/index.js';
import type { Store } from '../../src/store/index.js';
import { FUTURE_DEADLINE } from '../fixtures/domain.js';
import { AdminApiHarness, errorOf, TOKENS } from '../helpers/admin-app.js';
import { useTestRedis } from '../helpers/redis.js';

const redis = useTestRedis();

type Role = 'admin' | 'operator' | 'company';
interface View {
  vacancy: Vacancy;
  warnings: LintWarning[];
}
/** A realistic posting of PT Astra Daihatsu (the company of the test company token). */
const astra = (extra: Record<string, unknown> = {}) => ({
  title: 'Operator Produksi',
  company: { name: 'PT Astra Daihatsu Motor' },
  description: 'Pabrik perakitan di kawasan GIIC, tiga shift.',
  requirements: 'Pria/Wanita, SMK Teknik Mesin, usia maksimal 25 tahun, bersedia kerja shift',
  requiredSkills: ['operator produksi', 'mesin bubut'],
  minEducation: 'SMK',
  kecamatan: 'cikarang pusat',
  estate: 'GIIC',
  salaryMin: 5_300_000,
  salaryMax: 5_800_000,
  deadline: FUTURE_DEADLINE,
  quota: 20,
  ...extra,
});

describe('admin API: vacancies', () => {
  const admin = new AdminApiHarness(redis);
  let store: Store;

  async function start(postingPolicy: 'reason' | 'inform' = 'reason'): Promise<void> {
    await admin.serve({ postingPolicy });
  }
  beforeEach(async () => {
    await admin.prepare();
    store = admin.store;
  });
  afterEach(() => admin.close());

  const send = (method: string, path: string, body: unknown, role: Role = 'operator') => admin.send(method, path, body, role);
  const get = (path: string, role: Role = 'operator') => admin.get(path, role);
  async function create(body: unknown, role: Role = 'operator'): Promise<View> {
    const response = await send('POST', '/vacancies', body, role);
    expect(response.status, JSON.stringify(await response.clone().json())).toBe(201);
    return (await response.json()) as View;
  }

  describe('posting, linting, fixing and opening', () => {
    beforeEach(() => start());

    it('stores a draft with the linter\'s warnings, refuses to open it as written, opens it once fixed, through the outbox', async () => {
      const { vacancy, warnings } = await create(astra());
      expect(vacancy).toMatchObject({ status: 'draft', source: 'admin', kecamatan: 'Cikarang Pusat', company: { name: 'PT Astra Daihatsu Motor' } });
      expect(warnings).toEqual([expect.objectContaining({ code: 'age-limit', field: 'requirements', words: 'usia maksimal 25 tahun', discriminating: true })]);
      expect(await store.outbox.count()).toBe(0);

      const refused = await send('POST', `/vacancies/${vacancy.id}/open`, {});
      expect(refused.status).toBe(422);
      const error = await errorOf(refused);
      expect(error.code).toBe('loker:posting-needs-reason');
      expect(error.message).toContain('"usia maksimal 25 tahun"');
      expect(error.details.warnings).toEqual([{ code: 'age-limit', field: 'requirements', words: 'usia maksimal 25 tahun' }]);
      expect((await store.vacancies.require(vacancy.id)).status).toBe('draft');

      const fixed = await send('PATCH', `/vacancies/${vacancy.id}`, { requirements: 'Pria/Wanita, SMK Teknik Mesin, bersedia kerja shift' });
      expect(fixed.status).toBe(200);
      expect(((await fixed.json()) as View).warnings).toEqual([]);

      const opened = await send('POST', `/vacancies/${vacancy.id}/open`, {});
      expect(opened.status).toBe(200);
      expect(await opened.json()).toMatchObject({ vacancy: { id: vacancy.id, status: 'open' }, warnings: [], alreadyOpen: false });
      expect(await store.outbox.pending()).toEqual([expect.objectContaining({ type: 'vacancy-opened', subjectId: vacancy.id })]);

      // Opening it again tells nobody again.
      expect(await (await send('POST', `/vacancies/${vacancy.id}/open`, {})).json()).toMatchObject({ alreadyOpen: true });
      expect(await store.outbox.count()).toBe(1);
      expect((await store.audit.listForTarget('vacancy', vacancy.id)).map((e) => [e.actor, e.action])).toEqual([
        [TOKENS.operator.id, 'vacancy.create'],
        [TOKENS.operator.id, 'vacancy.update'],
        [TOKENS.operator.id, 'vacancy.open'],
      ]);
    });

    it('opens discriminating wording with a reason, and writes the reason to the audit log', async () => {
      const { vacancy } = await create(astra({ requirements: 'Laki-laki, tinggi badan min. 170 cm' }));
      const opened = await send('POST', `/vacancies/${vacancy.id}/open`, { overrideReason: 'Satpam: syarat Perkap No. 24/2007' });
      expect(opened.status).toBe(200);
      const audit = await store.audit.listForTarget('vacancy', vacancy.id);
      expect(audit.at(-1)).toMatchObject({ action: 'vacancy.open', details: { discriminating: 'gender,height-weight', overrideReason: 'Satpam: syarat Perkap No. 24/2007' } });
    });

    it('creates and opens in one request when the posting is clean, or a reason is given', async () => {
      const clean = await create(astra({ requirements: 'SMK Teknik Mesin', status: 'open' }));
      expect(clean.vacancy.status).toBe('open');
      const refused = await send('POST', '/vacancies', astra({ status: 'open' }));
      expect(refused.status).toBe(422);
      const withReason = await create(astra({ status: 'open', overrideReason: 'program magang khusus lulusan baru' }));
      expect(withReason.vacancy.status).toBe('open');
      // The refused one wrote nothing.
      expect(await store.vacancies.count()).toBe(2);
      expect(await store.outbox.count()).toBe(2);
    });

    it('keeps an open vacancy from gaining discriminating wording through an edit without a reason', async () => {
      const { vacancy } = await create(astra({ requirements: 'SMK', status: 'open' }));
      const edit = await send('PATCH', `/vacancies/${vacancy.id}`, { requirements: 'SMK, belum menikah' });
      expect(edit.status).toBe(422);
      expect((await store.vacancies.require(vacancy.id)).requirements).toBe('SMK');
      const clearing = await send('PATCH', `/vacancies/${vacancy.id}`, { salaryMin: null, salaryMax: null, deadline: null });
      expect(clearing.status).toBe(200);
      const cleared = (await clearing.json()) as View;
      expect(cleared.vacancy.salaryMin).toBeUndefined();
      expect(cleared.warnings.map((w) => w.code)).toEqual(['missing-salary', 'missing-deadline']);
      expect(cleared.vacancy.status).toBe('open');
    });

    it('only informs under the `inform` policy', async () => {
      await start('inform');
      const { vacancy, warnings } = await create(astra({ status: 'open' }));
      expect(vacancy.status).toBe('open');
      expect(warnings.map((w) => w.code)).toEqual(['age-limit']);
    });

    it('closes: once, audited', async () => {
      const { vacancy } = await create(astra({ requirements: 'SMK', status: 'open' }));
      const closed = await send('POST', `/vacancies/${vacancy.id}/close`, {});
      expect(await closed.json()).toMatchObject({ vacancy: { status: 'closed' }, alreadyClosed: false });
      expect(await (await send('POST', `/vacancies/${vacancy.id}/close`, {})).json()).toMatchObject({ alreadyClosed: true });
      expect((await store.audit.listForTarget('vacancy', vacancy.id)).filter((e) => e.action === 'vacancy.close')).toHaveLength(1);
    });

    it('lints a draft without storing it', async () => {
      const response = await send('POST', '/vacancies/lint', { requirements: 'Wanita, berpenampilan menarik', kecamatan: 'Setu' }, 'company');
      expect(response.status).toBe(200);
      const { warnings } = (await response.json()) as { warnings: LintWarning[] };
      expect(warnings.map((w) => [w.code, w.words ?? w.field])).toEqual([
        ['gender', 'Wanita'],
        ['appearance', 'berpenampilan menarik'],
        ['missing-salary', 'salaryMin'],
        ['missing-deadline', 'deadline'],
      ]);
      expect(await store.vacancies.count()).toBe(0);
    });

    it('refuses what the domain refuses, in the one error shape, and stores nothing', async () => {
      const cases: [unknown, RegExp][] = [
        [astra({ title: '' }), /title/],
        [astra({ kecamatan: 'Jakarta Pusat' }), /kecamatan: "Jakarta Pusat" is not a kecamatan/],
        [astra({ salaryMin: 9_000_000, salaryMax: 5_000_000 }), /salaryMin must not exceed salaryMax/],
        [astra({ localQuota: 30 }), /localQuota must not exceed quota/],
        [astra({ deadline: 'besok' }), /deadline/],
        [astra({ status: 'closed' }), /status/],
        [astra({ salary: 5_000_000 }), /salary/],
        [astra({ overrideReason: 'ok' }), /overrideReason/],
      ];
      for (const [body, issue] of cases) {
        const response = await send('POST', '/vacancies', body);
        expect(response.status, JSON.stringify(body)).toBe(400);
        const error = await errorOf(response);
        expect(error.code).toBe('loker:validation');
        expect((error.details.issues as string[]).join('\n')).toMatch(issue);
      }
      expect(await store.vacancies.count()).toBe(0);
      expect((await send('PATCH', '/vacancies/vac-nope', { title: 'x' })).status).toBe(404);
    });
  });

  describe('listing', () => {
    beforeEach(() => start());

    it('filters by status, company, kecamatan and words, newest first, a page at a time', async () => {
      const a = await create(astra({ requirements: 'SMK', status: 'open', company: { id: 'cmp-astra', name: 'PT Astra Daihatsu Motor' } }));
      const b = await create(astra({ title: 'Operator Forklift', requirements: 'SIO forklift', kecamatan: 'Cibitung', company: { id: 'cmp-gudang', name: 'PT Gudang Maju' } }));
      const c = await create(astra({ title: 'Admin Gudang', requirements: 'Excel', kecamatan: 'Cibitung', status: 'open', company: { id: 'cmp-gudang', name: 'PT Gudang Maju' } }));
      const list = async (query: string, role: Role = 'operator') => {
        const response = await get(`/vacancies?${query}`, role);
        expect(response.status, query).toBe(200);
        return (await response.json()) as { items: View[]; nextCursor: string | null };
      };
      const ids = async (query: string, role: Role = 'operator') => (await list(query, role)).items.map((v) => v.vacancy.id);

      expect(await ids('')).toEqual([c.vacancy.id, b.vacancy.id, a.vacancy.id]);
      expect(await ids('status=open')).toEqual([c.vacancy.id, a.vacancy.id]);
      expect(await ids('companyId=cmp-gudang')).toEqual([c.vacancy.id, b.vacancy.id]);
      expect(await ids('kecamatan=cibitung&status=draft')).toEqual([b.vacancy.id]);
      expect(await ids('q=forklift')).toEqual([b.vacancy.id]);
      expect(await ids('q=gudang maju sio')).toEqual([b.vacancy.id]);
      expect(await ids('q=GIIC')).toEqual([c.vacancy.id, b.vacancy.id, a.vacancy.id]);
      expect(await ids('q=tidak-ada-yang-cocok')).toEqual([]);

      const first = await list('limit=2');
      expect(first.items).toHaveLength(2);
      const second = await list(`limit=2&cursor=${first.nextCursor}`);
      expect(second.items.map((v) => v.vacancy.id)).toEqual([a.vacancy.id]);
      expect(second.nextCursor).toBeNull();
      const wordsFirst = await list('limit=1&q=produksi&status=open');
      expect(wordsFirst.items.map((v) => v.vacancy.id)).toEqual([c.vacancy.id]);
      const wordsNext = await list(`limit=1&q=produksi&status=open&cursor=${wordsFirst.nextCursor}`);
      expect(wordsNext.items.map((v) => v.vacancy.id)).toEqual([a.vacancy.id]);
      expect(wordsNext.nextCursor).toBeNull();

      expect((await get('/vacancies?kecamatan=Bandung')).status).toBe(400);
      expect((await get('/vacancies?status=archived')).status).toBe(400);
      expect((await get('/vacancies?limit=1000')).status).toBe(400);
    });
  });

  describe('a company token', () => {
    beforeEach(() => start());

    it("posts for its own company only, whatever company it names, and lists only its own", async () => {
      const own = await create(astra({ requirements: 'SMK', company: { id: 'cmp-gudang', name: 'PT Astra Daihatsu Motor' } }), 'company');
      expect(own.vacancy).toMatchObject({ source: 'company', company: { id: 'cmp-astra' } });
      await create(astra({ requirements: 'SMK', company: { id: 'cmp-gudang', name: 'PT Gudang Maju' } }), 'operator');
      const listed = (await (await get('/vacancies', 'company')).json()) as { items: View[] };
      expect(listed.items.map((v) => v.vacancy.id)).toEqual([own.vacancy.id]);
      const other = await get('/vacancies?companyId=cmp-gudang', 'company');
      expect(other.status).toBe(403);
    });

    it("cannot read, edit, open or close another company's vacancy: to it, it does not exist", async () => {
      const theirs = await create(astra({ requirements: 'SMK', company: { id: 'cmp-gudang', name: 'PT Gudang Maju' } }), 'operator');
      const id = theirs.vacancy.id;
      const attempts = [
        await get(`/vacancies/${id}`, 'company'),
        await send('PATCH', `/vacancies/${id}`, { title: 'Diambil alih' }, 'company'),
        await send('POST', `/vacancies/${id}/open`, {}, 'company'),
        await send('POST', `/vacancies/${id}/close`, {}, 'company'),
      ];
      for (const response of attempts) {
        expect(response.status).toBe(404);
        expect((await errorOf(response)).code).toBe('loker:vacancy-not-found');
      }
      expect(await store.vacancies.require(id)).toEqual(theirs.vacancy);
      expect(await store.outbox.count()).toBe(0);
    });

    it('edits its own, and cannot move it to another company', async () => {
      const { vacancy } = await create(astra({ requirements: 'SMK' }), 'company');
      const edit = await send('PATCH', `/vacancies/${vacancy.id}`, { company: { id: 'cmp-gudang', name: 'PT Lain' }, quota: 5 }, 'company');
      expect(edit.status).toBe(200);
      expect(((await edit.json()) as View).vacancy).toMatchObject({ quota: 5, company: { id: 'cmp-astra', name: 'PT Lain' } });
    });
  });
});
