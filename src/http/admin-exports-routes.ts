import { once } from 'node:events';
import type { Response } from 'express';
import { z } from 'zod';
import { csvText } from '../admin/csv.js';
import { EXPORT_DATASET_NAMES, EXPORT_DATASETS, type ExportRow } from '../admin/exports.js';
import type { Store } from '../store/index.js';
import { route, tokenOf, type AdminRoute } from './admin-route.js';

const FORMATS = ['csv', 'jsonl'] as const;

/**
 * Exports for the province and the ministry, for staff: `GET /exports/<dataset>.<csv|jsonl>`.
 * Written to the response row by row as the store is read (waiting whenever the client is slower),
 * so an export of any size holds one store page in memory. Every export is in the audit log.
 */
export function exportRoutes(store: Store): AdminRoute[] {
  return [
    route({
      method: 'get',
      path: '/exports/:dataset.:format',
      tag: 'exports',
      summary: `Download ${EXPORT_DATASET_NAMES.join(', ')} as CSV or JSON Lines, streamed; seekers only if they agreed to sharing`,
      roles: ['admin', 'operator'],
      params: z.object({ dataset: z.enum(EXPORT_DATASET_NAMES), format: z.enum(FORMATS) }),
      responses: { 200: { description: 'one row (CSV, with a header) or one JSON object (JSON Lines) per record', contentType: 'text/csv' } },
      handler: async (input, res) => {
        const { dataset, format } = input.params;
        const { columns, rows } = EXPORT_DATASETS[dataset];
        await store.audit.record({ actor: tokenOf(input).id, action: 'export.download', target: { type: 'export', id: dataset }, details: { format } });
        const day = new Date().toISOString().slice(0, 10);
        res.attachment(`lokerbot-${dataset}-${day}.${format}`).type(format === 'csv' ? 'text/csv' : 'application/x-ndjson');
        if (format === 'csv') await write(res, csvText([], columns));
        for await (const row of rows(store)) {
          if (res.destroyed) return;
          await write(res, format === 'csv' ? csvText([columns.map((c) => row[c] ?? '')]) : `${JSON.stringify(ordered(row, columns))}\n`);
        }
        res.end();
      },
    }),
  ];
}

/** Writes, and waits for the client to take it when its buffer is full (backpressure), or to be gone. */
async function write(res: Response, chunk: string): Promise<void> {
  if (!res.write(chunk)) await Promise.race([once(res, 'drain'), once(res, 'close')]);
}

function ordered(row: ExportRow, columns: readonly string[]): ExportRow {
  return Object.fromEntries(columns.map((c) => [c, row[c] ?? null]));
}
