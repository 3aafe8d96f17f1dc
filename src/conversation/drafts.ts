import type { FlowDefinition } from './flow-schema.js';
import type { ConversationState, FlowPosition } from './state-store.js';

/*
 * Drafts: a flow marked `draft: true` (the registration) keeps a half-finished run when the person
 * leaves it, so that starting it again resumes at the same step with every answer. Only for people
 * without a profile (a registered person edits one field at a time) and only once something was
 * answered.
 */

type Flows = ReadonlyMap<string, FlowDefinition>;

/** Whether `position` is a half-finished run of a flow that keeps drafts. */
function isDraft(position: FlowPosition | undefined, flows: Flows): position is FlowPosition {
  return position !== undefined && !position.single && position.back.length > 0 && (flows.get(position.flow)?.draft ?? false);
}

/** Where the person is now, if in a flow. */
function positionOf(state: ConversationState): FlowPosition | undefined {
  const { flow, step, data, back, single } = state;
  return flow !== undefined && step !== undefined ? { flow, step, data, back, ...(single ? { single } : {}) } : undefined;
}

/** Whether leaving the current flow would leave answers of a half-finished draft behind. */
export function holdsDraft(state: ConversationState, flows: Flows, registered: boolean): boolean {
  return !registered && isDraft(positionOf(state), flows);
}

/**
 * Keeps the answers of a half-finished draft flow about to be left, or of the one a detour
 * interrupted ("menu" typed at the language question in the middle of the registration).
 */
export function keepDraft(state: ConversationState, flows: Flows, registered: boolean): void {
  if (registered) return;
  const draft = [positionOf(state), state.resume].find((position) => isDraft(position, flows));
  if (draft) state.draft = { flow: draft.flow, step: draft.step, data: draft.data, back: draft.back };
}
