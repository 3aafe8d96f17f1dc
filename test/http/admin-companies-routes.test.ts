import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry, Company } from '../../src/domain/index.js';
import type { Store } from '../../src/store/index.js';
import { AdminApiHarness, errorOf, TOKENS } from '../helpers/admin-app.js';
import { useTestRedis } from '../helpers/redis.js';

const redis = useTestRedis();

type Role = 'admin' | 'operator' | 'company';
/** PT Astra Otoparts, the company of the test company token (`cmp-astra`). */
const astra = {
  id: 'cmp-astra',
  name: 'PT Astra Otoparts Tbk',
  registrationNumber: '8120001234567',
  address: 'Kawasan MM2100, Jl. Sulawesi 2 Blok F, Cikarang Barat',
  hrContact: { name: 'Bu Rina (HRD)', email: 'hrd@astra-otoparts.example' },
  industryCode: '29300',
};

describe('admin API: companies and their verification', () => {
  const admin = new AdminApiHarness(redis);
  let store: Store;
  let api = '';
  beforeEach(async () => {
    await admin.open();
    store = admin.store;
    api = admin.api;
  });
  afterEach(() => admin.close());

  const send = (method: string, path: string, body: unknown, role: Role = 'operator') => admin.send(method, path, body, role);
  const get = (path: string, role: Role = 'operator') => admin.get(path, role);
  const auditOf = async (id: string): Promise<AuditEntry[]> => store.audit.find({ 'target.id': id }, { sortBy: 'id' });

  it('records a company unverified, verifies it with who and when, and withdraws it with a reason, each in the audit log', async () => {
    const created = await send('POST', '/companies', astra);
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toMatch(/\/api\/admin\/companies\/cmp-astra$/);
    expect(((await created.json()) as Company).verification).toBeUndefined();

    const verified = await send('POST', '/companies/cmp-astra/verify', { note: 'NIB checked in OSS; HRD called back' });
    expect(verified.status).toBe(200);
    const company = (await verified.json()) as Company;
    expect(company.verification).toMatchObject({ verifiedBy: 'operator (test)', note: 'NIB checked in OSS; HRD called back' });
    expect(Date.now() - Date.parse(company.verification?.verifiedAt ?? '')).toBeLessThan(60_000);
    expect((await store.companies.require('cmp-astra')).verification?.verifiedBy).toBe('operator (test)');

    const withdrawn = await send('POST', '/companies/cmp-astra/unverify', { reason: 'address is a vacant lot' }, 'admin');
    expect(withdrawn.status).toBe(200);
    expect(((await withdrawn.json()) as Company).verification).toBeUndefined();
    expect((await auditOf('cmp-astra')).map((e) => [e.actor, e.action])).toEqual([
      [TOKENS.operator.id, 'company.create'],
      [TOKENS.operator.id, 'company.verify'],
      [TOKENS.admin.id, 'company.unverify'],
    ]);
    expect((await auditOf('cmp-astra'))[2]?.details).toEqual({ reason: 'address is a vacant lot' });
  });

  it('lists companies, only verified or only unverified ones on request', async () => {
    await send('POST', '/companies', astra);
    await send('POST', '/companies', { name: 'PT Gudang Maju' });
    await send('POST', '/companies/cmp-astra/verify', {});
    const all = (await (await get('/companies')).json()) as { items: Company[] };
    expect(all.items.map((c) => c.name).sort()).toEqual(['PT Astra Otoparts Tbk', 'PT Gudang Maju']);
    expect(all.items.find((c) => c.name === 'PT Gudang Maju')?.id).toMatch(/^cmp-/);
    const verified = (await (await get('/companies?verified=true')).json()) as { items: Company[] };
    expect(verified.items.map((c) => c.id)).toEqual(['cmp-astra']);
    const unverified = (await (await get('/companies?verified=false')).json()) as { items: Company[] };
    expect(unverified.items.map((c) => c.name)).toEqual(['PT Gudang Maju']);
  });

  it('refuses bad input with the fields named, and a second record under the same id', async () => {
    const bad = await send('POST', '/companies', { ...astra, registrationNumber: '12345', hrContact: { name: 'HRD', email: 'not-an-email' } });
    expect(bad.status).toBe(400);
    const issues = (await errorOf(bad)).details.issues?.join('\n') ?? '';
    expect(issues).toContain('registrationNumber: must be the 13 digits of an NIB');
    expect(issues).toContain('hrContact.email');
    expect(await store.companies.count()).toBe(0);
    expect((await send('POST', '/companies', astra)).status).toBe(201);
    const again = await send('POST', '/companies', astra);
    expect(again.status).toBe(409);
    expect((await send('POST', '/companies/cmp-none/verify', {})).status).toBe(404);
    expect((await send('POST', '/companies/cmp-astra/unverify', {})).status).toBe(400);
  });

  it('lets a company token read and edit its own record only, never verify it; its edit of checked facts withdraws the verification', async () => {
    await send('POST', '/companies', astra);
    await send('POST', '/companies', { id: 'cmp-gudang', name: 'PT Gudang Maju' });
    await send('POST', '/companies/cmp-astra/verify', { note: 'visited' });

    expect(((await (await get('/companies', 'company')).json()) as { items: Company[] }).items.map((c) => c.id)).toEqual(['cmp-astra']);
    expect((await get('/companies/cmp-astra', 'company')).status).toBe(200);
    expect((await get('/companies/cmp-gudang', 'company')).status).toBe(404);
    expect((await send('PATCH', '/companies/cmp-gudang', { name: 'PT Punya Saya' }, 'company')).status).toBe(404);
    expect((await send('POST', '/companies/cmp-astra/verify', {}, 'company')).status).toBe(403);
    expect((await send('POST', '/companies', { name: 'PT Baru' }, 'company')).status).toBe(403);

    // A new KBLI code is not something staff checked: the mark stays.
    const kbli = await send('PATCH', '/companies/cmp-astra', { industryCode: '29100' }, 'company');
    expect(((await kbli.json()) as Company).verification?.note).toBe('visited');
    // A new address is: staff check again.
    const moved = await send('PATCH', '/companies/cmp-astra', { address: 'Jl. Lain 1, Setu' }, 'company');
    expect(moved.status).toBe(200);
    expect(((await moved.json()) as Company).verification).toBeUndefined();
    expect((await auditOf('cmp-astra')).at(-1)?.details).toMatchObject({ fields: 'address', verificationWithdrawn: 'edited by the company' });

    // Staff edits keep it; `null` clears an optional field.
    await send('POST', '/companies/cmp-astra/verify', {});
    const cleared = (await (await send('PATCH', '/companies/cmp-astra', { industryCode: null, address: 'Jl. Sulawesi 2, MM2100' })).json()) as Company;
    expect(cleared.industryCode).toBeUndefined();
    expect(cleared.verification).toBeDefined();
  });

  it('records an unverified company for a vacancy posted under an id the office does not know', async () => {
    const posted = await send('POST', '/vacancies', { title: 'Operator Forklift', company: { id: 'cmp-forklift', name: 'PT Angkat Jaya' }, kecamatan: 'Setu' });
    expect(posted.status).toBe(201);
    expect(await store.companies.require('cmp-forklift')).toMatchObject({ name: 'PT Angkat Jaya' });
    expect((await store.companies.require('cmp-forklift')).verification).toBeUndefined();
    // A known one is left as it is.
    await send('POST', '/companies', astra);
    await send('POST', '/companies/cmp-astra/verify', {});
    await send('POST', '/vacancies', { title: 'Welder', company: { id: 'cmp-astra', name: 'Astra (typo)' }, kecamatan: 'Setu' });
    expect(await store.companies.require('cmp-astra')).toMatchObject({ name: 'PT Astra Otoparts Tbk', verification: { verifiedBy: 'operator (test)' } });
  });

  it('is in the OpenAPI document', async () => {
    const document = (await (await fetch(`${api}/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/api/admin/companies', '/api/admin/companies/{id}', '/api/admin/companies/{id}/verify', '/api/admin/companies/{id}/unverify']));
    expect(Object.keys(document.paths['/api/admin/companies/{id}'] ?? {}).sort()).toEqual(['get', 'patch']);
  });
});
