import { LokerError } from '../errors/index.js';
import type { DocumentBackend } from './backend.js';
import type { ChangeListener, StoreChange } from './repository.js';
import {
  AdminTokenRepository,
  ApplicationRepository,
  AuditRepository,
  BroadcastRepository,
  CompanyRepository,
  DeliveryRepository,
  OutboxRepository,
  ReportRepository,
  SecretRepository,
  SeekerRepository,
  SubscriptionRepository,
  TrainingInterestRepository,
  TrainingProgrammeRepository,
  VacancyRepository,
} from './repositories.js';

export interface StoreOptions {
  /** Clock for timestamps. Default: the system clock. */
  readonly now?: () => Date;
  /** Told when a change listener throws; the write itself has already succeeded. Default: a process warning. */
  readonly onListenerError?: (error: unknown) => void;
  /**
   * How many times `update()` (and `vacancies.open()`) reads, applies and writes a record while
   * other writers keep changing it, before giving up with ConflictError. Default: 5.
   */
  readonly writeAttempts?: number;
}

export const DEFAULT_WRITE_ATTEMPTS = 5;

/** The repositories over one backend, plus a way to hear about every change made through them. */
export class Store {
  readonly seekers: SeekerRepository;
  readonly vacancies: VacancyRepository;
  readonly companies: CompanyRepository;
  readonly subscriptions: SubscriptionRepository;
  readonly applications: ApplicationRepository;
  readonly reports: ReportRepository;
  readonly deliveries: DeliveryRepository;
  readonly broadcasts: BroadcastRepository;
  readonly adminTokens: AdminTokenRepository;
  readonly audit: AuditRepository;
  readonly outbox: OutboxRepository;
  readonly secrets: SecretRepository;
  readonly trainingProgrammes: TrainingProgrammeRepository;
  readonly trainingInterests: TrainingInterestRepository;
  private readonly listeners = new Set<ChangeListener>();
  private readonly onListenerError: (error: unknown) => void;

  constructor(
    private readonly backend: DocumentBackend,
    options: StoreOptions = {},
  ) {
    this.onListenerError = options.onListenerError ?? ((error) => process.emitWarning(String(error)));
    const writeAttempts = options.writeAttempts ?? DEFAULT_WRITE_ATTEMPTS;
    if (!Number.isInteger(writeAttempts) || writeAttempts < 1) {
      throw new LokerError('loker:store-misuse', `writeAttempts must be a whole number of at least 1, not ${writeAttempts}`);
    }
    const context = { backend, emit: (change: StoreChange) => this.emit(change), now: options.now ?? (() => new Date()), writeAttempts };
    this.seekers = new SeekerRepository(context);
    this.vacancies = new VacancyRepository(context);
    this.companies = new CompanyRepository(context);
    this.subscriptions = new SubscriptionRepository(context);
    this.applications = new ApplicationRepository(context);
    this.reports = new ReportRepository(context);
    this.deliveries = new DeliveryRepository(context);
    this.broadcasts = new BroadcastRepository(context);
    this.adminTokens = new AdminTokenRepository(context);
    this.audit = new AuditRepository(context);
    this.outbox = new OutboxRepository(context);
    this.secrets = new SecretRepository(context);
    this.trainingProgrammes = new TrainingProgrammeRepository(context);
    this.trainingInterests = new TrainingInterestRepository(context);
  }

  get kind(): DocumentBackend['kind'] {
    return this.backend.kind;
  }

  /** Calls `listener` after every write made through this store. Returns an unsubscribe function. */
  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Pushes the bytes of erased records out of the files that may still hold them (SQLite's
   * write-ahead log); a no-op on MongoDB (see MongoBackend.compact). Call after erasures.
   */
  compact(): Promise<void> {
    return this.backend.compact();
  }

  ping(): Promise<void> {
    return this.backend.ping();
  }

  close(): Promise<void> {
    return this.backend.close();
  }

  private emit(change: StoreChange): void {
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }
}
