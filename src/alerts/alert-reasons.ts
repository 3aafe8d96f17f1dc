import { employmentTypeChoices } from '../conversation/inputs.js';
import { matchExplanation } from '../conversation/match-explanation.js';
import type { Locale, Seeker, Subscription, Vacancy } from '../domain/index.js';
import type { Matcher, SubscriptionReason } from '../matching/index.js';

type Translate = (key: string, params?: Readonly<Record<string, string | number>>) => string;

/** Why one vacancy was sent to one subscription: a sentence, and the locale key that frames it in an alert. */
export interface AlertReason {
  /** The reasons joined into one line, without a lead-in ("" when the subscription has no filters). */
  readonly line: string;
  /** The lead-in key: the profile's own explanation, the subscription's filters, or "all jobs". */
  readonly key: 'alert.why.profile' | 'alert.why.subscription' | 'alert.why.any';
}

/**
 * The matcher's reasons for one alert. A subscription of a seeker is explained as their search
 * results are (that profile × this vacancy: skills they gave, distance, education, experience);
 * any other by the filters of the subscription the vacancy meets. Neither names a skill the person
 * did not give: the profile line names the seeker's own skills, the filter line their own keywords.
 */
export function alertReason(matcher: Matcher, subscription: Subscription, seeker: Seeker | undefined, vacancy: Vacancy, locale: Locale, t: Translate, now: Date): AlertReason {
  if (seeker) {
    const line = matchExplanation(matcher.explainMatch(seeker, vacancy, { now }), locale, t);
    if (line !== '') return { line, key: 'alert.why.profile' };
  }
  const parts = matcher.subscriptionReasons(subscription, vacancy, locale).map((reason) => reasonText(reason, t));
  return parts.length > 0 ? { line: parts.join(' · '), key: 'alert.why.subscription' } : { line: '', key: 'alert.why.any' };
}

/** The reason framed for a single alert, e.g. "💡 Sesuai langganan Anda: kata kunci forklift · di Cikarang Barat". */
export function framedReason(reason: AlertReason, t: Translate): string {
  return t(reason.key, { reasons: reason.line });
}

function reasonText(reason: SubscriptionReason, t: Translate): string {
  switch (reason.kind) {
    case 'keyword':
      return t('alert.why.keyword', { words: reason.words });
    case 'kecamatan':
      return t('alert.why.kecamatan', { kecamatan: reason.name });
    case 'job-type':
      return t('alert.why.job-type', { type: employmentTypeChoices((key) => t(key)).find((c) => c.id === reason.type)?.label ?? reason.type });
    case 'education':
      return t('alert.why.education', { required: reason.required });
  }
}
