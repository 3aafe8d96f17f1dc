import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BOOTSTRAP_LABEL, ensureBootstrapToken } from '../../src/admin/bootstrap-token.js';
import { hashToken } from '../../src/admin/token-hash.js';
import { requireAdmin } from '../../src/http/admin-auth.js';
import { errorMiddleware } from '../../src/http/error-middleware.js';
import { createLogger } from '../../src/runtime/logger.js';
import { newId, SqliteBackend, Store } from '../../src/store/index.js';

const FIRST = 'first-admin-token-0123456789abcdef';
const SECOND = 'second-admin-token-0123456789abcdef';

describe('the bootstrap admin token (ADMIN_TOKEN)', () => {
  let store: Store;
  let server: http.Server;
  let base = '';

  beforeEach(async () => {
    store = new Store(new SqliteBackend({ file: ':memory:' }));
    // A route behind the real admin auth, over real HTTP, to see which tokens work.
    const app = express();
    app.get('/api/admin/ping', requireAdmin(store), (_req, res) => res.json({ ok: true }));
    app.use(errorMiddleware(createLogger({ level: 'silent' })));
    server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve));
    await store.close();
  });

  const statusWith = async (token: string) => (await fetch(`${base}/api/admin/ping`, { headers: { authorization: `Bearer ${token}` } })).status;

  it('is stored hashed and marked as the bootstrap token the first time, and found again after', async () => {
    expect(await ensureBootstrapToken(store, FIRST)).toBe('created');
    expect(await ensureBootstrapToken(store, FIRST)).toBe('exists');
    const stored = await store.adminTokens.find({});
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ role: 'admin', label: BOOTSTRAP_LABEL, bootstrap: true, tokenHash: hashToken(FIRST) });
    expect(JSON.stringify(stored)).not.toContain(FIRST);
    expect(await statusWith(FIRST)).toBe(200);
  });

  it('revokes the previous bootstrap token when ADMIN_TOKEN changes, and audit-logs it', async () => {
    await ensureBootstrapToken(store, FIRST, new Date('2026-01-05T08:00:00Z'));
    const [old] = await store.adminTokens.find({});
    expect(await ensureBootstrapToken(store, SECOND, new Date('2026-02-01T08:00:00Z'))).toBe('rotated');

    expect(await statusWith(FIRST)).toBe(401);
    expect(await statusWith(SECOND)).toBe(200);
    expect(await store.adminTokens.get(old!.id)).toMatchObject({ revokedAt: '2026-02-01T08:00:00.000Z' });
    const audit = await store.audit.listForTarget('admin-token', old!.id);
    expect(audit).toEqual([expect.objectContaining({ actor: 'system', action: 'admin-token.revoke', details: { reason: 'ADMIN_TOKEN changed' } })]);
  });

  it('never revives a revoked token: a process still configured with the old one cannot undo a rotation', async () => {
    await ensureBootstrapToken(store, FIRST);
    await ensureBootstrapToken(store, SECOND);
    expect(await ensureBootstrapToken(store, FIRST)).toBe('revoked');
    expect(await statusWith(FIRST)).toBe(401);
    expect(await statusWith(SECOND)).toBe(200);
  });

  it('leaves tokens that are not bootstrap tokens alone', async () => {
    const at = new Date().toISOString();
    const operator = await store.adminTokens.create({ id: newId('tok'), tokenHash: hashToken('operator-token-0123456789abcdef'), role: 'operator', label: 'Bu Rina (loket)', createdAt: at });
    const admin = await store.adminTokens.create({ id: newId('tok'), tokenHash: hashToken('issued-admin-token-0123456789ab'), role: 'admin', label: 'Pak Joko', createdAt: at });
    await ensureBootstrapToken(store, FIRST);
    await ensureBootstrapToken(store, SECOND);
    expect((await store.adminTokens.get(operator.id))?.revokedAt).toBeUndefined();
    expect((await store.adminTokens.get(admin.id))?.revokedAt).toBeUndefined();
    expect(await statusWith('issued-admin-token-0123456789ab')).toBe(200);
  });

  it('recognises a bootstrap token stored before the mark existed (by its label) and revokes it on rotation', async () => {
    const legacy = await store.adminTokens.create({ id: newId('tok'), tokenHash: hashToken(FIRST), role: 'admin', label: BOOTSTRAP_LABEL, createdAt: '2025-06-01T00:00:00.000Z' });
    expect(await ensureBootstrapToken(store, FIRST)).toBe('exists');
    expect(await store.adminTokens.get(legacy.id)).toMatchObject({ bootstrap: true });
    expect(await ensureBootstrapToken(store, SECOND)).toBe('rotated');
    expect(await statusWith(FIRST)).toBe(401);
  });

  it('is safe when several processes start with the new token at once', async () => {
    await ensureBootstrapToken(store, FIRST);
    const results = await Promise.all([ensureBootstrapToken(store, SECOND), ensureBootstrapToken(store, SECOND), ensureBootstrapToken(store, SECOND)]);
    expect(results.filter((r) => r === 'rotated' || r === 'created').length).toBeGreaterThanOrEqual(1);
    const tokens = await store.adminTokens.find({});
    expect(tokens.filter((t) => t.tokenHash === hashToken(SECOND))).toHaveLength(1);
    expect(tokens.filter((t) => !t.revokedAt).map((t) => t.tokenHash)).toEqual([hashToken(SECOND)]);
    const [old] = tokens.filter((t) => t.tokenHash === hashToken(FIRST));
    expect(await store.audit.listForTarget('admin-token', old!.id)).toHaveLength(1);
  });
});
