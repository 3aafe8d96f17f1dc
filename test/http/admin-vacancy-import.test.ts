import { parse as parseCsv } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportReport } from '../../src/admin/vacancy-import.js';
import { IMPORT_COLUMNS } from '../../src/admin/vacancy-import.js';
import type { Store } from '../../src/store/index.js';
import { FUTURE_DEADLINE } from '../fixtures/domain.js';
import { AdminApiHarness, bearer, TOKENS } from '../helpers/admin-app.js';
import { useTestRedis } from '../helpers/redis.js';

const redis = useTestRedis();
/** A date still ahead whenever the test runs: the linter warns about deadlines already past. */
const FUTURE_DAY = FUTURE_DEADLINE.slice(0, 10);

type Role = 'admin' | 'operator' | 'company';

/** A posting as a job board publishes it (schema.org JobPosting, Google for Jobs style). */
const posting = (extra: Record<string, unknown> = {}) => ({
  '@context': 'https://schema.org/',
  '@type': 'JobPosting',
  identifier: { '@type': 'PropertyValue', name: 'PT Sinar Jaya', value: 'sj-welder-01' },
  title: 'Welder SMAW',
  description: '<p>Pengelasan konstruksi baja di <b>kawasan MM2100</b>.</p><ul><li>Shift pagi</li></ul>',
  qualifications: 'Sertifikat las SMAW 3G',
  skills: ['las smaw', 'membaca gambar teknik'],
  hiringOrganization: { '@type': 'Organization', name: 'PT Sinar Jaya Steel', identifier: 'cmp-sinar' },
  jobLocation: { '@type': 'Place', address: { '@type': 'PostalAddress', streetAddress: 'Jl. Sulawesi, MM2100', addressLocality: 'Cikarang Barat, Kabupaten Bekasi', addressRegion: 'Jawa Barat', addressCountry: 'ID' } },
  baseSalary: { '@type': 'MonetaryAmount', currency: 'IDR', value: { '@type': 'QuantitativeValue', minValue: 5_500_000, maxValue: 6_500_000, unitText: 'MONTH' } },
  employmentType: 'FULL_TIME',
  educationRequirements: { '@type': 'EducationalOccupationalCredential', credentialCategory: 'high school' },
  experienceRequirements: { '@type': 'OccupationalExperienceRequirements', monthsOfExperience: 24 },
  validThrough: FUTURE_DEADLINE,
  totalJobOpenings: 4,
  ...extra,
});

describe('admin API: vacancy imports', () => {
  const admin = new AdminApiHarness(redis);
  let store: Store;
  let api = '';

  async function start(importMaxBytes?: number): Promise<void> {
    await admin.serve(importMaxBytes ? { importMaxBytes } : {});
    api = admin.api;
  }
  beforeEach(async () => {
    await admin.prepare();
    store = admin.store;
  });
  afterEach(() => admin.close());

  async function upload(type: string, body: string, role: Role = 'operator'): Promise<ImportReport> {
    const response = await fetch(`${api}/vacancies/import`, { method: 'POST', headers: { ...bearer(role), 'content-type': type }, body });
    expect(response.status, await response.clone().text()).toBe(200);
    return (await response.json()) as ImportReport;
  }

  describe('CSV', () => {
    beforeEach(() => start());

    it('offers a template whose example rows import as they are', async () => {
      const response = await fetch(`${api}/vacancies/template.csv`, { headers: bearer('company') });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="?lokerbot-lowongan\.csv"?$/);
      const template = await response.text();
      const [header] = template.split('\n');
      expect(header?.split(',')).toEqual([...IMPORT_COLUMNS]);
      expect(parseCsv(template, { columns: true })).toHaveLength(2);

      const report = await upload('text/csv', template, 'admin');
      expect(report).toMatchObject({ rows: 2, created: 2, updated: 0, skipped: 0, heldAsDraft: 0, problems: [], warnings: [] });
      const open = await store.vacancies.require('astra-op-prod-giic');
      expect(open).toMatchObject({ status: 'open', kecamatan: 'Cikarang Pusat', requiredSkills: ['operator produksi', 'mesin bubut'], company: { id: 'cmp-astra' } });
      // Its deadline lies ahead whatever day the template is fetched, so the example stays open.
      expect(Date.parse(open.deadline ?? '')).toBeGreaterThan(Date.now() + 50 * 86_400_000);
      expect(await store.outbox.pending()).toEqual([expect.objectContaining({ subjectId: open.id })]);
      expect((await store.vacancies.find({ status: 'draft' })).map((v) => v.title)).toEqual(['Admin Gudang']);
    });

    it('reports bad rows with their row number, keeps the good ones, and lints what it stores', async () => {
      const csv = [
        'id,title,company,kecamatan,requirements,salaryMin,salaryMax,deadline,status',
        `csv-1,Operator Forklift,PT Gudang Maju,cibitung,SIO forklift,5200000,5600000,${FUTURE_DAY},open`,
        'csv-2,,PT Tanpa Judul,Setu,,,,,open',
        'csv-3,Kasir,PT Toko,Atlantis,,,,,open',
        `"csv-4","Staff QC, shift malam",PT Mutu,Tambun Selatan,"Wanita, usia 20-27 tahun",5000000,4000000,${FUTURE_DAY},open`,
        `csv-5,Staff QC,PT Mutu,Tambun Selatan,"Wanita, usia 20-27 tahun",5000000,,${FUTURE_DAY},open`,
        'csv-6,Helper Gudang,PT Gudang Maju,Cibitung,,abc,,,draft',
        'csv-7,Helper Produksi,PT Gudang Maju,Cibitung,,,,,draft',
      ].join('\n');
      const report = await upload('text/csv', csv);
      expect(report).toMatchObject({ rows: 7, created: 3, updated: 0, skipped: 4, heldAsDraft: 1 });
      expect(report.problems.map((p) => p.row)).toEqual([3, 4, 5, 7]);
      expect(report.problems[0]?.message).toMatch(/title/);
      expect(report.problems[1]?.message).toMatch(/"Atlantis" is not a known kecamatan/);
      expect(report.problems[2]?.message).toMatch(/salaryMin must not exceed salaryMax/);
      expect(report.problems[3]?.message).toMatch(/salaryMin/);
      expect(report.warnings).toEqual([
        { row: 6, vacancyId: 'csv-5', heldAsDraft: true, warnings: [{ code: 'gender', words: 'Wanita' }, { code: 'age-limit', words: 'usia 20-27 tahun' }] },
        { row: 8, vacancyId: 'csv-7', heldAsDraft: false, warnings: [{ code: 'missing-salary' }, { code: 'missing-deadline' }] },
      ]);
      expect((await store.vacancies.require('csv-1')).status).toBe('open');
      expect((await store.vacancies.require('csv-5')).status).toBe('draft');
      expect(await store.vacancies.count()).toBe(3);
      expect(await store.audit.find({ 'target.type': 'import' })).toEqual([expect.objectContaining({ actor: TOKENS.operator.id, action: 'vacancy.import', details: { rows: 7, created: 3, updated: 0, skipped: 4, heldAsDraft: 1, flagged: 0 } })]);
    });

    it('updates a known id instead of adding it again', async () => {
      const csv = (title: string) => `id,title,company,kecamatan,status\ncsv-up,${title},PT A,Setu,draft\n`;
      expect(await upload('text/csv', csv('Operator'))).toMatchObject({ created: 1, updated: 0 });
      expect(await upload('text/csv', csv('Operator Mesin'))).toMatchObject({ created: 0, updated: 1 });
      expect((await store.vacancies.require('csv-up')).title).toBe('Operator Mesin');
    });

    it('keeps what came before a broken quote and says where the file broke', async () => {
      const report = await upload('text/csv', 'id,title,company,kecamatan,status\nq-1,Operator,PT A,Setu,draft\nq-2,"Operator,PT B,Setu,draft\n');
      expect(report.created).toBe(1);
      expect(report.problems).toEqual([expect.objectContaining({ message: expect.stringMatching(/not valid CSV/) as string })]);
    });
  });

  describe('JSON-LD', () => {
    beforeEach(() => start());

    it('reads one JobPosting: pay, place from the address, education, experience, type, deadline, skills, plain text', async () => {
      const report = await upload('application/ld+json', JSON.stringify(posting()));
      expect(report).toMatchObject({ rows: 1, created: 1, skipped: 0, problems: [] });
      expect(await store.vacancies.require('sj-welder-01')).toMatchObject({
        title: 'Welder SMAW',
        company: { id: 'cmp-sinar', name: 'PT Sinar Jaya Steel' },
        description: 'Pengelasan konstruksi baja di kawasan MM2100.\nShift pagi',
        requirements: 'Sertifikat las SMAW 3G',
        requiredSkills: ['las smaw', 'membaca gambar teknik'],
        kecamatan: 'Cikarang Barat',
        salaryMin: 5_500_000,
        salaryMax: 6_500_000,
        minEducation: 'SMA',
        minExperienceYears: 2,
        employmentType: 'PKWTT',
        quota: 4,
        deadline: FUTURE_DEADLINE,
        status: 'open',
        source: 'import',
      });
    });

    it('reads an array and an ItemList, with each bad posting reported at its position', async () => {
      const array = [posting({ identifier: 'arr-1' }), posting({ identifier: 'arr-2', '@type': 'Organization' }), posting({ identifier: 'arr-3', baseSalary: { currency: 'USD', value: 400 } })];
      const fromArray = await upload('application/json', JSON.stringify(array));
      expect(fromArray).toMatchObject({ rows: 3, created: 1, skipped: 2 });
      expect(fromArray.problems).toEqual([
        { row: 2, message: '@type: expected "JobPosting", got "Organization"' },
        { row: 3, message: expect.stringMatching(/only rupiah \(IDR\)/) as string },
      ]);

      const list = {
        '@context': 'https://schema.org',
        '@type': 'ItemList',
        name: 'Lowongan Bekasi',
        itemListElement: [
          { '@type': 'ListItem', position: 1, item: posting({ identifier: 'list-1', jobLocation: { address: 'Kawasan Jababeka, Cikarang Utara' } }) },
          posting({ identifier: 'list-2', baseSalary: { currency: 'IDR', value: { value: 66_000_000, unitText: 'YEAR' } } }),
          { '@type': 'ListItem', position: 3, item: posting({ identifier: 'list-3', jobLocation: { address: { addressLocality: 'Bandung' } } }) },
        ],
        numberOfItems: 3,
      };
      const fromList = await upload('application/ld+json', JSON.stringify(list));
      expect(fromList).toMatchObject({ rows: 3, created: 2, skipped: 1 });
      expect(fromList.problems).toEqual([{ row: 3, message: expect.stringMatching(/"Bandung" is not a known kecamatan/) as string }]);
      expect((await store.vacancies.require('list-1')).kecamatan).toBe('Cikarang Utara');
      expect(await store.vacancies.require('list-2')).toMatchObject({ salaryMin: 5_500_000, salaryMax: 5_500_000 });
    });

    it('keeps the postings read before a file breaks off', async () => {
      const text = `[${JSON.stringify(posting({ identifier: 'ok-1' }))},${' '.repeat(70_000)}{"@type": "JobPosting", "title": `;
      const report = await upload('application/ld+json', text);
      expect(report.created).toBe(1);
      expect(report.problems).toEqual([{ row: 2, message: expect.stringMatching(/not valid JSON/) as string }]);
    });
  });

  it('reads JSON Lines too', async () => {
    await start();
    const report = await upload('application/x-ndjson', `${JSON.stringify({ id: 'l-1', title: 'Kasir', company: 'PT Toko', kecamatan: 'Setu', status: 'draft' })}\n{oops\n`);
    expect(report).toMatchObject({ rows: 2, created: 1, skipped: 1, problems: [{ row: 2, message: 'not valid JSON' }] });
  });

  describe('limits and roles', () => {
    it('answers 415 to a format it does not read, and 413 past the size limit without reading on', async () => {
      await start(1_000);
      const form = await fetch(`${api}/vacancies/import`, { method: 'POST', headers: { ...bearer('operator'), 'content-type': 'multipart/form-data; boundary=x' }, body: '--x--' });
      expect(form.status).toBe(415);
      expect(((await form.json()) as { error: { code: string } }).error.code).toBe('loker:unsupported-media-type');
      const rows = Array.from({ length: 100 }, (_, i) => `big-${i},Operator ${i},PT A,Setu,draft`);
      const big = await fetch(`${api}/vacancies/import`, { method: 'POST', headers: { ...bearer('operator'), 'content-type': 'text/csv' }, body: `id,title,company,kecamatan,status\n${rows.join('\n')}\n` });
      expect(big.status).toBe(413);
      expect(((await big.json()) as { error: { code: string } }).error.code).toBe('loker:payload-too-large');
      // Rows read before the limit may have been imported; none after it.
      expect(await store.vacancies.count()).toBeLessThan(30);
    });

    it("imports a company token's rows for its own company only", async () => {
      await start();
      await store.vacancies.create({ ...(await seedOther()) });
      const csv = [
        'id,title,company,companyId,kecamatan,status',
        'co-1,Operator,PT Astra Daihatsu Motor,,Setu,draft',
        'co-2,Operator,PT Astra Daihatsu Motor,cmp-gudang,Setu,draft',
        'other-1,Diambil alih,PT Astra Daihatsu Motor,,Setu,draft',
      ].join('\n');
      const report = await upload('text/csv', csv, 'company');
      expect(report).toMatchObject({ created: 1, updated: 0, skipped: 2 });
      expect(report.problems.map((p) => p.message)).toEqual(['companyId: belongs to another company', 'id: other-1 belongs to another company']);
      expect(await store.vacancies.require('co-1')).toMatchObject({ company: { id: 'cmp-astra' }, source: 'company' });
      expect((await store.vacancies.require('other-1')).title).toBe('Gudang lain');
    });
  });

  async function seedOther() {
    const at = new Date().toISOString();
    return {
      id: 'other-1',
      company: { id: 'cmp-gudang', name: 'PT Gudang Maju' },
      title: 'Gudang lain',
      description: '',
      requirements: '',
      requiredSkills: [],
      preferredSkills: [],
      minExperienceYears: 0,
      kecamatan: 'Cibitung',
      employmentType: 'PKWT' as const,
      quota: 1,
      localQuota: 0,
      status: 'draft' as const,
      source: 'admin' as const,
      createdAt: at,
      updatedAt: await Promise.resolve(at),
    };
  }
});
