import { randomBytes, randomUUID } from 'node:crypto';
import { DuplicateError, VacancyUnderReviewError } from '../errors/index.js';
import {
  adminTokenSchema,
  applicationSchema,
  auditEntrySchema,
  broadcastSchema,
  companySchema,
  deliverySchema,
  identityKey,
  outboxEventSchema,
  parse,
  reportSchema,
  reviewAllowsOpen,
  SECRET_BYTES,
  secretSchema,
  seekerSchema,
  subscriptionSchema,
  trainingInterestSchema,
  trainingProgrammeSchema,
  vacancySchema,
  type AdminToken,
  type Application,
  type AuditEntry,
  type Broadcast,
  type Company,
  type Channel,
  type ChannelIdentity,
  type Delivery,
  type OutboxEvent,
  type Report,
  type Secret,
  type Seeker,
  type Subscription,
  type TrainingInterest,
  type TrainingProgramme,
  type Vacancy,
} from '../domain/index.js';
import type { Filter } from './backend.js';
import { COLLECTIONS } from './collections.js';
import { Repository, type RepositoryContext } from './repository.js';

let sequence = 0;

/**
 * A new id with a readable prefix that sorts by creation time (milliseconds, then a per-process
 * sequence), followed by random characters so ids from different processes never clash.
 */
export function newId(prefix: string): string {
  sequence = (sequence + 1) % 36 ** 4;
  const time = Date.now().toString(36).padStart(9, '0');
  return `${prefix}-${time}${sequence.toString(36).padStart(4, '0')}${randomUUID().replace(/-/g, '').slice(0, 8)}`;
}

export class SeekerRepository extends Repository<Seeker> {
  constructor(context: RepositoryContext) {
    super(context, COLLECTIONS.seekers, seekerSchema, 'seeker');
  }

  async findByIdentity(identity: ChannelIdentity): Promise<Seeker | undefined> {
    const [seeker] = await this.find({ identityKeys: identityKey(identity) }, { limit: 1 });
    return seeker;
  }
}

export class VacancyRepository extends Repository<Vacancy> {
  constructor(context: RepositoryContext) {
    super(context, COLLECTIONS.vacancies, vacancySchema, 'vacancy');
  }

  listOpen(): AsyncGenerator<Vacancy> {
    return this.scan({ status: 'open' });
  }

  listByCompany(companyId: string, filter: Filter = {}): Promise<Vacancy[]> {
    return this.find({ ...filter, 'company.id': companyId });
  }

  /**
   * Opens a vacancy and writes its "vacancy opened" outbox event in the same atomic write, so an
   * alert is never lost and never announced for a vacancy that was not stored. Versioned like
   * update(): an edit that lands between the read and the write is kept, not overwritten (the
   * batch aborts, and it reads again).
   */
  async open(id: string): Promise<{ vacancy: Vacancy; event: OutboxEvent }> {
    const opened = await this.retryingConflicts(id, async () => {
      const { doc: current, rev } = await this.requireVersioned(id);
      // The review is read in the same versioned write: an approval or a new flag that lands in between aborts it.
      if (!reviewAllowsOpen(current.review)) throw new VacancyUnderReviewError(id, current.review?.state ?? 'pending', current.review?.reasons ?? []);
      const at = this.context.now().toISOString();
      const vacancy = this.prepareUpdate({ ...current, status: 'open', openedAt: current.openedAt ?? at }, id);
      const event = outboxEventSchema.parse({ id: newId('evt'), type: 'vacancy-opened', subjectId: id, createdAt: at });
      await this.context.backend.commit([this.replaceOp(vacancy, rev), { kind: 'insert', collection: COLLECTIONS.outbox, doc: event }]);
      return { vacancy, event };
    });
    this.changed('upsert', id);
    return opened;
  }
}

export class CompanyRepository extends Repository<Company> {
  constructor(context: RepositoryContext) {
    super(context, COLLECTIONS.companies, companySchema, 'company');
  }
}

export class TrainingProgrammeRepository extends Repository<TrainingProgramme> {
  constructor(context: RepositoryContext) {
    super(context, COLLECTIONS.trainingProgrammes, trainingProgrammeSchema, 'training-programme');
  }

  listOpen(): Promise<TrainingProgramme[]> {
    return this.find({ status: 'open' }, { limit: 10_000 });
  }
}

/** What registering an interest did: stored it, or found it already there (one per seeker and programme). */
export type InterestOutcome = 'registered' | 'already';

export class TrainingInterestRepository extends Repository<TrainingInterest> {
  constructor(context: RepositoryContext) {
    super(context, COLLECTIONS.trainingInterests, trainingInterestSchema, 'training-interest');
  }

  listBySeeker(seekerId: string): Promise<TrainingInterest[]> {
    return this.find({ seekerId }, { sortBy: 'createdAt', limit: 10_000 });
  }

  listByProgramme(programmeId: string): AsyncGenerator<TrainingInterest> {
    return this.scan({ programmeId });
  }

  /** Records the interest once; a second registration (a double tap, two devices) is `already`, not an error. */
  async register(seekerId: string, programmeId: string): Promise<InterestOutcome> {
    try {
      await this.create({ id: newId('tri'), seekerId, programmeId, createdAt: this.context.now().toISOString() });
      return 'registered';
    } catch (error) {
      if (error instanceof DuplicateError) return 'already';
      throw error;
    }
  }
}

export class SubscriptionRepository extends Repository<Subscription> {
  constructor(context: RepositoryContext) {
    super(context, COLLECTIONS.subscriptions, subscriptionSchema, 'subscription');
  }

  listBySubscriber(identity: ChannelIdentity): Promise<Subscription[]> {
    return this.find({ subscriberKey: identityKey(identity) });
  }

  listByChannel(channel: Channel, onlyActive = true): AsyncGenerator<Subscription> {
    return this.scan({ 'subscriber.channel': channel, ...(onlyActive ? { active: true } : {}) });
  }

  listActive(): AsyncGenerator<Subscription> {
    return this.scan({ active: true });
  }
}

export class ApplicationRepository extends Repository<Application> {
  constructor(context: RepositoryContext) {
    super(context, COLLECTIONS.applications, applicationSchema, 'application');
  }

  listBySeeker(seekerId: string): Promise<Application[]> {
    return this.find({ seekerId }, { sortBy: 'id' });
  }

  listByVacancy(vacancyId: string): Promise<Application[]> {
    return this.find({ vacancyId });
  }

  /**
   * Moves an application to `status` (with an optional note) and writes its
   * "application-status-changed" outbox event, naming the new history entry, in the same atomic
   * write, so the applicant is told of every change exactly once and never of one that was not
   * stored. Versioned like update(). `change` may refuse (throw) after reading the current record;
   * returning undefined means "nothing to change" (no event).
   */
  async changeStatus(
    id: string,
    change: (current: Application) => { status: Application['status']; note?: string } | undefined,
  ): Promise<{ application: Application; event: OutboxEvent | undefined }> {
    const changed = await this.retryingConflicts(id, async () => {
      const { doc: current, rev } = await this.requireVersioned(id);
      const next = change(current);
      if (!next) return { application: current, event: undefined };
      const at = this.context.now().toISOString();
      const entry = { status: next.status, at, ...(next.note ? { note: next.note } : {}) };
      const application = this.prepareUpdate({ ...current, status: next.status, history: [...current.history, entry] }, id);
      const event = outboxEventSchema.parse({ id: newId('evt'), type: 'application-status-changed', subjectId: id, step: application.history.length - 1, createdAt: at });
      await this.context.backend.commit([this.replaceOp(application, rev), { kind: 'insert', collection: COLLECTIONS.outbox, doc: event }]);
      return { application, event };
    });
    if (changed.event) this.changed('upsert', id);
    return changed;
  }
}

export class ReportRepository extends Repository<Report> {
  constructor(context: RepositoryContext) {
    super(context, COLLECTIONS.reports, reportSchema, 'report');
  }

  /** Every report the person on `identity` made (while it still names them). */
  listByReporter(identity: ChannelIdentity): Promise<Report[]> {
    return this.find({ reporterKey: identityKey(identity) }, { sortBy: 'id' });
  }

  /**
   * Resolves an open report and writes its "report-resolved" outbox event in the same atomic
   * write, so the reporter is told exactly once, and never of a resolution that was not stored.
   * `change` may refuse (throw) after reading the current record; `resolvedAt` is stamped here.
   * Versioned like update().
   */
  async resolve(id: string, change: (current: Report) => Omit<NonNullable<Report['resolution']>, 'resolvedAt'>): Promise<{ report: Report; event: OutboxEvent }> {
    const resolved = await this.retryingConflicts(id, async () => {
      const { doc: current, rev } = await this.requireVersioned(id);
      const at = this.context.now().toISOString();
      const report = this.prepareUpdate({ ...current, status: 'resolved', resolution: { ...change(current), resolvedAt: at } }, id);
      const event = outboxEventSchema.parse({ id: newId('evt'), type: 'report-resolved', subjectId: id, createdAt: at });
      await this.context.backend.commit([this.replaceOp(report, rev), { kind: 'insert', collection: COLLECTIONS.outbox, doc: event }]);
      return { report, event };
    });
    this.changed('upsert', id);
    return resolved;
  }

  /** Drops what names the reporter or what they wrote; the report stays as an anonymous record. */
  anonymise(id: string): Promise<Report> {
    return this.update(id, ({ reporter: _reporter, reporterKey: _key, text: _text, transcript: _transcript, ...rest }) => rest);
  }
}

export class DeliveryRepository extends Repository<Delivery> {
  constructor(context: RepositoryContext) {
    super(context, COLLECTIONS.deliveries, deliverySchema, 'delivery');
  }

  listBySource(sourceId: string): AsyncGenerator<Delivery> {
    return this.scan({ sourceId });
  }

  async findOne(sourceId: string, recipient: string): Promise<Delivery | undefined> {
    const [delivery] = await this.find({ sourceId, recipient }, { limit: 1 });
    return delivery;
  }
}

export class BroadcastRepository extends Repository<Broadcast> {
  constructor(context: RepositoryContext) {
    super(context, COLLECTIONS.broadcasts, broadcastSchema, 'broadcast');
  }

  /** Stores a queued broadcast with its "broadcast created" outbox event in one atomic write. */
  async createQueued(input: unknown): Promise<{ broadcast: Broadcast; event: OutboxEvent }> {
    const broadcast = this.validate(input);
    const event = outboxEventSchema.parse({
      id: newId('evt'),
      type: 'broadcast-created',
      subjectId: broadcast.id,
      createdAt: this.context.now().toISOString(),
    });
    await this.context.backend.commit([this.insertOp(broadcast), { kind: 'insert', collection: COLLECTIONS.outbox, doc: event }]);
    this.changed('upsert', broadcast.id);
    return { broadcast, event };
  }
}

export class AdminTokenRepository extends Repository<AdminToken> {
  constructor(context: RepositoryContext) {
    super(context, COLLECTIONS.adminTokens, adminTokenSchema, 'admin-token');
  }

  async findByHash(tokenHash: string): Promise<AdminToken | undefined> {
    const [token] = await this.find({ tokenHash }, { limit: 1 });
    return token;
  }
}

export class AuditRepository extends Repository<AuditEntry> {
  constructor(context: RepositoryContext) {
    super(context, COLLECTIONS.audit, auditEntrySchema, 'audit-entry');
  }

  record(entry: Omit<AuditEntry, 'id' | 'at'>): Promise<AuditEntry> {
    return this.create({ ...entry, id: newId('aud'), at: this.context.now().toISOString() });
  }

  listForTarget(type: string, id: string): Promise<AuditEntry[]> {
    return this.find({ 'target.type': type, 'target.id': id }, { sortBy: 'at' });
  }
}

export class OutboxRepository extends Repository<OutboxEvent> {
  constructor(context: RepositoryContext) {
    super(context, COLLECTIONS.outbox, outboxEventSchema, 'outbox-event');
  }

  pending(limit = 100): Promise<OutboxEvent[]> {
    return this.find({ processedAt: null }, { sortBy: 'createdAt', limit });
  }

  markProcessed(id: string): Promise<OutboxEvent> {
    return this.update(id, (event) => ({ ...event, processedAt: this.context.now().toISOString() }));
  }
}

/** Durable random keys shared by every process on the store, one per name. */
export class SecretRepository extends Repository<Secret> {
  constructor(context: RepositoryContext) {
    super(context, COLLECTIONS.secrets, secretSchema, 'secret');
  }

  /**
   * The SECRET_BYTES-byte secret called `name` (letters, digits, `_ . -`), made the first time
   * anyone asks. Safe when several processes ask at once: one insert wins, and the others read
   * and return the winner's, so everybody ends up with the same bytes.
   */
  async getOrCreate(name: string): Promise<Buffer> {
    const id = parse(secretSchema.shape.id, name, 'secret name');
    const existing = await this.get(id);
    if (existing) return decode(this.validate(existing));
    try {
      const created = await this.create({ id, value: randomBytes(SECRET_BYTES).toString('base64'), createdAt: this.context.now().toISOString() });
      return decode(created);
    } catch (error) {
      if (!(error instanceof DuplicateError)) throw error;
      return decode(this.validate(await this.require(id)));
    }
  }
}

function decode(secret: Secret): Buffer {
  return Buffer.from(secret.value, 'base64');
}
