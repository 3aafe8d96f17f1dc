import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AdminTokenSummary } from '../../src/admin/admin-tokens.js';
import type { AuditEntry } from '../../src/domain/index.js';
import type { AdminLimits } from '../../src/http/admin-rate-limits.js';
import { createLogger } from '../../src/runtime/logger.js';
import type { Store } from '../../src/store/index.js';
import { AdminApiHarness, bearer, startAdminApp, testAdminApi, TOKENS } from '../helpers/admin-app.js';
import { uniquePrefix, useTestRedis } from '../helpers/redis.js';

const silent = createLogger({ level: 'silent' });
const redis = useTestRedis();

interface ErrorBody {
  error: { code: string; message: string; details: Record<string, unknown> };
}

describe('admin API: tokens, audit log, errors, headers, limits', () => {
  const admin = new AdminApiHarness(redis);
  let store: Store;
  let api = '';

  async function start(limits: Partial<AdminLimits> = {}): Promise<void> {
    await admin.serve({ limits });
    api = admin.api;
  }
  beforeEach(async () => {
    await admin.prepare();
    store = admin.store;
  });
  afterEach(() => admin.close());

  const post = (path: string, body: unknown, headers: Record<string, string>) =>
    fetch(`${api}${path}`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const errorOf = async (response: Response) => ((await response.json()) as ErrorBody).error;

  describe('tokens', () => {
    beforeEach(() => start());

    it('lets an admin make a company token that works at once, shown once, then list and revoke it; each write audited', async () => {
      const made = await post('/tokens', { role: 'company', name: 'HRD PT Astra Daihatsu', companyId: 'cmp-astra' }, bearer('admin'));
      expect(made.status).toBe(201);
      const { token, summary } = (await made.json()) as { token: string; summary: AdminTokenSummary };
      expect(token).toMatch(/^lkb_/);
      expect(summary).toMatchObject({ role: 'company', label: 'HRD PT Astra Daihatsu', companyId: 'cmp-astra', revokedAt: null });
      expect(made.headers.get('location')).toBe(`/api/admin/tokens/${summary.id}`);

      const listed = await fetch(`${api}/tokens`, { headers: bearer('admin') });
      const text = await listed.text();
      expect(text).not.toContain(token);
      expect(text).not.toMatch(/tokenHash/);
      expect((JSON.parse(text) as { items: AdminTokenSummary[] }).items.map((t) => t.id)).toContain(summary.id);

      // The new token is a company token: it is let in, and kept out of what companies may not do.
      const asCompany = { authorization: `Bearer ${token}` };
      expect((await fetch(`${api}/broadcasts`, { headers: asCompany })).status).toBe(403);

      const revoked = await post(`/tokens/${summary.id}/revoke`, { reason: 'HRD pindah kerja' }, bearer('admin'));
      expect(revoked.status).toBe(200);
      expect(((await revoked.json()) as { alreadyRevoked: boolean }).alreadyRevoked).toBe(false);
      expect((await fetch(`${api}/broadcasts`, { headers: asCompany })).status).toBe(401);
      const again = await post(`/tokens/${summary.id}/revoke`, {}, bearer('admin'));
      expect(((await again.json()) as { alreadyRevoked: boolean }).alreadyRevoked).toBe(true);

      expect(await store.audit.listForTarget('admin-token', summary.id)).toEqual([
        expect.objectContaining({ actor: TOKENS.admin.id, action: 'admin-token.create', details: { role: 'company', companyId: 'cmp-astra' } }),
        expect.objectContaining({ actor: TOKENS.admin.id, action: 'admin-token.revoke', details: { reason: 'HRD pindah kerja' } }),
      ]);
    });

    it('keeps operators and companies out of tokens and the audit log', async () => {
      for (const role of ['operator', 'company'] as const) {
        const attempts = [
          await fetch(`${api}/tokens`, { headers: bearer(role) }),
          await post('/tokens', { role: 'admin', name: 'saya sendiri' }, bearer(role)),
          await post(`/tokens/${TOKENS.admin.id}/revoke`, {}, bearer(role)),
          await fetch(`${api}/audit`, { headers: bearer(role) }),
        ];
        for (const response of attempts) {
          expect(response.status, `${role} ${response.url}`).toBe(403);
          expect((await errorOf(response)).code).toBe('loker:forbidden');
        }
      }
      expect(await store.adminTokens.count()).toBe(3);
      expect((await store.adminTokens.get(TOKENS.admin.id))?.revokedAt).toBeUndefined();
    });

    it('refuses a company token without a company, and an office token with one, in the one error shape', async () => {
      const cases: [unknown, RegExp][] = [
        [{ role: 'company', name: 'HRD' }, /companyId: a company token needs/],
        [{ role: 'operator', name: 'Loket', companyId: 'cmp-astra' }, /companyId/],
        [{ role: 'superuser', name: 'x' }, /role/],
        [{ role: 'operator', name: '' }, /name/],
        [{ role: 'operator', name: 'Loket', scopes: ['all'] }, /scopes/],
      ];
      for (const [body, issue] of cases) {
        const response = await post('/tokens', body, bearer('admin'));
        expect(response.status, JSON.stringify(body)).toBe(400);
        const error = await errorOf(response);
        expect(error.code).toBe('loker:validation');
        expect((error.details.issues as string[]).join('\n')).toMatch(issue);
      }
      expect(await store.adminTokens.count()).toBe(3);
    });
  });

  describe('audit log', () => {
    beforeEach(() => start());

    it('shows admins who did what, newest first, a page at a time, narrowed by actor or target', async () => {
      for (const name of ['Loket 1', 'Loket 2', 'Loket 3']) expect((await post('/tokens', { role: 'operator', name }, bearer('admin'))).status).toBe(201);
      await store.audit.record({ actor: 'system', action: 'broadcast.done', target: { type: 'broadcast', id: 'brc-1' } });
      const page = async (query: string) => (await (await fetch(`${api}/audit?${query}`, { headers: bearer('admin') })).json()) as { items: AuditEntry[]; nextCursor: string | null };

      const first = await page('limit=2');
      expect(first.items.map((e) => e.action)).toEqual(['broadcast.done', 'admin-token.create']);
      const second = await page(`limit=2&cursor=${first.nextCursor}`);
      expect(second.items.map((e) => e.action)).toEqual(['admin-token.create', 'admin-token.create']);
      expect(second.nextCursor).toBeNull();
      expect((await page(`actor=${TOKENS.admin.id}`)).items).toHaveLength(3);
      expect((await page('targetType=broadcast&targetId=brc-1')).items).toEqual([expect.objectContaining({ actor: 'system' })]);
      const bad = await fetch(`${api}/audit?limit=5000`, { headers: bearer('admin') });
      expect(bad.status).toBe(400);
    });
  });

  describe('one error shape, security headers', () => {
    beforeEach(() => start());

    it('answers every failure as { error: { code, message, details } }', async () => {
      const cases: [Promise<Response>, number, string][] = [
        [fetch(`${api}/no-such-thing`, { headers: bearer('admin') }), 404, 'loker:route-not-found'],
        [fetch(`${api}/tokens`), 401, 'loker:unauthorized'],
        [fetch(`${api}/tokens`, { headers: { authorization: 'Bearer not-a-token-anybody-made' } }), 401, 'loker:unauthorized'],
        [fetch(`${api}/tokens`, { headers: bearer('operator') }), 403, 'loker:forbidden'],
        [post('/tokens', { role: 'x' }, bearer('admin')), 400, 'loker:validation'],
        [fetch(`${api}/tokens`, { method: 'POST', headers: { ...bearer('admin'), 'content-type': 'application/json' }, body: '{"role":' }), 400, 'loker:bad-request'],
        [fetch(`${api}/tokens`, { method: 'POST', headers: { ...bearer('admin'), 'content-type': 'text/csv' }, body: 'role,name' }), 415, 'loker:unsupported-media-type'],
        [post('/tokens/tok-nobody/revoke', {}, bearer('admin')), 404, 'loker:admin-token-not-found'],
        [fetch(`${api}/broadcasts/brc-nope`, { headers: bearer('admin') }), 404, 'loker:broadcast-not-found'],
      ];
      for (const [request, status, code] of cases) {
        const response = await request;
        expect(response.status, code).toBe(status);
        expect(response.headers.get('content-type')).toMatch(/^application\/json/);
        const body = (await response.json()) as ErrorBody;
        expect(Object.keys(body)).toEqual(['error']);
        expect(Object.keys(body.error).sort()).toEqual(['code', 'details', 'message']);
        expect(body.error.code).toBe(code);
        expect(typeof body.error.message).toBe('string');
        expect(typeof body.error.details).toBe('object');
      }
      const missing = await errorOf(await fetch(`${api}/broadcasts/brc-nope`, { headers: bearer('admin') }));
      expect(missing.details).toEqual({ entity: 'broadcast', id: 'brc-nope' });
    });

    it("carries helmet's headers and no-store on every answer", async () => {
      for (const response of [await fetch(`${api}/tokens`, { headers: bearer('admin') }), await fetch(`${api}/tokens`)]) {
        expect(response.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
        expect(response.headers.get('x-content-type-options')).toBe('nosniff');
        expect(response.headers.get('strict-transport-security')).toMatch(/max-age/);
        expect(response.headers.get('x-powered-by')).toBeNull();
      }
      expect((await fetch(`${api}/tokens`, { headers: bearer('admin') })).headers.get('cache-control')).toBe('no-store');
    });
  });

  describe('rate limits (in Redis)', () => {
    it('counts each token on its own: one over its budget gets 429 with Retry-After, another from the same address goes on', async () => {
      await start({ perTokenPerMinute: 3 });
      for (let i = 0; i < 3; i++) expect((await fetch(`${api}/tokens`, { headers: bearer('admin') })).status).toBe(200);
      const over = await fetch(`${api}/tokens`, { headers: bearer('admin') });
      expect(over.status).toBe(429);
      expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await errorOf(over)).code).toBe('loker:rate-limited');
      expect((await fetch(`${api}/broadcasts`, { headers: bearer('operator') })).status).toBe(200);
      // The counter is Redis's: a second web process on the same Redis and prefix shares it.
      const keys = await redis.client.keys('rl-*token*');
      expect(keys.length).toBeGreaterThan(0);
    });

    it('counts each address over every request, with or without a token', async () => {
      await start({ perIpPerMinute: 4 });
      for (let i = 0; i < 4; i++) expect((await fetch(`${api}/tokens`)).status).toBe(401);
      const over = await fetch(`${api}/tokens`, { headers: bearer('admin') });
      expect(over.status).toBe(429);
      expect((await errorOf(over)).code).toBe('loker:rate-limited');
    });

    it('shares one budget between two API instances on the same Redis and prefix (two web processes)', async () => {
      const prefix = `${uniquePrefix('shared')}:`;
      const limits = { perTokenPerMinute: 4 };
      await admin.serve({ limits, rateLimitPrefix: prefix });
      const a = admin.api;
      const other = await startAdminApp(silent, [testAdminApi({ store, queues: admin.queues, redis: redis.client, limits, rateLimitPrefix: prefix }).mount]);
      try {
        const statuses: number[] = [];
        for (const base of [a, `${other.baseUrl}/api/admin`, a, `${other.baseUrl}/api/admin`, a]) statuses.push((await fetch(`${base}/tokens`, { headers: bearer('admin') })).status);
        expect(statuses).toEqual([200, 200, 200, 200, 429]);
      } finally {
        await other.close();
      }
    });
  });
});
