import { z } from 'zod';
import { pipeline, Transform, type TransformCallback } from 'node:stream';
import { importTemplateCsv } from '../admin/import-template.js';
import type { ImportFormat } from '../admin/import-sources.js';
import { lintWarningSchema } from '../admin/posting-linter.js';
import {
  approveVacancy,
  closeVacancy,
  createVacancy,
  getVacancy,
  lintDraft,
  lintDraftSchema,
  listVacancies,
  openVacancy,
  openVacancyBodySchema,
  updateVacancy,
  vacancyInputSchema,
  vacancyListQuerySchema,
  vacancyPatchSchema,
  type VacancyDeps,
} from '../admin/vacancies.js';
import { importStream } from '../admin/vacancy-import.js';
import { PayloadTooLargeError, UnsupportedMediaTypeError } from '../errors/index.js';
import { idSchema, SCAM_REASON_CODES, scamReasonSchema, vacancySchema } from '../domain/index.js';
import { listReviewQueue, rejectBodySchema, rejectReview, reviewListQuerySchema, approveBodySchema } from '../admin/vacancy-review.js';
import { pageResponse, route, tokenOf, type AdminRoute } from './admin-route.js';

const EVERYONE = ['admin', 'operator', 'company'] as const;
const STAFF = ['admin', 'operator'] as const;
const idParams = z.object({ id: idSchema });
const warnings = z.array(lintWarningSchema);
const view = z.object({ vacancy: vacancySchema, warnings });

/** Largest upload an import reads: 50,000 rows of a busy CSV are about 50 MB. */
export const DEFAULT_IMPORT_MAX_BYTES = 200_000_000;

const UPLOAD_TYPES: Readonly<Record<string, ImportFormat>> = {
  'text/csv': 'csv',
  'application/ld+json': 'jsonld',
  'application/json': 'jsonld',
  'application/x-ndjson': 'jsonl',
};

const importReportSchema = z.object({
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  skipped: z.number().int(),
  heldAsDraft: z.number().int().meta({ description: 'rows asked to be open that were kept as drafts for their discriminating wording (no overrideReason)' }),
  problems: z.array(z.object({ row: z.number().int(), message: z.string() })).meta({ description: 'skipped rows and why, the first 1000' }),
  warnings: z.array(z.object({ row: z.number().int(), vacancyId: z.string(), warnings: z.array(z.object({ code: z.string(), words: z.string().optional() })), heldAsDraft: z.boolean() })).meta({ description: 'stored rows with linter warnings, the first 1000' }),
  flagged: z.number().int().meta({ description: 'rows the fee and scam detector flagged: stored as drafts waiting for review' }),
  flaggedRows: z.array(z.object({ row: z.number().int(), vacancyId: z.string(), reasons: z.array(z.object({ code: z.enum(SCAM_REASON_CODES), words: z.string().optional() })) })).meta({ description: 'the flagged rows and the reasons, the first 1000' }),
  omitted: z.object({ problems: z.number().int(), warnings: z.number().int(), flagged: z.number().int() }),
});

export interface VacancyRouteOptions extends VacancyDeps {
  /** Largest upload an import reads. Default: {@link DEFAULT_IMPORT_MAX_BYTES}. */
  readonly importMaxBytes?: number;
}

/**
 * Vacancies, for staff and for company tokens (their own company's only; another company's are
 * 404). Every answer about a vacancy carries the posting linter's warnings. 422
 * `loker:posting-needs-reason` when opening discriminating wording without `overrideReason`
 * under the `reason` policy.
 */
export function vacancyRoutes(deps: VacancyRouteOptions): AdminRoute[] {
  const maxBytes = deps.importMaxBytes ?? DEFAULT_IMPORT_MAX_BYTES;
  return [
    route({
      method: 'get',
      path: '/vacancies',
      tag: 'vacancies',
      summary: 'Vacancies newest first, by status, company, kecamatan and words (`q`)',
      roles: EVERYONE,
      query: vacancyListQuerySchema,
      responses: { 200: pageResponse(view, 'a page (a word search may end a page early, with a cursor)') },
      handler: async (input, res) => {
        res.json(await listVacancies(deps, input.query, tokenOf(input)));
      },
    }),
    route({
      method: 'post',
      path: '/vacancies',
      tag: 'vacancies',
      summary: 'Post a vacancy: a draft, or `status: open` to open it at once (subscribers are told through the outbox)',
      roles: EVERYONE,
      body: vacancyInputSchema,
      responses: { 201: { description: 'stored, with the linter\'s warnings', schema: view } },
      handler: async (input, res) => {
        const created = await createVacancy(deps, input.body, tokenOf(input));
        res.status(201).location(`${input.req.baseUrl}/vacancies/${created.vacancy.id}`).json(created);
      },
    }),
    route({
      method: 'post',
      path: '/vacancies/lint',
      tag: 'vacancies',
      summary: 'The linter\'s warnings for a draft, and the reasons the fee and scam detector would hold it for review (none: it would not), nothing stored',
      roles: EVERYONE,
      body: lintDraftSchema,
      responses: { 200: { description: 'the warnings and the review reasons', schema: z.object({ warnings, review: z.array(scamReasonSchema) }) } },
      handler: async (input, res) => {
        res.json(await lintDraft(deps, input.body));
      },
    }),
    route({
      method: 'get',
      path: '/vacancies/template.csv',
      tag: 'vacancies',
      summary: 'The CSV import template: every column, and two example rows',
      roles: EVERYONE,
      responses: { 200: { description: 'the template', contentType: 'text/csv' } },
      handler: (_input, res) => {
        res.type('text/csv').attachment('lokerbot-lowongan.csv').send(importTemplateCsv());
      },
    }),
    route({
      method: 'post',
      path: '/vacancies/import',
      tag: 'vacancies',
      summary: 'Import a file, streamed: CSV (see the template), schema.org JobPosting JSON-LD (one, an array, or an ItemList) or JSON Lines; bad rows are reported with their row number, good ones kept',
      roles: EVERYONE,
      upload: { contentTypes: Object.keys(UPLOAD_TYPES), description: 'the file as the request body' },
      responses: { 200: { description: 'the summary, problems and warnings per row', schema: importReportSchema } },
      handler: async (input, res) => {
        const token = tokenOf(input);
        const type = (input.req.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
        const format = UPLOAD_TYPES[type];
        if (!format) throw new UnsupportedMediaTypeError(Object.keys(UPLOAD_TYPES).join(' or '));
        const body = byteLimit(maxBytes);
        // pipeline, not pipe: a dropped upload fails the import instead of leaving it waiting.
        pipeline(input.req, body, () => undefined);
        const report = await importStream(deps.store, format, body, {
          normalizeKecamatan: (text) => deps.vocabulary.kecamatan.lookup(text)?.name,
          policy: deps.policy ?? 'reason',
          actor: token.id,
          ...(deps.umkRupiah ? { umkRupiah: deps.umkRupiah } : {}),
          ...(token.role === 'company' && token.companyId ? { companyId: token.companyId, source: 'company' as const } : {}),
        });
        const { rows, created, updated, skipped, heldAsDraft, flagged } = report;
        await deps.store.audit.record({ actor: token.id, action: 'vacancy.import', target: { type: 'import', id: format }, details: { rows, created, updated, skipped, heldAsDraft, flagged } });
        res.json(report);
      },
    }),
    route({
      method: 'get',
      path: '/vacancies/review',
      tag: 'vacancies',
      summary: 'Vacancies the fee and scam detector flagged, waiting for review, newest first, each with its reasons (`vacancy.review`)',
      roles: STAFF,
      query: reviewListQuerySchema,
      responses: { 200: pageResponse(vacancySchema) },
      handler: async (input, res) => {
        res.json(await listReviewQueue(deps, input.query));
      },
    }),
    route({
      method: 'post',
      path: '/vacancies/:id/approve',
      tag: 'vacancies',
      summary: 'Approve a flagged vacancy after looking at it, and open it (unless `open: false`); 409 when it is not waiting for review',
      roles: STAFF,
      params: idParams,
      body: approveBodySchema,
      responses: { 200: { description: 'approved (and open)', schema: view.extend({ opened: z.boolean() }) } },
      handler: async (input, res) => {
        res.json(await approveVacancy(deps, input.params.id, input.body, tokenOf(input)));
      },
    }),
    route({
      method: 'post',
      path: '/vacancies/:id/reject',
      tag: 'vacancies',
      summary: 'Reject a flagged vacancy: closed, and it can never be opened; 409 when it is not waiting for review',
      roles: STAFF,
      params: idParams,
      body: rejectBodySchema,
      responses: { 200: { description: 'rejected', schema: z.object({ vacancy: vacancySchema }) } },
      handler: async (input, res) => {
        res.json({ vacancy: await rejectReview(deps, input.params.id, input.body, tokenOf(input)) });
      },
    }),
    route({
      method: 'get',
      path: '/vacancies/:id',
      tag: 'vacancies',
      summary: 'A vacancy and its warnings',
      roles: EVERYONE,
      params: idParams,
      responses: { 200: { description: 'the vacancy', schema: view } },
      handler: async (input, res) => {
        res.json(await getVacancy(deps, input.params.id, tokenOf(input)));
      },
    }),
    route({
      method: 'patch',
      path: '/vacancies/:id',
      tag: 'vacancies',
      summary: 'Edit a vacancy (`null` clears an optional field); an open one stays open',
      roles: EVERYONE,
      params: idParams,
      body: vacancyPatchSchema,
      responses: { 200: { description: 'the vacancy as stored, with its warnings', schema: view } },
      handler: async (input, res) => {
        res.json(await updateVacancy(deps, input.params.id, input.body, tokenOf(input)));
      },
    }),
    route({
      method: 'post',
      path: '/vacancies/:id/open',
      tag: 'vacancies',
      summary: 'Open it: stored with its "vacancy opened" outbox event, so matching subscribers are alerted; 409 `loker:vacancy-under-review` while the fee and scam detector\'s flag waits for staff',
      roles: EVERYONE,
      params: idParams,
      body: openVacancyBodySchema,
      responses: { 200: { description: 'open', schema: view.extend({ alreadyOpen: z.boolean() }) } },
      handler: async (input, res) => {
        res.json(await openVacancy(deps, input.params.id, input.body, tokenOf(input)));
      },
    }),
    route({
      method: 'post',
      path: '/vacancies/:id/close',
      tag: 'vacancies',
      summary: 'Close it: it leaves searches, and alerts not yet sent for it are not sent',
      roles: EVERYONE,
      params: idParams,
      responses: { 200: { description: 'closed', schema: view.extend({ alreadyClosed: z.boolean() }) } },
      handler: async (input, res) => {
        res.json(await closeVacancy(deps, input.params.id, tokenOf(input)));
      },
    }),
  ];
}

/** Passes bytes on until `max`, then fails the upload with 413 (what was read before is kept). */
function byteLimit(max: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
      seen += chunk.length;
      done(seen > max ? new PayloadTooLargeError(max) : null, chunk);
    },
  });
}
