import type { Router } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { whatsappQrRouter } from '../../src/channels/whatsapp/whatsapp-qr-route.js';
import { ADMIN_API_PATH, WHATSAPP_ROUTE_DOCS, type AdminApi } from '../../src/http/admin-api.js';
import { AdminApiHarness, bearer } from '../helpers/admin-app.js';
import { useTestRedis } from '../helpers/redis.js';

const redis = useTestRedis();

interface Operation {
  operationId: string;
  parameters: { name: string; in: string; required: boolean; schema: Record<string, unknown> }[];
  requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown>; required?: string[] } }> };
  responses: Record<string, unknown>;
  'x-roles'?: string[];
}
interface Document {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
}

/** Express 5's own record of what is mounted: route layers (method, path), and routers used at `/` walked into. */
interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}
function mountedRoutes(router: Router, prefix: string): string[] {
  const found: string[] = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const [method, on] of Object.entries(layer.route.methods)) if (on && method !== '_all') found.push(`${method.toUpperCase()} ${prefix}${layer.route.path.replace(/:(\w+)/g, '{$1}')}`);
      } else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk((router as unknown as { stack: Layer[] }).stack);
  return found.sort();
}

function documented(doc: Document): string[] {
  return Object.entries(doc.paths)
    .flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`))
    .sort();
}

describe('admin API: the OpenAPI document', () => {
  const admin = new AdminApiHarness(redis);
  let api: AdminApi;
  let doc: Document;

  beforeAll(async () => {
    await admin.open();
    api = admin.adminApi!;
    const response = await fetch(`${admin.api}/openapi.json`);
    expect(response.status).toBe(200);
    doc = (await response.json()) as Document;
  });
  afterAll(() => admin.close());

  it('is served without a token, as OpenAPI 3.0', () => {
    expect(doc.openapi).toBe('3.0.3');
    expect(Object.keys(doc.paths).length).toBeGreaterThan(5);
  });

  it('documents every mounted route, and mounts every documented one', () => {
    const whatsapp = new Set(WHATSAPP_ROUTE_DOCS.map((r) => `${r.method.toUpperCase()} ${ADMIN_API_PATH}${r.path}`));
    expect(documented(doc).filter((r) => !whatsapp.has(r))).toEqual(mountedRoutes(api.router, ADMIN_API_PATH));
    // The WhatsApp channel mounts its own routes at /api/admin/whatsapp.
    const qrRouter = whatsappQrRouter({ state: 'starting', pendingQr: undefined }, (_req, _res, next) => next());
    expect([...whatsapp].sort()).toEqual(mountedRoutes(qrRouter, `${ADMIN_API_PATH}/whatsapp`));
  });

  it('answers every documented route (not "no such route") at its documented path and method', async () => {
    const whatsapp = new Set(WHATSAPP_ROUTE_DOCS.map((r) => `${ADMIN_API_PATH}${r.path}`));
    for (const [path, operations] of Object.entries(doc.paths)) {
      if (whatsapp.has(path)) continue;
      for (const method of Object.keys(operations)) {
        const url = `${admin.server?.baseUrl ?? ''}${path.replace(/\{(\w+)\}/g, 'x-test-1')}`;
        const response = await fetch(url, { method: method.toUpperCase(), headers: { ...bearer('admin'), 'content-type': 'application/json' }, ...(method === 'get' ? {} : { body: '{}' }) });
        const body = response.headers.get('content-type')?.startsWith('application/json') ? ((await response.json()) as { error?: { code: string } }) : {};
        expect(body.error?.code, `${method} ${path}`).not.toBe('loker:route-not-found');
      }
    }
  });

  it('describes bodies, queries and path parameters from the schemas the routes validate with', () => {
    const create = doc.paths['/api/admin/tokens']?.post;
    const body = create?.requestBody?.content['application/json']?.schema;
    expect(body?.required).toEqual(['role', 'name']);
    expect(Object.keys(body?.properties ?? {})).toEqual(['role', 'name', 'companyId']);
    expect(create?.['x-roles']).toEqual(['admin']);
    expect(Object.keys(create?.responses ?? {})).toEqual(expect.arrayContaining(['201', '400', '401', '403', '429']));

    const audit = doc.paths['/api/admin/audit']?.get;
    expect(audit?.parameters.map((p) => p.name)).toEqual(['limit', 'cursor', 'actor', 'targetType', 'targetId']);
    expect(audit?.parameters.find((p) => p.name === 'limit')?.schema).toMatchObject({ type: 'integer', maximum: 200, default: 50 });

    const revoke = doc.paths['/api/admin/tokens/{id}/revoke']?.post;
    expect(revoke?.parameters).toEqual([expect.objectContaining({ name: 'id', in: 'path', required: true })]);
    // A preprocessed GET query is documented by what it finally accepts.
    const preview = doc.paths['/api/admin/broadcasts/preview']?.get;
    expect(preview?.parameters.map((p) => p.name)).toEqual(['channels', 'kecamatan', 'minEducation', 'skills', 'ktpBekasiOnly', 'trainingProgrammeId']);
  });
});
