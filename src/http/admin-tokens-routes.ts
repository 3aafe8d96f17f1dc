import { z } from 'zod';
import { adminTokenSummarySchema, createAdminToken, listAdminTokens, newTokenInputSchema, revokeAdminToken, summarizeToken } from '../admin/admin-tokens.js';
import { auditQuerySchema, listAudit } from '../admin/audit-log.js';
import { auditEntrySchema, idSchema } from '../domain/index.js';
import type { Store } from '../store/index.js';
import { pageResponse, route, tokenOf, type AdminRoute } from './admin-route.js';

const idParams = z.object({ id: idSchema });
const revokeBodySchema = z.strictObject({ reason: z.string().trim().max(200).optional() });

/**
 * Tokens and the audit log, for admins only (an operator cannot make itself an admin):
 * `GET /tokens`, `POST /tokens` (the token is in the answer, once), `POST /tokens/:id/revoke`,
 * `GET /audit`.
 */
export function tokenRoutes(store: Store): AdminRoute[] {
  return [
    route({
      method: 'get',
      path: '/me',
      tag: 'tokens',
      summary: 'The token this request came with (the dashboard shows what its role may do)',
      roles: ['admin', 'operator', 'company'],
      responses: { 200: { description: 'the token', schema: adminTokenSummarySchema } },
      handler: (input, res) => {
        res.json(summarizeToken(tokenOf(input)));
      },
    }),
    route({
      method: 'get',
      path: '/tokens',
      tag: 'tokens',
      summary: 'Every token, oldest first (never the token or its hash)',
      roles: ['admin'],
      responses: { 200: { description: 'the tokens', schema: z.object({ items: z.array(adminTokenSummarySchema) }) } },
      handler: async (_input, res) => {
        res.json({ items: await listAdminTokens(store) });
      },
    }),
    route({
      method: 'post',
      path: '/tokens',
      tag: 'tokens',
      summary: 'Make a token; the answer holds it, once (only its hash is stored)',
      roles: ['admin'],
      body: newTokenInputSchema,
      responses: { 201: { description: 'made', schema: z.object({ token: z.string(), summary: adminTokenSummarySchema }) } },
      handler: async (input, res) => {
        const created = await createAdminToken(store, input.body, tokenOf(input).id);
        res.status(201).location(`${input.req.baseUrl}/tokens/${created.summary.id}`).json(created);
      },
    }),
    route({
      method: 'post',
      path: '/tokens/:id/revoke',
      tag: 'tokens',
      summary: 'Revoke a token at once (its dashboard sessions end too); revoking twice changes nothing',
      roles: ['admin'],
      params: idParams,
      body: revokeBodySchema,
      responses: { 200: { description: 'revoked', schema: z.object({ token: adminTokenSummarySchema, alreadyRevoked: z.boolean() }) } },
      handler: async (input, res) => {
        res.json(await revokeAdminToken(store, input.params.id, { actor: tokenOf(input).id, ...(input.body.reason ? { reason: input.body.reason } : {}) }));
      },
    }),
    route({
      method: 'get',
      path: '/audit',
      tag: 'audit',
      summary: 'The audit log, newest first: who (token id) did what to which record, when',
      roles: ['admin'],
      query: auditQuerySchema,
      responses: { 200: pageResponse(auditEntrySchema) },
      handler: async (input, res) => {
        res.json(await listAudit(store, input.query));
      },
    }),
  ];
}
