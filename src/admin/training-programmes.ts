import { z } from 'zod';
import type { SegmentVocabulary } from '../alerts/broadcast-segment.js';
import { idSchema, parse, textSchema, trainingProgrammeSchema, type AdminToken, type TrainingProgramme } from '../domain/index.js';
import { ValidationError } from '../errors/index.js';
import { newId, type Store } from '../store/index.js';
import type { SkillVocabulary } from './statistics.js';

/*
 * Training programmes staff manage: BLK and LPK courses, internships, the Japan apprenticeship.
 * The skills a programme teaches are the skills dictionary's canonical ids, checked against it,
 * so the chat can offer the programme to seekers who lack exactly those skills. Every write is in
 * the audit log.
 */

/** What the programme routes need: the dictionary (skill ids) and the kecamatan table. */
export type TrainingVocabulary = SkillVocabulary & Pick<SegmentVocabulary, 'kecamatan'>;

const shape = trainingProgrammeSchema.shape;

const factsShape = {
  name: shape.name,
  provider: shape.provider,
  kind: shape.kind,
  /** As text here, so that a phrase instead of an id is answered with the id it means (checkedPlaceAndSkills). */
  skills: z.array(textSchema(100).pipe(z.string().min(1))).min(1).max(20),
  schedule: shape.schedule,
  quota: shape.quota,
  requirements: z.strictObject(shape.requirements.shape),
  kecamatan: shape.kecamatan,
  location: shape.location,
};

/** `POST /training-programmes`: a programme, open unless said otherwise. */
export const programmeInputSchema = z.strictObject({ ...factsShape, status: shape.status.default('open') });

/** `PATCH /training-programmes/:id`: the fields to change; `location: null` clears it. */
export const programmePatchSchema = z.strictObject({
  name: factsShape.name.optional(),
  provider: factsShape.provider.optional(),
  kind: factsShape.kind.optional(),
  skills: factsShape.skills.optional(),
  schedule: factsShape.schedule.optional(),
  quota: factsShape.quota.optional(),
  requirements: factsShape.requirements.optional(),
  kecamatan: factsShape.kecamatan.optional(),
  location: shape.location.unwrap().nullable().optional(),
  status: shape.status.optional(),
});

export const programmeListQuerySchema = z.strictObject({ status: shape.status.optional() });

export async function listProgrammes(store: Store, query: unknown): Promise<{ items: TrainingProgramme[] }> {
  const { status } = parse(programmeListQuerySchema, query, 'programme list query');
  const items = await store.trainingProgrammes.find(status ? { status } : {}, { limit: 10_000 });
  return { items: items.sort((a, b) => a.name.localeCompare(b.name, 'id')) };
}

export function getProgramme(store: Store, id: string): Promise<TrainingProgramme> {
  return store.trainingProgrammes.require(parse(idSchema, id, 'programme id'));
}

export async function createProgramme(store: Store, vocabulary: TrainingVocabulary, input: unknown, token: AdminToken): Promise<TrainingProgramme> {
  const facts = parse(programmeInputSchema, input, 'training programme');
  const at = new Date().toISOString();
  const programme = await store.trainingProgrammes.create({ ...facts, ...checkedPlaceAndSkills(facts, vocabulary), id: newId('trp'), createdAt: at, updatedAt: at });
  await store.audit.record({ actor: token.id, action: 'training-programme.create', target: { type: 'training-programme', id: programme.id } });
  return programme;
}

export async function updateProgramme(store: Store, vocabulary: TrainingVocabulary, id: string, input: unknown, token: AdminToken): Promise<TrainingProgramme> {
  const patch = parse(programmePatchSchema, input, 'training programme edit');
  const programme = await store.trainingProgrammes.update(parse(idSchema, id, 'programme id'), (current) => {
    const next: Record<string, unknown> = { ...current, ...patch };
    if (patch.location === null) delete next.location;
    const merged = next as TrainingProgramme;
    return { ...merged, ...checkedPlaceAndSkills(merged, vocabulary) };
  });
  await store.audit.record({ actor: token.id, action: 'training-programme.update', target: { type: 'training-programme', id: programme.id }, details: { fields: Object.keys(patch).join(',').slice(0, 200) } });
  return programme;
}

/** Deletes the programme and the interests registered in it (nobody can be told of it any more). */
export async function deleteProgramme(store: Store, id: string, token: AdminToken): Promise<void> {
  const programme = await getProgramme(store, id);
  let interests = 0;
  for await (const interest of store.trainingInterests.listByProgramme(programme.id)) {
    await store.trainingInterests.delete(interest.id);
    interests++;
  }
  await store.trainingProgrammes.delete(programme.id);
  await store.audit.record({ actor: token.id, action: 'training-programme.delete', target: { type: 'training-programme', id: programme.id }, details: { interests } });
}

/**
 * The kecamatan under its table name, and the skills as the dictionary's ids without repeats.
 * A skill that is not an id names the id the same words would be read as, so a form that was
 * given "las smaw" says to write "welding-smaw".
 */
function checkedPlaceAndSkills(facts: Pick<TrainingProgramme, 'kecamatan' | 'skills'>, vocabulary: TrainingVocabulary): Pick<TrainingProgramme, 'kecamatan' | 'skills'> {
  const issues: string[] = [];
  const kecamatan = vocabulary.kecamatan.lookup(facts.kecamatan);
  if (!kecamatan) issues.push(`kecamatan: "${facts.kecamatan}" is not a kecamatan we know (e.g. "Cikarang Barat")`);
  const dictionary = vocabulary.tokenizer.dictionary;
  facts.skills.forEach((skill, i) => {
    if (dictionary.get(skill)) return;
    const meant = vocabulary.canonicalSkills(skill.replace(/-/g, ' ')).find((id) => dictionary.get(id) !== undefined);
    issues.push(`skills.${i}: "${skill}" is not a skill id of the dictionary${meant ? ` (did you mean "${meant}"?)` : ' (e.g. "welding-smaw", "forklift")'}`);
  });
  if (issues.length > 0) throw new ValidationError('training programme', issues);
  return { kecamatan: kecamatan?.name ?? facts.kecamatan, skills: [...new Set(facts.skills)] };
}
