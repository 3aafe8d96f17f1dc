import path from 'node:path';
import type { Logger } from '../runtime/logger.js';
import type { RedisClient } from '../runtime/redis-client.js';
import type { Store } from '../store/index.js';
import { ConversationEngine, type ConversationEngineOptions } from './engine.js';
import { loadFlows } from './flow-loader.js';
import { handlerIds } from './handlers.js';
import { FLOW_HANDLERS } from './handlers/index.js';
import { Locales, type LocalesOptions } from './i18n.js';
import type { ConversationServices } from './services.js';
import { ConversationStateStore, type ConversationStateStoreOptions } from './state-store.js';

export { ConversationEngine } from './engine.js';
export { FlowDefinitionError, loadFlows } from './flow-loader.js';
export { Locales, formatDate, formatRupiah, type LocalesOptions } from './i18n.js';
export { ConversationStateStore, ConversationBusyError, ConversationLockLostError } from './state-store.js';
export { FLOW_HANDLERS } from './handlers/index.js';
export { alertChoiceId, parseAlertChoice, BROADCAST_OPTOUT_CHOICE, type AlertAction } from './alert-choices.js';
export type { AlertKind, AlertRecord } from './alert-record.js';
export type { ConversationServices, ParsedSkills, VacancyHit } from './services.js';
export * from './message.js';

export interface ConversationSetup {
  /** Directory holding `flows/` and `locales/`. */
  readonly root: string;
  readonly redis: RedisClient;
  readonly store: Store;
  readonly services: ConversationServices;
  readonly logger: Logger;
  /** Redis state options; `keySecret` (the pseudonymising key, shared by every process) is required. */
  readonly state: ConversationStateStoreOptions;
  readonly engine?: Pick<ConversationEngineOptions, 'idleTimeoutMs' | 'maxMessageLength' | 'maxRetries' | 'now' | 'onForget'>;
  /** A locale key the files lack (LocalesOptions). Default: the fallback text, and one warning per key in the log; tests pass `{ onMissing: 'throw' }`. */
  readonly locales?: LocalesOptions;
}

/** Loads and checks the flows and locales, and builds the engine over Redis state. Throws FlowDefinitionError with file:line. */
export function createConversationEngine(setup: ConversationSetup): ConversationEngine {
  const locales = Locales.load(path.join(setup.root, 'locales'), {
    onMissingKey: (locale, key) => setup.logger.warn({ locale, key }, 'locale key missing: showing the fallback text'),
    ...setup.locales,
  });
  const flows = loadFlows({ dir: path.join(setup.root, 'flows'), locales, handlerIds: handlerIds(FLOW_HANDLERS) });
  return new ConversationEngine({
    flows,
    handlers: FLOW_HANDLERS,
    locales,
    states: new ConversationStateStore(setup.redis, setup.state),
    store: setup.store,
    services: setup.services,
    logger: setup.logger,
    ...setup.engine,
  });
}
