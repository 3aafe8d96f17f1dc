import { identityKey, type EducationLevel, type EmploymentType, type Seeker } from '../../domain/index.js';
import { newId } from '../../store/index.js';
import type { CompleteHandler, RenderHandler, TurnContext } from '../handlers.js';
import { CONSENT_VERSION } from './welcome.js';

interface ParsedSkillsAnswer {
  ids: string[];
  raw: string;
  names: string[];
  /** Absent in answers kept before unknown words were read back. */
  unknown?: string[];
}

/**
 * "Keahlian yang saya catat: Las SMAW, Operator Forklift. Belum saya kenali: nyanyi (tetap saya
 * simpan sebagai kata kunci). Benar?" What was not recognised is said, never silently dropped.
 */
export const skillsReadback: RenderHandler = (ctx) => {
  const skills = ctx.state.data.skills as ParsedSkillsAnswer | undefined;
  const names = skills?.names ?? [];
  const unknown = skills?.unknown ?? [];
  const lines = [
    names.length > 0 ? ctx.t('reg.skills.readback', { skills: names.join(', ') }) : ctx.t('reg.skills.readback-none'),
    ...(unknown.length > 0 ? [ctx.t('reg.skills.readback-unknown', { words: unknown.join(', ') })] : []),
    ctx.t('reg.skills.readback-confirm'),
  ];
  return Promise.resolve({
    text: lines.join('\n'),
    choices: [
      { id: 'yes', label: ctx.t('common.yes') },
      { id: 'no', label: ctx.t('common.no') },
    ],
  });
};

/** Saves the profile: a new seeker after registration, or one changed field when editing. */
export const saveRegistration: CompleteHandler = async (ctx) => {
  const changes = profileChanges(ctx.state.data, ctx.now.toISOString());
  if (ctx.seeker) {
    await ctx.store.seekers.update(ctx.seeker.id, (s) => merge(s, changes, ctx));
    return { replies: [{ text: ctx.t('profile.saved') }], then: 'menu' };
  }
  const at = ctx.now.toISOString();
  const draft: Seeker = {
    id: newId('skr'),
    identities: [ctx.identity],
    identityKeys: [identityKey(ctx.identity)],
    name: '',
    domicile: { kecamatan: '', ktpBekasi: false },
    education: { level: 'SMA' },
    skills: { ids: [], raw: '' },
    experience: { years: 0, text: '' },
    certifications: [],
    wantedPositions: [],
    wantedJobTypes: [],
    locale: ctx.locale,
    consent: { at: ctx.state.consentAt ?? at, version: CONSENT_VERSION },
    status: 'active',
    createdAt: at,
    updatedAt: at,
  };
  const seeker = await ctx.store.seekers.create(merge(draft, changes, ctx));
  await ctx.store.audit.record({ actor: `seeker:${seeker.id}`, action: 'seeker.register', target: { type: 'seeker', id: seeker.id } });
  return { replies: [{ text: ctx.t('reg.done', { name: seeker.name }) }], then: 'menu' };
};

type ProfileChanges = (s: Seeker) => Seeker;

/** Each answered field as a change to a profile; unanswered fields leave the profile as it is. */
function profileChanges(data: Readonly<Record<string, unknown>>, now: string): ProfileChanges[] {
  const has = (key: string) => key in data;
  const list = (key: string) => (Array.isArray(data[key]) ? (data[key] as string[]) : []);
  const changes: ProfileChanges[] = [];
  if (has('name')) changes.push((s) => ({ ...s, name: String(data.name) }));
  if (has('kecamatan')) changes.push((s) => ({ ...s, domicile: { ...s.domicile, kecamatan: String(data.kecamatan) } }));
  if (has('desa')) changes.push((s) => ({ ...s, domicile: withOptional(s.domicile, 'desa', data.desa) }));
  if (has('ktpBekasi')) changes.push((s) => ({ ...s, domicile: { ...s.domicile, ktpBekasi: data.ktpBekasi === true } }));
  if (has('education')) changes.push((s) => ({ ...s, education: { level: data.education as EducationLevel } }));
  if (has('major')) changes.push((s) => ({ ...s, education: withOptional(s.education, 'major', data.major) }));
  if (has('skills')) {
    const skills = data.skills as ParsedSkillsAnswer;
    changes.push((s) => ({ ...s, skills: { ids: skills.ids, raw: skills.raw } }));
  }
  if (has('experienceYears')) changes.push((s) => ({ ...s, experience: { ...s.experience, years: Number(data.experienceYears) } }));
  if (has('experienceText')) changes.push((s) => ({ ...s, experience: { ...s.experience, text: typeof data.experienceText === 'string' ? data.experienceText : '' } }));
  if (has('certifications')) changes.push((s) => ({ ...s, certifications: list('certifications') }));
  if (has('positions')) changes.push((s) => ({ ...s, wantedPositions: list('positions') }));
  if (has('jobTypes')) changes.push((s) => ({ ...s, wantedJobTypes: list('jobTypes') as EmploymentType[] }));
  if (has('salary')) changes.push((s) => withOptional(s, 'expectedSalary', data.salary));
  if (has('shift')) changes.push((s) => ({ ...s, shiftWilling: data.shift === true }));
  // A yes kept from before keeps its date: the consent was given then.
  if (has('sharing')) changes.push((s) => withOptional(s, 'sharingConsentAt', data.sharing === true ? (s.sharingConsentAt ?? now) : null));
  return changes;
}

function merge(seeker: Seeker, changes: readonly ProfileChanges[], ctx: TurnContext): Seeker {
  return changes.reduce((s, change) => change(s), { ...seeker, locale: ctx.locale });
}

/** Sets `key` to `value`, or removes it when the answer was skipped (null). */
function withOptional<T extends object>(target: T, key: string, value: unknown): T {
  const copy = { ...target } as Record<string, unknown>;
  if (value === null || value === undefined || value === '') delete copy[key];
  else copy[key] = value;
  return copy as T;
}
