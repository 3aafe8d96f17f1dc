import path from 'node:path';
import type { Logger } from '../runtime/logger.js';
import type { RedisClient } from '../runtime/redis-client.js';
import type { Store } from '../store/index.js';
import { ConversationEngine, type ConversationEngineOptions } from './engine.js';
import { loadFlows } from './flow-loader.js';
import { handlerIds } from './handlers.js';
import { FLOW_HANDLERS } from './handlers/index.js';
import type { Locales } from './i18n.js';
import type { ConversationServices } from './services.js';
import { ConversationStateStore, type ConversationStateStoreOptions } from './state-store.js';

export { ConversationEngine } from './engine.js';
export { FlowDefinitionError, loadFlows } from './flow-loader.js';
export { Locales, formatDate, formatRupiah, type LocalesOptions } from './i18n.js';
export { matchExplanation } from './match-explanation.js';
export { ConversationStateStore, ConversationBusyError, ConversationLockLostError, type ConversationStateStoreOptions } from './state-store.js';
export { FLOW_HANDLERS } from './handlers/index.js';
export { alertChoiceId, parseAlertChoice, BROADCAST_OPTOUT_CHOICE, type AlertAction } from './alert-choices.js';
export type { AlertKind, AlertRecord } from './alert-record.js';
export type { ConversationServices, ParsedSkills, SkillGapHit, VacancyHit } from './services.js';
export * from './message.js';

export interface ConversationSetup {
  /** Directory holding `flows/`. */
  readonly root: string;
  /** Every text a person sees, loaded once by the caller (the alerts speak from the same files). */
  readonly locales: Locales;
  readonly redis: RedisClient;
  readonly store: Store;
  readonly services: ConversationServices;
  readonly logger: Logger;
  /** Redis state options; `keySecret` (the pseudonymising key, shared by every process) is required. */
  readonly state: ConversationStateStoreOptions;
  readonly engine?: Pick<ConversationEngineOptions, 'idleTimeoutMs' | 'maxMessageLength' | 'minimumWage' | 'now' | 'onForget'>;
}

/** Loads the flows, checks them against the locales, and builds the engine over Redis state. Throws FlowDefinitionError with file:line. */
export function createConversationEngine(setup: ConversationSetup): ConversationEngine {
  const { locales } = setup;
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
