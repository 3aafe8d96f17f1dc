import { alertChoiceId, BROADCAST_OPTOUT_CHOICE, JOB_SEARCH_ANSWERS } from '../conversation/alert-choices.js';
import { formatDate, type Locales, type Params } from '../conversation/i18n.js';
import { MAX_CHOICES, type Choice, type Outbound } from '../conversation/message.js';
import { isOpenAt, salaryText, trustText, type VerifiedCompanyLookup } from '../conversation/vacancy-text.js';
import { confirmedSince, DEFAULT_REFRESH_PERIODS, jobSearchOf, type Locale, type Seeker, type Subscription, type Vacancy } from '../domain/index.js';
import type { Matcher } from '../matching/index.js';
import type { Store } from '../store/index.js';
import type { AlertContent, Recipient } from './alert-content.js';
import { alertReason, framedReason } from './alert-reasons.js';
import { profileRefreshSourceId, type ApplicationStatusJob, type BroadcastJob, type DigestJob, type ProfileRefreshJob, type ReportOutcomeJob, type SendJobData, type VacancyAlertJob } from './send-job.js';

export interface AlertMessagesOptions {
  /** Where vacancies, subscriptions, seekers and broadcasts are read, fresh for every message. */
  readonly store: Store;
  /** The service's matcher: its dictionary and kecamatan table explain each match (pure calls, no index lookups). */
  readonly matcher: Matcher;
  /** The texts, from `locales/`. */
  readonly locales: Locales;
  /** Which companies the office verified (the match index's set): each vacancy says whether its company is. */
  readonly verifiedCompanies: VerifiedCompanyLookup;
  /** Days the refresh question says an answer may take before alerts are paused. Default: DEFAULT_REFRESH_PERIODS.graceDays. */
  readonly refreshGraceDays?: number;
  /** Clock for "still open" and for the deadline reasons. Default: the system clock. */
  readonly now?: () => Date;
}

/**
 * A digest shows one button per vacancy and then "Berhenti langganan", within the ten choices a
 * message may carry (no room for "Laporkan": a vacancy is reported from its detail, one tap away). Its numbered list and its buttons must agree (on WhatsApp the buttons are
 * that list's numbers), so a tenth vacancy is counted in a closing line rather than listed.
 */
const DIGEST_SHOWN = MAX_CHOICES - 1;
const LABEL_LENGTH = 60;

type Translate = (key: string, params?: Params) => string;

/**
 * What a send job says, rendered when it is sent, in the recipient's language, from what the store
 * holds at that moment: a vacancy that closed, a digest none of whose vacancies is still open, a
 * broadcast that was cancelled, or a subscription switched off since the job was queued, say
 * nothing (undefined). Choice ids are those of conversation/alert-choices.ts, which the
 * conversation engine acts on in whatever flow the person is in.
 */
export class AlertMessages implements AlertContent {
  private readonly now: () => Date;

  constructor(private readonly options: AlertMessagesOptions) {
    this.now = options.now ?? (() => new Date());
  }

  render(job: SendJobData, recipient: Recipient): Promise<Outbound | undefined> {
    const t: Translate = (key, params) => this.options.locales.t(recipient.locale, key, params);
    switch (job.kind) {
      case 'vacancy-alert':
        return this.vacancyAlert(job, recipient.locale, t);
      case 'digest':
        return this.digest(job, recipient.locale, t);
      case 'broadcast':
        return this.broadcast(job, recipient.locale, t);
      case 'application-status':
        return this.applicationStatus(job, t);
      case 'profile-refresh':
        return this.profileRefresh(job, t);
      case 'report-outcome':
        return this.reportOutcome(job, t);
    }
  }

  private async vacancyAlert(job: VacancyAlertJob, locale: Locale, t: Translate): Promise<Outbound | undefined> {
    const now = this.now();
    const [vacancy, subscription] = await Promise.all([this.options.store.vacancies.get(job.vacancyId), this.activeSubscription(job.subscriptionId)]);
    if (!vacancy || !subscription || !isOpenAt(vacancy, now)) return undefined;
    const reason = alertReason(this.options.matcher, subscription, await this.seekerOf(subscription), vacancy, locale, t, now);
    const lines = [
      t('alert.vacancy.header'),
      '',
      `*${vacancy.title}*`,
      vacancy.company.name,
      this.trust(vacancy, t, 'line'),
      `📍 ${vacancy.kecamatan}${vacancy.estate ? ` · ${vacancy.estate}` : ''}`,
      `${t('vacancy.salary')}: ${salaryText(vacancy, t)}`,
      ...(vacancy.deadline ? [`${t('vacancy.deadline')}: ${formatDate(vacancy.deadline, locale)}`] : []),
      '',
      framedReason(reason, t),
      '',
      t('vacancy.free'),
    ];
    const choices: Choice[] = [
      { id: alertChoiceId({ kind: 'detail', vacancyId: vacancy.id }), label: t('alert.detail') },
      { id: alertChoiceId({ kind: 'apply', vacancyId: vacancy.id }), label: t('alert.apply') },
      { id: alertChoiceId({ kind: 'unsubscribe', subscriptionId: subscription.id }), label: t('alert.unsubscribe') },
      { id: alertChoiceId({ kind: 'report', vacancyId: vacancy.id }), label: t('vacancy.report') },
    ];
    return { text: lines.join('\n'), choices };
  }

  private async digest(job: DigestJob, locale: Locale, t: Translate): Promise<Outbound | undefined> {
    const now = this.now();
    const subscription = await this.activeSubscription(job.subscriptionId);
    if (!subscription) return undefined;
    const found = await Promise.all(job.vacancyIds.map((id) => this.options.store.vacancies.get(id)));
    const open = found.filter((v): v is Vacancy => v !== undefined && isOpenAt(v, now));
    if (open.length === 0) return undefined;
    const seeker = await this.seekerOf(subscription);
    const shown = open.slice(0, DIGEST_SHOWN);
    const items = shown.map((vacancy, i) => {
      const { line } = alertReason(this.options.matcher, subscription, seeker, vacancy, locale, t, now);
      return `${i + 1}. *${vacancy.title}* — ${vacancy.company.name} ${this.trust(vacancy, t, 'mark')} (${vacancy.kecamatan})${line ? `\n   ${line}` : ''}`;
    });
    const hidden = open.length - shown.length;
    const more = hidden > 0 ? ['', t(seeker ? 'alert.digest.more-search' : 'alert.digest.more', { n: hidden })] : [];
    const choices: Choice[] = [
      ...shown.map((vacancy, i) => ({ id: alertChoiceId({ kind: 'detail', vacancyId: vacancy.id }), label: `${i + 1}. ${vacancy.title}`.slice(0, LABEL_LENGTH) })),
      { id: alertChoiceId({ kind: 'unsubscribe', subscriptionId: subscription.id }), label: t('alert.unsubscribe') },
    ];
    return { text: [t('alert.digest.header'), '', items.join('\n'), ...more, '', t('alert.digest.footer'), '', t('vacancy.free')].join('\n'), choices };
  }

  private async broadcast(job: BroadcastJob, locale: Locale, t: Translate): Promise<Outbound | undefined> {
    const [broadcast, seeker] = await Promise.all([this.options.store.broadcasts.get(job.broadcastId), this.options.store.seekers.get(job.seekerId)]);
    if (!broadcast || broadcast.status === 'cancelled') return undefined;
    // The send side skips opted-out seekers before rendering; read fresh here too, so an opt-out
    // that lands between that check and this render still stops the message.
    if (!seeker || seeker.broadcastsOptedOutAt !== undefined) return undefined;
    const body = (locale === 'en' ? broadcast.body.en : undefined) ?? broadcast.body.id;
    return {
      text: [t('alert.broadcast.header'), '', `*${broadcast.title}*`, '', body, '', t('alert.broadcast.footer')].join('\n'),
      choices: [{ id: BROADCAST_OPTOUT_CHOICE, label: t('alert.broadcast.opt-out') }],
    };
  }

  /** What the company or the office decided, with their note; nothing once the application is anonymous (erased). */
  private async applicationStatus(job: ApplicationStatusJob, t: Translate): Promise<Outbound | undefined> {
    const application = await this.options.store.applications.get(job.applicationId);
    const entry = application?.history[job.step];
    if (!application?.seekerId || !entry) return undefined;
    const vacancy = await this.options.store.vacancies.get(application.vacancyId);
    const lines = [
      t('alert.application.header'),
      '',
      `*${vacancy?.title ?? '—'}*`,
      ...(vacancy ? [vacancy.company.name] : []),
      `${t('alert.application.status')}: ${t(`applications.status.${entry.status}`)}`,
      ...(entry.note ? ['', t('alert.application.note', { note: entry.note })] : []),
      '',
      t('alert.application.footer'),
    ];
    return { text: lines.join('\n') };
  }

  /** Whether the person still looks for work, with the three answers; nothing once they answered this cycle (another way) or were erased. */
  private async profileRefresh(job: ProfileRefreshJob, t: Translate): Promise<Outbound | undefined> {
    const seeker = await this.options.store.seekers.get(job.seekerId);
    if (!seeker || jobSearchOf(seeker).state !== 'active' || profileRefreshSourceId(seeker.id, confirmedSince(seeker)) !== job.sourceId) return undefined;
    return {
      text: t('refresh.question', { name: seeker.name, days: this.options.refreshGraceDays ?? DEFAULT_REFRESH_PERIODS.graceDays }),
      choices: JOB_SEARCH_ANSWERS.map((answer) => ({ id: alertChoiceId({ kind: 'job-search', answer }), label: t(`job-search.answer.${answer}`) })),
    };
  }

  /** What the staff concluded about the person's report, with their note; nothing once the reporter erased their data. */
  private async reportOutcome(job: ReportOutcomeJob, t: Translate): Promise<Outbound | undefined> {
    const report = await this.options.store.reports.get(job.reportId);
    if (!report?.reporter || !report.resolution) return undefined;
    const vacancy = await this.options.store.vacancies.get(report.vacancyId);
    const { outcome, note } = report.resolution;
    const lines = [
      t('alert.report.header'),
      '',
      `*${vacancy?.title ?? '—'}*`,
      ...(vacancy ? [vacancy.company.name] : []),
      '',
      t(`alert.report.outcome.${outcome}`),
      ...(note ? [t('alert.report.note', { note })] : []),
      '',
      t('alert.report.footer'),
      t('vacancy.free'),
    ];
    return { text: lines.join('\n') };
  }

  private trust(vacancy: Vacancy, t: Translate, form: 'line' | 'mark'): string {
    return trustText(this.options.verifiedCompanies.has(vacancy.company.id), t, form);
  }

  private async activeSubscription(id: string): Promise<Subscription | undefined> {
    const subscription = await this.options.store.subscriptions.get(id);
    return subscription?.active ? subscription : undefined;
  }

  private async seekerOf(subscription: Subscription): Promise<Seeker | undefined> {
    return subscription.seekerId === undefined ? undefined : this.options.store.seekers.get(subscription.seekerId);
  }
}
