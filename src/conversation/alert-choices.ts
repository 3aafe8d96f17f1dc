/**
 * The choices an alert or broadcast carries, as stable ids that any channel sends back: a Telegram
 * button's callback data, the web page's button (sent back as text), or, on WhatsApp, the choice a
 * typed number stands for (remembered in the conversation state). They must work in whatever flow
 * the person is in, so they name what they act on: `alert:detail:<vacancyId>`,
 * `alert:apply:<vacancyId>`, `alert:report:<vacancyId>`, `alert:unsubscribe:<subscriptionId>`,
 * `broadcast:optout`, and the profile refresh's `refresh:seeking`, `refresh:working`,
 * `refresh:pause` (they act on the person's own profile). Store ids hold no `:` (idSchema), so the
 * id after the second colon is read back whole.
 */
export type AlertAction =
  | { readonly kind: 'detail'; readonly vacancyId: string }
  | { readonly kind: 'apply'; readonly vacancyId: string }
  | { readonly kind: 'report'; readonly vacancyId: string }
  | { readonly kind: 'unsubscribe'; readonly subscriptionId: string }
  | { readonly kind: 'broadcast-optout' }
  | { readonly kind: 'job-search'; readonly answer: JobSearchAnswer };

/** The profile refresh's answers: still looking, found work, no vacancy alerts for now. */
export const JOB_SEARCH_ANSWERS = ['seeking', 'working', 'pause'] as const;
export type JobSearchAnswer = (typeof JOB_SEARCH_ANSWERS)[number];

export const BROADCAST_OPTOUT_CHOICE = 'broadcast:optout';
const REFRESH_PREFIX = 'refresh:';

/** The choice id of an action; `parseAlertChoice` reads it back. */
export function alertChoiceId(action: AlertAction): string {
  switch (action.kind) {
    case 'detail':
      return `alert:detail:${action.vacancyId}`;
    case 'apply':
      return `alert:apply:${action.vacancyId}`;
    case 'report':
      return `alert:report:${action.vacancyId}`;
    case 'unsubscribe':
      return `alert:unsubscribe:${action.subscriptionId}`;
    case 'broadcast-optout':
      return BROADCAST_OPTOUT_CHOICE;
    case 'job-search':
      return `${REFRESH_PREFIX}${action.answer}`;
  }
}

/** Same characters as a store id (idSchema): anything else is not one of ours. */
const ALERT_CHOICE = /^alert:(detail|apply|report|unsubscribe):([A-Za-z0-9_.-]{1,64})$/;

/** The action a choice id stands for, or undefined when it is not an alert's. */
export function parseAlertChoice(id: string): AlertAction | undefined {
  const text = id.trim();
  if (text === BROADCAST_OPTOUT_CHOICE) return { kind: 'broadcast-optout' };
  const answer = JOB_SEARCH_ANSWERS.find((a) => text === `${REFRESH_PREFIX}${a}`);
  if (answer) return { kind: 'job-search', answer };
  const match = ALERT_CHOICE.exec(text);
  const [, verb, target] = match ?? [];
  if (target === undefined) return undefined;
  if (verb === 'unsubscribe') return { kind: 'unsubscribe', subscriptionId: target };
  if (verb === 'report') return { kind: 'report', vacancyId: target };
  return verb === 'apply' ? { kind: 'apply', vacancyId: target } : { kind: 'detail', vacancyId: target };
}
