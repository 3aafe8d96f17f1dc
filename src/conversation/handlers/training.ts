import type { TrainingProgramme } from '../../domain/index.js';
import { normalizeAnswer, readYesNo } from '../answer-words.js';
import type { InputHandler, RenderHandler, TurnContext } from '../handlers.js';
import type { Choice } from '../message.js';
import { programmeDetail, programmeLine, trainingInterestsLine } from '../training-text.js';

/*
 * The training flow: the skills that would open the most open vacancies near the person, each with
 * the open programmes teaching it (or, honestly, none), then one programme and its confirmation.
 * Registering interest enrols nobody: staff see the demand and may send news of the programme.
 */

/** Skills shown, and programmes under each: a chat message stays readable. */
const GAPS_SHOWN = 3;
const PROGRAMMES_PER_GAP = 3;
const REGISTER_CHOICE = 'register';
const NOT_NOW_CHOICE = 'not-now';
const REGISTER_WORDS: ReadonlySet<string> = new Set(['daftar', 'daftarkan', 'daftar minat', 'register', 'register interest']);
const NOT_NOW_WORDS: ReadonlySet<string> = new Set(['tidak sekarang', 'nanti', 'nanti saja', 'not now', 'later']);

export const trainingSuggestions: RenderHandler = async (ctx) => {
  const seeker = ctx.seeker;
  if (!seeker) return { text: ctx.t('profile.required') };
  const gaps = ctx.services.skillGaps(seeker, GAPS_SHOWN);
  const open = await ctx.store.trainingProgrammes.listOpen();
  const shown: TrainingProgramme[] = [];
  const lines: string[] = [];
  for (const gap of gaps) {
    lines.push(ctx.t('training.gap', { skill: ctx.services.skillNames([gap.skill], ctx.locale)[0] ?? gap.skill, count: gap.vacancies }));
    const teaching = open.filter((p) => p.skills.includes(gap.skill)).slice(0, PROGRAMMES_PER_GAP);
    if (teaching.length === 0) lines.push(ctx.t('training.no-programme'));
    for (const programme of teaching) {
      // A programme teaching two of the skills keeps its one number.
      if (!shown.includes(programme)) shown.push(programme);
      lines.push(programmeLine(ctx, programme, shown.indexOf(programme) + 1));
    }
  }
  ctx.state.data.shown = shown.map((p) => p.id);
  const interests = await trainingInterestsLine(ctx, seeker.id);
  const body = gaps.length === 0 ? [ctx.t('training.none')] : [ctx.t('training.header'), lines.join('\n'), ...(shown.length > 0 ? [ctx.t('training.pick')] : [])];
  const choices: Choice[] = shown.map((p, i) => ({ id: `p${i + 1}`, label: `${i + 1}. ${p.name}`.slice(0, 60) }));
  return { text: [...body, ...(interests ? [interests] : [])].join('\n\n'), ...(choices.length > 0 ? { choices } : {}) };
};

/** A number (as shown) or a pressed choice opens that programme; with none to pick, back to the menu. */
export const pickProgramme: InputHandler = (ctx, answer) => {
  const shown = (ctx.state.data.shown as string[] | undefined) ?? [];
  if (shown.length === 0) return Promise.resolve({ startFlow: 'menu' });
  const index = answer.choiceId?.startsWith('p') ? Number(answer.choiceId.slice(1)) - 1 : Number(normalizeAnswer(answer.text)) - 1;
  const programmeId = Number.isInteger(index) ? shown[index] : undefined;
  if (!programmeId) return Promise.resolve({ replies: [{ text: ctx.t('training.pick-hint', { max: shown.length }) }] });
  ctx.state.data.programmeId = programmeId;
  return Promise.resolve({ goto: 'confirm' });
};

export const trainingProgramme: RenderHandler = async (ctx) => {
  const programme = await openProgramme(ctx);
  if (!programme) return { text: ctx.t('training.closed') };
  return {
    text: `${programmeDetail(ctx, programme)}\n\n${ctx.t('training.confirm')}`,
    choices: [
      { id: REGISTER_CHOICE, label: ctx.t('training.register') },
      { id: NOT_NOW_CHOICE, label: ctx.t('training.not-now') },
    ],
  };
};

/** Registers the interest once; a second time says it is already there. "Not now" goes back to the list. */
export const registerInterest: InputHandler = async (ctx, answer) => {
  const text = normalizeAnswer(answer.text);
  const seeker = ctx.seeker;
  if (!seeker) return { replies: [{ text: ctx.t('profile.required') }], startFlow: 'registration' };
  if (answer.choiceId === NOT_NOW_CHOICE || NOT_NOW_WORDS.has(text) || (answer.choiceId === undefined && readYesNo(text) === false)) {
    return { replies: [{ text: ctx.t('training.not-registered') }], goto: 'suggestions' };
  }
  if (answer.choiceId !== REGISTER_CHOICE && !REGISTER_WORDS.has(text) && !(answer.choiceId === undefined && readYesNo(text) === true)) {
    return { replies: [{ text: ctx.t('training.confirm-hint') }] };
  }
  const programme = await openProgramme(ctx);
  if (!programme) return { replies: [{ text: ctx.t('training.closed') }], goto: 'suggestions' };
  const outcome = await ctx.store.trainingInterests.register(seeker.id, programme.id);
  const said = ctx.t(outcome === 'registered' ? 'training.registered' : 'training.already', { name: programme.name });
  // Honest about the way news travels: announcements, which this person may have turned off.
  const news = ctx.t(seeker.broadcastsOptedOutAt === undefined ? 'training.news' : 'training.news-opted-out');
  return { replies: [{ text: `${said}\n${news}` }], end: true };
};

/** The programme picked, if it is still there and open. */
async function openProgramme(ctx: TurnContext): Promise<TrainingProgramme | undefined> {
  const programme = await ctx.store.trainingProgrammes.get(String(ctx.state.data.programmeId));
  return programme?.status === 'open' ? programme : undefined;
}
