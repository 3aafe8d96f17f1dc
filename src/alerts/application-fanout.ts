import type { Queues } from '../runtime/queues.js';
import type { Store } from '../store/index.js';
import { applicationSourceId, type ApplicationStatusJob, enqueueSend } from './send-job.js';

export interface ApplicationFanoutResult {
  /** 1 when the applicant's job was enqueued; 0 when there is nobody to tell (erased, no history entry). */
  readonly enqueued: number;
}

/** The BullMQ job name of application status news. */
export const APPLICATION_JOB_NAME = 'application-status';

/**
 * "Application status changed" → one send job to the applicant, on the channel they came in by
 * (their first identity), in their language (read when it is sent). The job id is deterministic
 * (`application-<id>-<step>-<seekerId>-<channel>`), so expanding the event again adds nothing, and
 * the Delivery row of `application-<id>-<step>` stops a second send after BullMQ forgot the job.
 */
export async function expandApplicationStatus(applicationId: string, step: number | undefined, deps: { readonly store: Store; readonly queues: Queues }): Promise<ApplicationFanoutResult> {
  const application = await deps.store.applications.get(applicationId);
  // Erased since (the row keeps no seeker), or an event without its entry: nobody to tell.
  if (!application?.seekerId || step === undefined || !application.history[step]) return { enqueued: 0 };
  const seeker = await deps.store.seekers.get(application.seekerId);
  const channel = seeker?.identities[0]?.channel;
  if (!channel) return { enqueued: 0 };
  const job: ApplicationStatusJob = { kind: 'application-status', sourceId: applicationSourceId(applicationId, step), applicationId, step, seekerId: application.seekerId, channel };
  await enqueueSend(deps.queues, APPLICATION_JOB_NAME, job);
  return { enqueued: 1 };
}
