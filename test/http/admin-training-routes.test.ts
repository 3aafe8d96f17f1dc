import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TrainingDemand } from '../../src/admin/training-demand.js';
import type { TrainingProgramme } from '../../src/domain/index.js';
import { makeSeeker, makeTrainingProgramme } from '../fixtures/domain.js';
import { AdminApiHarness, errorOf, TOKENS } from '../helpers/admin-app.js';
import { useTestRedis } from '../helpers/redis.js';

const redis = useTestRedis();

/** The fixture's welding course as staff would post it: the facts only, the kecamatan as typed. */
const { id: _id, status: _status, createdAt: _created, updatedAt: _updated, ...welding } = makeTrainingProgramme('trp-las', { kecamatan: 'cikarang barat' });

describe('admin API: training programmes and demand', () => {
  const admin = new AdminApiHarness(redis);
  beforeEach(() => admin.open());
  afterEach(() => admin.close());

  const send = admin.send.bind(admin);
  const get = admin.get.bind(admin);
  const create = async (body: unknown = welding): Promise<TrainingProgramme> => (await (await send('POST', '/training-programmes', body)).json()) as TrainingProgramme;

  it('adds, reads, edits, lists and deletes a programme, each write in the audit log', async () => {
    const created = await send('POST', '/training-programmes', welding);
    expect(created.status).toBe(201);
    const programme = (await created.json()) as TrainingProgramme;
    expect(programme).toMatchObject({ name: 'Pelatihan Las SMAW 3G', kecamatan: 'Cikarang Barat', status: 'open', skills: ['welding-smaw', 'k3'] });
    expect(created.headers.get('location')).toMatch(new RegExp(`/api/admin/training-programmes/${programme.id}$`));
    expect(((await (await get(`/training-programmes/${programme.id}`)).json()) as TrainingProgramme).quota).toBe(16);

    const edited = await send('PATCH', `/training-programmes/${programme.id}`, { quota: 20, status: 'closed', location: null }, 'admin');
    expect(edited.status).toBe(200);
    const after = (await edited.json()) as TrainingProgramme;
    expect(after).toMatchObject({ quota: 20, status: 'closed', name: welding.name });
    expect(after.location).toBeUndefined();

    await create({ ...welding, name: 'Operator Forklift', skills: ['forklift'] });
    const open = (await (await get('/training-programmes?status=open')).json()) as { items: TrainingProgramme[] };
    expect(open.items.map((p) => p.name)).toEqual(['Operator Forklift']);
    const all = (await (await get('/training-programmes')).json()) as { items: TrainingProgramme[] };
    expect(all.items.map((p) => p.name)).toEqual(['Operator Forklift', 'Pelatihan Las SMAW 3G']);

    await admin.store.trainingInterests.register('skr-1', programme.id);
    expect((await send('DELETE', `/training-programmes/${programme.id}`, undefined)).status).toBe(204);
    expect(await admin.store.trainingProgrammes.get(programme.id)).toBeUndefined();
    expect(await admin.store.trainingInterests.count({ programmeId: programme.id })).toBe(0);
    expect((await get(`/training-programmes/${programme.id}`)).status).toBe(404);
    const trail = await admin.store.audit.listForTarget('training-programme', programme.id);
    expect(trail.map((e) => [e.actor, e.action])).toEqual([
      [TOKENS.operator.id, 'training-programme.create'],
      [TOKENS.admin.id, 'training-programme.update'],
      [TOKENS.operator.id, 'training-programme.delete'],
    ]);
    expect(trail[2]?.details).toEqual({ interests: 1 });
  });

  it('refuses unknown skill ids (naming the id meant), an unknown kecamatan, bad schedules and unknown fields, in the one error shape', async () => {
    const bad = await send('POST', '/training-programmes', { ...welding, skills: ['las smaw', 'xyzzy-qwrtp'], kecamatan: 'Atlantis' });
    expect(bad.status).toBe(400);
    const error = await errorOf(bad);
    expect(error.code).toBe('loker:validation');
    expect(error.details.issues).toEqual([
      'kecamatan: "Atlantis" is not a kecamatan we know (e.g. "Cikarang Barat")',
      'skills.0: "las smaw" is not a skill id of the dictionary (did you mean "welding-smaw"?)',
      'skills.1: "xyzzy-qwrtp" is not a skill id of the dictionary (e.g. "welding-smaw", "forklift")',
    ]);
    const backwards = await errorOf(await send('POST', '/training-programmes', { ...welding, schedule: { startDate: '2027-03-01', endDate: '2027-01-01' } }));
    expect(backwards.details.issues?.join('\n')).toMatch(/schedule\.endDate/);
    const typo = await errorOf(await send('POST', '/training-programmes', { ...welding, qouta: 3 }));
    expect(typo.details.issues?.join('\n')).toMatch(/qouta/);
    const programme = await create();
    const badEdit = await send('PATCH', `/training-programmes/${programme.id}`, { kind: 'university' });
    expect(badEdit.status).toBe(400);
    expect(await admin.store.trainingProgrammes.count()).toBe(1);
  });

  it('is for office staff only: a company token is refused, no token is 401', async () => {
    expect((await get('/training-programmes', 'company')).status).toBe(403);
    expect((await send('POST', '/training-programmes', welding, 'company')).status).toBe(403);
    expect((await get('/training-demand', 'company')).status).toBe(403);
    expect((await fetch(`${admin.api}/training-demand`)).status).toBe(401);
  });

  it('counts interested active seekers per programme and per kecamatan, as JSON and CSV', async () => {
    const las = await create();
    const forklift = await create({ ...welding, name: 'Operator Forklift', skills: ['forklift'], quota: 10 });
    await admin.store.seekers.create(makeSeeker('skr-1'));
    await admin.store.seekers.create(makeSeeker('skr-2', { domicile: { kecamatan: 'Tambun Selatan', ktpBekasi: true } }));
    await admin.store.seekers.create(makeSeeker('skr-3', { domicile: { kecamatan: 'Tambun Selatan', ktpBekasi: false } }));
    await admin.store.seekers.create(makeSeeker('skr-4', { status: 'inactive' }));
    for (const seeker of ['skr-1', 'skr-2', 'skr-3', 'skr-4']) await admin.store.trainingInterests.register(seeker, las.id);
    await admin.store.trainingInterests.register('skr-1', forklift.id);
    // Erased meanwhile: not counted.
    await admin.store.trainingInterests.register('skr-gone', forklift.id);

    const demand = (await (await get('/training-demand')).json()) as TrainingDemand;
    expect(demand.programmes.map((p) => [p.name, p.quota, p.interested])).toEqual([
      ['Pelatihan Las SMAW 3G', 16, 3],
      ['Operator Forklift', 10, 1],
    ]);
    expect(demand.kecamatan.map((k) => [k.programme, k.kecamatan, k.interested])).toEqual([
      ['Pelatihan Las SMAW 3G', 'Tambun Selatan', 2],
      ['Pelatihan Las SMAW 3G', 'Cikarang Utara', 1],
      ['Operator Forklift', 'Cikarang Utara', 1],
    ]);

    const csv = await get('/training-demand/kecamatan.csv', 'admin');
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect((await csv.text()).trim().split('\n')).toEqual([
      'programmeId,programme,kecamatan,interested',
      `${las.id},Pelatihan Las SMAW 3G,Tambun Selatan,2`,
      `${las.id},Pelatihan Las SMAW 3G,Cikarang Utara,1`,
      `${forklift.id},Operator Forklift,Cikarang Utara,1`,
    ]);
    const programmes = await (await get('/training-demand/programmes.csv')).text();
    expect(programmes.split('\n')[0]).toBe('programmeId,name,provider,kind,status,quota,interested');
    expect((await get('/training-demand/nope.csv')).status).toBe(400);
  });
});
