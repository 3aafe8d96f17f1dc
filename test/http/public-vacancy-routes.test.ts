import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { jobPostingToRow, unwrapListItem } from '../../src/admin/job-posting.js';
import { OccupationCoder } from '../../src/admin/occupation-code.js';
import { PublicVacancies } from '../../src/admin/public-vacancies.js';
import { Locales } from '../../src/conversation/index.js';
import { publicVacancyRouter, type PublicVacancyRoutesOptions } from '../../src/http/public-vacancy-routes.js';
import { createDefaultMatcher, loadOccupationCodes } from '../../src/matching/index.js';
import { projectRoot } from '../../src/project-root.js';
import type { Store } from '../../src/store/index.js';
import { makeVacancy } from '../fixtures/domain.js';
import { AdminApiHarness } from '../helpers/admin-app.js';
import { useTestRedis } from '../helpers/redis.js';

const redis = useTestRedis();

/**
 * What Google requires of a JobPosting (title, description, datePosted, hiringOrganization,
 * jobLocation; validThrough when the posting ends), with the types schema.org gives them, and the
 * shapes of the recommended properties this service fills.
 */
const postalAddress = z.looseObject({ '@type': z.literal('PostalAddress'), addressLocality: z.string().min(1), addressRegion: z.literal('Jawa Barat'), addressCountry: z.literal('ID') });
const jobPostingSchema = z.looseObject({
  '@type': z.literal('JobPosting'),
  title: z.string().min(1),
  description: z.string().min(1),
  datePosted: z.iso.datetime({ offset: true }),
  validThrough: z.iso.datetime({ offset: true }).optional(),
  hiringOrganization: z.looseObject({ '@type': z.literal('Organization'), name: z.string().min(1), identifier: z.looseObject({ '@type': z.literal('PropertyValue'), propertyID: z.literal('NIB'), value: z.string().regex(/^\d{13}$/) }).optional() }),
  jobLocation: z.looseObject({ '@type': z.literal('Place'), address: postalAddress }),
  employmentType: z.enum(['FULL_TIME', 'TEMPORARY', 'INTERN', 'PER_DIEM']),
  baseSalary: z.looseObject({ '@type': z.literal('MonetaryAmount'), currency: z.literal('IDR'), value: z.looseObject({ '@type': z.literal('QuantitativeValue'), minValue: z.number().optional(), maxValue: z.number().optional(), unitText: z.literal('MONTH') }) }).optional(),
  occupationalCategory: z.looseObject({ '@type': z.literal('CategoryCode'), codeValue: z.string().regex(/^\d{4}$/), inCodeSet: z.literal('KBJI 2014') }).optional(),
  totalJobOpenings: z.number().int().min(1),
  directApply: z.boolean(),
  url: z.url(),
});
const itemListSchema = z.looseObject({
  '@context': z.literal('https://schema.org'),
  '@type': z.literal('ItemList'),
  numberOfItems: z.number().int(),
  itemListElement: z.array(z.looseObject({ '@type': z.literal('ListItem'), position: z.number().int().min(1), url: z.url(), item: jobPostingSchema })),
});

const at = '2026-11-20T08:00:00.000Z';
const verification = { verifiedBy: 'Kasi Penempatan', verifiedAt: at };
const INJECTION = 'Satpam </script><script>alert(1)</script> & <!-- "Shift"';

describe('public vacancy feed and pages (schema.org JobPosting)', () => {
  const harness = new AdminApiHarness(redis);
  let store: Store;
  let site = '';

  beforeAll(async () => {
    await harness.prepare();
    store = harness.store;
    await serve();

    await store.companies.create({ id: 'cmp-astra', name: 'PT Astra Otoparts Tbk', registrationNumber: '9120001234567', industryCode: '29300', hrContact: { name: 'Bu Rina', phone: '+6281299990000', email: 'rina.hrd@astra.example' }, address: 'Jl. Irian Blok KK-1, MM2100', verification, createdAt: at, updatedAt: at });
    await store.companies.create({ id: 'cmp-jaya', name: 'PT Jaya Makmur Sentosa', verification, createdAt: at, updatedAt: at });
    await store.companies.create({ id: 'cmp-baru', name: 'PT Baru Berdiri', registrationNumber: '9120007654321', createdAt: at, updatedAt: at });
    await store.vacancies.create(makeVacancy('vac-las', { openedAt: '2026-11-21T02:00:00.000Z' }));
    await store.vacancies.create(makeVacancy('vac-satpam', { company: { id: 'cmp-jaya', name: 'PT Jaya Makmur Sentosa' }, title: INJECTION, description: 'Menjaga pos </script> pabrik.\n\nShift malam.', requirements: '', occupationCode: undefined, salaryMin: undefined, salaryMax: undefined, deadline: undefined, estate: undefined, employmentType: 'PKWTT', minEducation: 'SMA' }));
    await store.vacancies.create(makeVacancy('vac-produksi', { company: { id: 'cmp-jaya', name: 'PT Jaya Makmur Sentosa' }, title: 'Operator Produksi', description: '', requirements: '', occupationCode: undefined, requiredSkills: [], salaryMax: undefined }));
    await store.vacancies.create(makeVacancy('vac-closed', { status: 'closed' }));
    await store.vacancies.create(makeVacancy('vac-draft', { status: 'draft' }));
    await store.vacancies.create(makeVacancy('vac-expired', { deadline: '2026-01-31T16:59:59.000Z' }));
    await store.vacancies.create(makeVacancy('vac-unverified', { company: { id: 'cmp-baru', name: 'PT Baru Berdiri' } }));
    await store.vacancies.create(makeVacancy('vac-nocompany', { company: { name: 'PT Tanpa Catatan' } }));
  });
  afterAll(() => harness.close());

  /** The public routes as the service mounts them, over the harness's store, on a fresh server. */
  const serve = async (options: Partial<PublicVacancyRoutesOptions> = {}) => {
    const matcher = createDefaultMatcher();
    const vacancies = new PublicVacancies(store, new OccupationCoder(matcher, loadOccupationCodes(matcher.tokenizer.dictionary)));
    const locales = Locales.load(path.join(projectRoot(), 'locales'), { onMissing: 'throw' });
    await harness.serve({}, [['/', publicVacancyRouter({ vacancies, locales, ...options })]]);
    site = harness.server?.baseUrl ?? '';
  };

  const feed = async () => {
    const response = await fetch(`${site}/lowongan.jsonld`);
    expect(response.status).toBe(200);
    const text = await response.text();
    return { response, text, list: itemListSchema.parse(JSON.parse(text)) };
  };

  it('lists every open vacancy of a verified company as a JobPosting with Google\'s required properties, and nothing else', async () => {
    const { response, list } = await feed();
    expect(response.headers.get('content-type')).toMatch(/^application\/ld\+json/);
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(list.itemListElement.map((e) => e.item.url.split('/').pop())).toEqual(['vac-las', 'vac-produksi', 'vac-satpam']);
    expect(list.itemListElement.map((e) => e.position)).toEqual([1, 2, 3]);
    expect(list.numberOfItems).toBe(3);
    const las = list.itemListElement[0]?.item;
    expect(las).toMatchObject({
      title: 'Operator Las SMAW',
      datePosted: '2026-11-21T02:00:00.000Z',
      validThrough: makeVacancy('x').deadline,
      employmentType: 'TEMPORARY',
      hiringOrganization: { name: 'PT Astra Otoparts Tbk', identifier: { value: '9120001234567' } },
      jobLocation: { address: { streetAddress: 'MM2100', addressLocality: 'Cikarang Barat' } },
      baseSalary: { value: { minValue: 5_200_000, maxValue: 5_800_000 } },
      educationRequirements: { '@type': 'EducationalOccupationalCredential', credentialCategory: 'high school' },
      occupationalCategory: { codeValue: '7212' },
      totalJobOpenings: 10,
      url: `${site}/lowongan/vac-las`,
    });
    expect(las?.description).toBe('<p>Pengelasan rangka kendaraan, shift 3.</p>\n<h3>Persyaratan</h3>\n<p>SMK Teknik Mesin, sertifikat las</p>');
  });

  it('carries no personal data: no HR contact, no company address', async () => {
    const { text } = await feed();
    for (const secret of ['Bu Rina', '+62812', 'rina.hrd', 'Jl. Irian', 'Tanpa Catatan', 'Baru Berdiri']) expect(text).not.toContain(secret);
  });

  it('gives the KBJI code of an occupation the title names, and none where the occupation has no sure code', async () => {
    const items = new Map((await feed()).list.itemListElement.map((e) => [e.item.url.split('/').pop(), e.item]));
    expect(items.get('vac-satpam')?.occupationalCategory).toEqual({ '@type': 'CategoryCode', codeValue: '5414', inCodeSet: 'KBJI 2014' });
    expect(items.get('vac-produksi')?.occupationalCategory).toBeUndefined();
    // No description of its own: Google requires one, so it says what and where.
    expect(items.get('vac-produksi')?.description).toBe('<p>Lowongan Operator Produksi di PT Jaya Makmur Sentosa, Kecamatan Cikarang Barat, Kabupaten Bekasi.</p>');
  });

  it('is what the JSON-LD import reads back', async () => {
    const las = (await feed()).list.itemListElement[0];
    const read = jobPostingToRow(unwrapListItem(las), (text) => (text === 'Cikarang Barat' ? text : undefined));
    expect(read).toMatchObject({
      row: { id: 'vac-las', title: 'Operator Las SMAW', company: 'PT Astra Otoparts Tbk', kecamatan: 'Cikarang Barat', salaryMin: 5_200_000, salaryMax: 5_800_000, employmentType: 'PKWT', quota: 10, minEducation: 'SMA', minExperienceYears: 1, occupationCode: '7212', deadline: makeVacancy('x').deadline },
    });
  });

  it('serves one vacancy as an Indonesian page with its JobPosting JSON-LD, escaped against </script>', async () => {
    const response = await fetch(`${site}/lowongan/vac-satpam`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await response.text();
    expect(html).toContain('<html lang="id">');
    // The only </script> is the end of the JSON-LD element; the title's markup is text.
    expect(html.match(/<\/script>/gi)).toHaveLength(1);
    expect(html.match(/<script/gi)).toHaveLength(1);
    expect(html).not.toContain('<!--');
    expect(html).toContain('<h1>Satpam &#60;/script&#62;&#60;script&#62;alert(1)&#60;/script&#62; &#38; &#60;!-- &#34;Shift&#34;</h1>');
    const json = /<script type="application\/ld\+json">([^<]*)<\/script>/.exec(html)?.[1] ?? '';
    const posting = jobPostingSchema.extend({ '@context': z.literal('https://schema.org') }).parse(JSON.parse(json));
    expect(posting.title).toBe(INJECTION);
    expect(posting.validThrough).toBeUndefined();
    expect(posting.baseSalary).toBeUndefined();
    expect(posting.url).toBe(`${site}/lowongan/vac-satpam`);
    expect(html).toContain(`<link rel="canonical" href="${site}/lowongan/vac-satpam">`);
    for (const fact of ['Perusahaan', 'PT Jaya Makmur Sentosa', 'Cikarang Barat, Kabupaten Bekasi', 'Tetap (PKWTT)', 'Pendidikan minimal', '10 orang', 'Kode jabatan (KBJI 2014)', 'tidak disebutkan', '<a href="/chat">']) expect(html).toContain(fact);
  });

  it('answers 404 with a page for an unknown, closed, draft, expired or unverified vacancy', async () => {
    for (const id of ['vac-none', 'vac-closed', 'vac-draft', 'vac-expired', 'vac-unverified', 'vac-nocompany', 'bad%20id']) {
      const response = await fetch(`${site}/lowongan/${id}`);
      expect(response.status, id).toBe(404);
      const html = await response.text();
      expect(html, id).toContain('Lowongan tidak ditemukan');
      expect(html, id).toContain('<meta name="robots" content="noindex">');
    }
  });

  it('uses PUBLIC_BASE_URL for its links when set', async () => {
    await serve({ baseUrl: 'https://loker.bekasikab.go.id' });
    const { list } = await feed();
    expect(list.itemListElement.map((e) => e.url)).toContain('https://loker.bekasikab.go.id/lowongan/vac-las');
    expect(list.itemListElement.every((e) => e.item.url === e.url)).toBe(true);
  });

  it('streams a large feed at the client\'s pace, a few clients at a time', async () => {
    await serve({ maxConcurrentFeeds: 1 });
    const many = 4000;
    for (let i = 0; i < many; i++) await store.vacancies.create(makeVacancy(`vac-bulk-${String(i).padStart(5, '0')}`, { description: `Lowongan nomor ${i}. `.repeat(20) }));
    try {
      // The first client takes its time: the server waits for it (backpressure) instead of buffering the rest.
      const slow = await fetch(`${site}/lowongan.jsonld`);
      expect(slow.status).toBe(200);
      const busy = await fetch(`${site}/lowongan.jsonld`);
      expect(busy.status).toBe(503);
      expect(busy.headers.get('retry-after')).toBe('10');
      expect(((await busy.json()) as { error: { code: string } }).error.code).toBe('loker:feed-busy');
      const list = itemListSchema.parse(JSON.parse(await slow.text()));
      expect(list.numberOfItems).toBe(many + 3);
      expect((await fetch(`${site}/lowongan.jsonld`)).status).toBe(200);
    } finally {
      for (let i = 0; i < many; i++) await store.vacancies.delete(`vac-bulk-${String(i).padStart(5, '0')}`);
    }
  });
});
