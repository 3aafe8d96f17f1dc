import { z } from 'zod';
import { TRAINING_KINDS, type Seeker, type TrainingProgramme } from '../domain/index.js';
import type { Store } from '../store/index.js';
import { recordsCsv } from './csv.js';

/*
 * Demand for training: how many seekers registered interest in each programme, and where they
 * live (per programme and kecamatan). Only active seekers count; an erased one is gone with their
 * interests. Read from the store when asked: one pass over the interests, each seeker read once.
 */

export const trainingDemandSchema = z.object({
  generatedAt: z.string(),
  programmes: z.array(
    z.object({
      programmeId: z.string(),
      name: z.string(),
      provider: z.string(),
      kind: z.enum(TRAINING_KINDS),
      status: z.enum(['open', 'closed']),
      quota: z.number().int(),
      interested: z.number().int(),
    }),
  ),
  kecamatan: z.array(z.object({ programmeId: z.string(), programme: z.string(), kecamatan: z.string(), interested: z.number().int() })),
});
export type TrainingDemand = z.infer<typeof trainingDemandSchema>;

export const TRAINING_DEMAND_TABLES = {
  programmes: ['programmeId', 'name', 'provider', 'kind', 'status', 'quota', 'interested'],
  kecamatan: ['programmeId', 'programme', 'kecamatan', 'interested'],
} as const satisfies Record<string, readonly string[]>;
export type TrainingDemandTable = keyof typeof TRAINING_DEMAND_TABLES;
export const TRAINING_DEMAND_TABLE_NAMES = Object.keys(TRAINING_DEMAND_TABLES) as [TrainingDemandTable, ...TrainingDemandTable[]];

/** Programmes with most interest first (then by name); kecamatan rows by programme, then most interest. */
export async function computeTrainingDemand(store: Store, now: Date = new Date()): Promise<TrainingDemand> {
  const programmes = await store.trainingProgrammes.find({}, { limit: 10_000 });
  const byProgramme = new Map<string, Map<string, number>>(programmes.map((p) => [p.id, new Map()]));
  const seekers = new Map<string, Seeker | undefined>();
  for await (const interest of store.trainingInterests.scan()) {
    const places = byProgramme.get(interest.programmeId);
    if (!places) continue;
    if (!seekers.has(interest.seekerId)) seekers.set(interest.seekerId, await store.seekers.get(interest.seekerId));
    const seeker = seekers.get(interest.seekerId);
    if (seeker?.status !== 'active') continue;
    places.set(seeker.domicile.kecamatan, (places.get(seeker.domicile.kecamatan) ?? 0) + 1);
  }
  const total = (p: TrainingProgramme) => [...(byProgramme.get(p.id)?.values() ?? [])].reduce((a, b) => a + b, 0);
  const ranked = programmes.map((p) => ({ programme: p, interested: total(p) })).sort((a, b) => b.interested - a.interested || a.programme.name.localeCompare(b.programme.name, 'id'));
  return {
    generatedAt: now.toISOString(),
    programmes: ranked.map(({ programme: p, interested }) => ({ programmeId: p.id, name: p.name, provider: p.provider, kind: p.kind, status: p.status, quota: p.quota, interested })),
    kecamatan: ranked.flatMap(({ programme: p }) =>
      [...(byProgramme.get(p.id) ?? new Map<string, number>()).entries()]
        .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
        .map(([kecamatan, interested]) => ({ programmeId: p.id, programme: p.name, kecamatan, interested })),
    ),
  };
}

/** One table of the demand as CSV with its header row. */
export function trainingDemandCsv(demand: TrainingDemand, table: TrainingDemandTable): string {
  return recordsCsv(demand[table], TRAINING_DEMAND_TABLES[table]);
}
