import { z } from 'zod';
import { removeBroadcastJobs } from '../alerts/broadcast-jobs.js';
import { checkSegmentProgramme, defaultSegmentVocabulary, normalizeSegment, segmentFilter, visitSegment, type BroadcastSegment, type SegmentVocabulary } from '../alerts/broadcast-segment.js';
import { broadcastSchema, CHANNELS, idSchema, parse, type Broadcast, type Channel } from '../domain/index.js';
import { InvalidStateError, ValidationError } from '../errors/index.js';
import { newId, type Store } from '../store/index.js';
import type { Queues } from '../runtime/queues.js';
import { broadcastProgress, type BroadcastProgress } from './broadcast-progress.js';
import { newestFirst, pageQueryShape, type Page } from './page.js';

/*
 * The office's broadcasts: compose one for a segment, see how many it reaches before sending, send
 * it now or at a time, follow it, cancel it. Sending itself is the outbox's: `createQueued` writes
 * the broadcast and its `broadcast-created` event in one store write, and the fan-out worker
 * expands the event (src/alerts/broadcast-fanout.ts). Every write is in the audit log.
 */

const segmentShape = broadcastSchema.shape.segment.shape;

/**
 * A segment as the admin API takes it. Every list may be left out and means "no condition" (no
 * channels: every channel); `ktpBekasiOnly` defaults to false. Unknown fields are refused, so a
 * misspelt filter ("kecamtan") is a 400 instead of a broadcast to everybody.
 */
export const segmentInputSchema = z.strictObject({
  channels: segmentShape.channels.default([]),
  kecamatan: segmentShape.kecamatan.default([]),
  minEducation: segmentShape.minEducation,
  skills: segmentShape.skills.default([]),
  ktpBekasiOnly: segmentShape.ktpBekasiOnly.default(false),
  trainingProgrammeId: segmentShape.trainingProgrammeId,
});
export type SegmentInput = z.input<typeof segmentInputSchema>;

/** `POST /api/admin/broadcasts`: the domain's own field schemas, without what the server sets. */
export const broadcastInputSchema = z.strictObject({
  kind: broadcastSchema.shape.kind,
  title: broadcastSchema.shape.title,
  body: z.strictObject(broadcastSchema.shape.body.shape),
  segment: segmentInputSchema,
  /** When to send; left out, the broadcast is sent now. */
  scheduledAt: broadcastSchema.shape.scheduledAt,
});
export type BroadcastInput = z.input<typeof broadcastInputSchema>;

export const listBroadcastsQuerySchema = z.strictObject({
  /** `limit` default 20, at most 100. */
  ...pageQueryShape(20, 100),
  status: broadcastSchema.shape.status.optional(),
});

export interface BroadcastDeps {
  readonly store: Store;
  /** The send queues, to take a cancelled broadcast's waiting jobs out. */
  readonly queues: Queues;
  /** Default: the reference data ({@link defaultSegmentVocabulary}). */
  readonly vocabulary?: SegmentVocabulary;
  /** Default: the system clock. */
  readonly now?: () => Date;
}

/** How far in the past `scheduledAt` may be (clock skew, a slow form) before it is refused as a mistake. */
const SCHEDULE_PAST_TOLERANCE_MS = 60_000;

/**
 * Validates and stores a queued broadcast with its outbox event, and audits it. The segment's
 * kecamatan are stored under their table names; an unknown one is a ValidationError (400).
 * `actor` is the admin token id.
 */
export async function createBroadcast(deps: BroadcastDeps, input: unknown, actor: string): Promise<Broadcast> {
  const parsed = parse(broadcastInputSchema, input, 'broadcast');
  const now = (deps.now ?? (() => new Date()))();
  if (parsed.scheduledAt !== undefined && Date.parse(parsed.scheduledAt) < now.getTime() - SCHEDULE_PAST_TOLERANCE_MS) {
    throw new ValidationError('broadcast', [`scheduledAt: ${parsed.scheduledAt} is in the past; leave scheduledAt out to send now`]);
  }
  const segment = normalizeSegment(parsed.segment, deps.vocabulary ?? defaultSegmentVocabulary());
  await checkSegmentProgramme(deps.store, segment);
  const at = now.toISOString();
  const { broadcast, event } = await deps.store.broadcasts.createQueued({
    id: newId('brc'),
    kind: parsed.kind,
    title: parsed.title,
    body: parsed.body,
    segment,
    status: 'queued',
    ...(parsed.scheduledAt !== undefined ? { scheduledAt: parsed.scheduledAt } : {}),
    createdBy: actor,
    createdAt: at,
    updatedAt: at,
  });
  // After the broadcast's own write, not inside it: a crash in between leaves a broadcast without
  // its audit line, never an audit line for a broadcast that does not exist.
  await deps.store.audit.record({
    actor,
    action: 'broadcast.create',
    target: { type: 'broadcast', id: broadcast.id },
    details: { event: event.id, kind: broadcast.kind, scheduled: broadcast.scheduledAt !== undefined },
  });
  return broadcast;
}

/** Who a segment would reach now, before anything is created. */
export interface BroadcastPreview {
  /** Seekers who would get it (on one channel or more). */
  readonly seekers: number;
  /** Messages it would send: one per seeker and channel. */
  readonly messages: number;
  readonly byChannel: Readonly<Record<Channel, number>>;
  /** Seekers in the segment left out because they asked for no announcements. */
  readonly optedOut: number;
}

/**
 * Counts the segment's recipients per channel, exactly as the fan-out would pick them (the same
 * filter), by streaming the active seekers: a page at a time, nothing written.
 */
export async function previewBroadcast(deps: Pick<BroadcastDeps, 'store' | 'vocabulary'>, segmentInput: unknown): Promise<BroadcastPreview> {
  const vocabulary = deps.vocabulary ?? defaultSegmentVocabulary();
  const segment = normalizeSegment(parse(segmentInputSchema, segmentInput, 'broadcast segment'), vocabulary);
  await checkSegmentProgramme(deps.store, segment);
  const byChannel = Object.fromEntries(CHANNELS.map((c) => [c, 0])) as Record<Channel, number>;
  let seekers = 0;
  let optedOut = 0;
  for await (const visit of visitSegment(deps.store, await segmentFilter(deps.store, segment, vocabulary))) {
    if (visit.verdict === 'opted-out') optedOut++;
    if (visit.verdict !== 'recipient') continue;
    seekers++;
    for (const channel of visit.channels) byChannel[channel]++;
  }
  return { seekers, messages: Object.values(byChannel).reduce((a, b) => a + b, 0), byChannel, optedOut };
}

export interface BroadcastView {
  readonly broadcast: Broadcast;
  readonly progress: BroadcastProgress;
}

/**
 * A broadcast and its progress. A `sending` broadcast whose every job has an outcome is stored as
 * `done` here (a system write, audited): "done" is derived from the Delivery rows, and this is
 * where they are counted.
 */
export async function getBroadcast(deps: Pick<BroadcastDeps, 'store'>, id: string): Promise<BroadcastView> {
  const { store } = deps;
  let broadcast = await store.broadcasts.require(parse(idSchema, id, 'broadcast id'));
  const progress = await broadcastProgress(store, broadcast);
  if (broadcast.status === 'sending' && progress.finished) {
    let finished = false as boolean;
    // Only from `sending`: a cancel landing meanwhile is kept.
    broadcast = await store.broadcasts.update(broadcast.id, (current) => {
      finished = current.status === 'sending';
      return finished ? { ...current, status: 'done' } : current;
    });
    if (finished) await store.audit.record({ actor: 'system', action: 'broadcast.done', target: { type: 'broadcast', id: broadcast.id }, details: { sent: progress.sent, failed: progress.failed, skipped: progress.skipped } });
  }
  return { broadcast, progress };
}

/** Broadcasts newest first (ids sort by creation time), a page at a time, optionally of one status. */
export async function listBroadcasts(deps: Pick<BroadcastDeps, 'store'>, query: unknown): Promise<Page<Broadcast>> {
  const { limit, cursor, status } = parse(listBroadcastsQuerySchema, query, 'broadcast list query');
  return newestFirst((f, o) => deps.store.broadcasts.find(f, o), status ? { status } : {}, { limit, cursor });
}

export interface CancelResult {
  readonly broadcast: Broadcast;
  /** True when it had been cancelled before: nothing was changed. */
  readonly alreadyCancelled: boolean;
  /** Waiting and delayed send jobs taken out of the queues (the rest skip themselves). */
  readonly removedJobs: number;
}

/**
 * Cancels a broadcast: what is not sent yet is not sent (the send worker renders nothing for a
 * cancelled broadcast and records the delivery skipped), and its waiting jobs are removed from
 * the send queues. Cancelling twice changes nothing; a `done` broadcast is InvalidStateError (409).
 */
export async function cancelBroadcast(deps: BroadcastDeps, id: string, actor: string): Promise<CancelResult> {
  const { store } = deps;
  const broadcastId = parse(idSchema, id, 'broadcast id');
  // Typed wide on purpose: it is set inside the update's callback, which narrowing cannot see.
  let previous = 'cancelled' as Broadcast['status'];
  // Decided inside the update: another process may cancel it, or the fan-out start it, meanwhile.
  const broadcast = await store.broadcasts.update(broadcastId, (current) => {
    previous = current.status;
    if (current.status === 'done') throw new InvalidStateError('broadcast', broadcastId, 'done', 'cancelled');
    return current.status === 'cancelled' ? current : { ...current, status: 'cancelled' };
  });
  if (previous === 'cancelled') return { broadcast, alreadyCancelled: true, removedJobs: 0 };
  await store.audit.record({ actor, action: 'broadcast.cancel', target: { type: 'broadcast', id: broadcastId }, details: { previousStatus: previous } });
  const removedJobs = await removeBroadcastJobs(deps.queues, broadcastId);
  return { broadcast, alreadyCancelled: false, removedJobs };
}

export type { BroadcastSegment };
