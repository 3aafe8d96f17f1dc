import { normalizeAnswer } from '../answer-words.js';
import type { InputHandler, RenderHandler } from '../handlers.js';
import { formatNumber, formatRupiah } from '../i18n.js';
import { findChoice } from '../inputs.js';
import { trainingInterestsLine } from '../training-text.js';

/** Fields a person can change one at a time, and the registration step that asks for each. */
const EDITABLE: readonly { id: string; step: string; label: string }[] = [
  { id: 'name', step: 'name', label: 'profile.field.name' },
  { id: 'kecamatan', step: 'kecamatan', label: 'profile.field.kecamatan' },
  { id: 'ktp', step: 'ktp', label: 'profile.field.ktp' },
  { id: 'education', step: 'education', label: 'profile.field.education' },
  { id: 'skills', step: 'skills', label: 'profile.field.skills' },
  { id: 'experience', step: 'experience-years', label: 'profile.field.experience' },
  { id: 'certifications', step: 'certifications', label: 'profile.field.certifications' },
  // The expected pay is asked with the job types: ten choices at most fit every channel.
  { id: 'jobtypes', step: 'job-types', label: 'profile.edit.job-types' },
  { id: 'shift', step: 'shift', label: 'profile.field.shift' },
  { id: 'sharing', step: 'sharing', label: 'profile.field.sharing' },
];

export const profileView: RenderHandler = async (ctx) => {
  const s = ctx.seeker;
  if (!s) return { text: ctx.t('profile.required') };
  const interests = await trainingInterestsLine(ctx, s.id);
  const none = ctx.t('profile.none');
  const lines = [
    ctx.t('profile.header'),
    `${ctx.t('profile.field.name')}: ${s.name}`,
    `${ctx.t('profile.field.kecamatan')}: ${s.domicile.kecamatan}${s.domicile.desa ? `, ${s.domicile.desa}` : ''}`,
    `${ctx.t('profile.field.ktp')}: ${ctx.t(s.domicile.ktpBekasi ? 'common.yes' : 'common.no')}`,
    `${ctx.t('profile.field.education')}: ${s.education.level}${s.education.major ? ` ${s.education.major}` : ''}`,
    `${ctx.t('profile.field.skills')}: ${ctx.services.skillNames(s.skills.ids, ctx.locale).join(', ') || none}`,
    `${ctx.t('profile.field.experience')}: ${ctx.t('profile.years', { n: formatNumber(s.experience.years, ctx.locale) })}`,
    `${ctx.t('profile.field.positions')}: ${s.wantedPositions.join(', ') || none}`,
    `${ctx.t('profile.field.certifications')}: ${s.certifications.join(', ') || none}`,
    `${ctx.t('profile.field.job-types')}: ${s.wantedJobTypes.join(', ') || none}`,
    `${ctx.t('profile.field.salary')}: ${s.expectedSalary !== undefined ? formatRupiah(s.expectedSalary) : none}`,
    `${ctx.t('profile.field.shift')}: ${s.shiftWilling === undefined ? none : ctx.t(s.shiftWilling ? 'common.yes' : 'common.no')}`,
    `${ctx.t('profile.field.sharing')}: ${ctx.t(s.sharingConsentAt !== undefined ? 'common.yes' : 'common.no')}`,
    ...(interests ? [interests] : []),
    '',
    ctx.t('profile.edit-hint'),
  ];
  return { text: lines.join('\n'), choices: EDITABLE.map((f) => ({ id: f.id, label: ctx.t(f.label) })) };
};

/** Opens the registration step of the chosen field; the flow ends after that one answer. */
export const profileEdit: InputHandler = (ctx, answer) => {
  const choices = EDITABLE.map((f) => ({ id: f.id, label: ctx.t(f.label) }));
  const picked = findChoice(answer.choiceId ?? normalizeAnswer(answer.text), choices);
  const field = EDITABLE.find((f) => f.id === picked?.id);
  if (!field) return Promise.resolve({ replies: [{ text: ctx.t('error.choice', { max: EDITABLE.length }) }] });
  return Promise.resolve({ startFlow: { flow: 'registration', step: field.step, single: true } });
};
