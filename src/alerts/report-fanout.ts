import type { Queues } from '../runtime/queues.js';
import type { Store } from '../store/index.js';
import { enqueueSend, type ReportOutcomeJob, reportSourceId } from './send-job.js';

/** The BullMQ job name of a report's outcome. */
export const REPORT_JOB_NAME = 'report-outcome';

/**
 * "Report resolved" → one send job to the reporter, on the channel they reported from, in the
 * language they reported in (read when it is sent). The job names the report, never the chat: the
 * job id is `report-<id>-<channel>`, so expanding the event again adds nothing, and the Delivery row
 * of `report-<id>` stops a second send after BullMQ forgot the job. Nobody to tell once the reporter
 * erased their data, or for a report that is not resolved.
 */
export async function expandReportResolved(reportId: string, deps: { readonly store: Store; readonly queues: Queues }): Promise<{ readonly enqueued: number }> {
  const report = await deps.store.reports.get(reportId);
  if (!report?.reporter || report.status !== 'resolved') return { enqueued: 0 };
  const { channel } = report.reporter;
  const job: ReportOutcomeJob = { kind: 'report-outcome', sourceId: reportSourceId(reportId), reportId, channel };
  await enqueueSend(deps.queues, REPORT_JOB_NAME, job);
  return { enqueued: 1 };
}
