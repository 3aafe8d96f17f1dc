import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Router } from 'express';
import { ADMIN_API_PATH, adminApi, type AdminApi, type AdminApiOptions } from '../../src/http/admin-api.js';
import { DEFAULT_ADMIN_LIMITS, type AdminLimits } from '../../src/http/admin-rate-limits.js';
import { hashToken } from '../../src/admin/token-hash.js';
import type { AdminToken } from '../../src/domain/index.js';
import { createApp } from '../../src/http/app.js';
import { createLogger, type Logger } from '../../src/runtime/logger.js';
import { Queues } from '../../src/runtime/queues.js';
import { SqliteBackend, Store } from '../../src/store/index.js';
import { uniquePrefix, type TestRedis } from './redis.js';

/** The admin tokens every admin HTTP test uses, one per role (company tokens belong to `cmp-astra`). */
export const TOKENS = {
  admin: { id: 'tok-admin', secret: 'admin-token-0123456789abcdef0123' },
  operator: { id: 'tok-operator', secret: 'operator-token-0123456789abcdef01' },
  company: { id: 'tok-company', secret: 'company-token-0123456789abcdef012' },
} as const satisfies Record<AdminToken['role'], { id: string; secret: string }>;

export async function createTestTokens(store: Store): Promise<void> {
  for (const [role, { id, secret }] of Object.entries(TOKENS) as [AdminToken['role'], { id: string; secret: string }][]) {
    await store.adminTokens.create({
      id,
      tokenHash: hashToken(secret),
      role,
      label: `${role} (test)`,
      ...(role === 'company' ? { companyId: 'cmp-astra' } : {}),
      createdAt: new Date().toISOString(),
    });
  }
}

export function bearer(role: AdminToken['role']): { authorization: string } {
  return { authorization: `Bearer ${TOKENS[role].secret}` };
}

export interface AdminTestServer {
  /** `http://127.0.0.1:<port>` */
  readonly baseUrl: string;
  close(): Promise<void>;
}

/** The real app (security headers, 404, error middleware) with `routes`, on a free loopback port. */
export async function startAdminApp(logger: Logger, routes: readonly (readonly [string, Router])[]): Promise<AdminTestServer> {
  const server = http.createServer(createApp({ logger, readiness: [], routes }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * The admin API as the service mounts it, with limits no test reaches unless it asks for lower ones,
 * counted under a prefix of its own. Counter updates may wait 10 s for Redis: a machine shared with
 * other test runs can stall a reply past the service's 2 s, which would answer 503 here.
 */
export function testAdminApi(options: Omit<AdminApiOptions, 'limits'> & { readonly limits?: Partial<AdminLimits> }): AdminApi & { readonly mount: readonly [string, Router] } {
  const api = adminApi({
    rateLimitPrefix: `${uniquePrefix('rl')}:`,
    ...options,
    limits: { ...DEFAULT_ADMIN_LIMITS, perTokenPerMinute: 100_000, perIpPerMinute: 100_000, loginsPerIp: 10_000, redisTimeoutMs: 10_000, ...options.limits },
  });
  return { ...api, mount: [ADMIN_API_PATH, api.router] };
}

type AdminApiTestOptions = Omit<Parameters<typeof testAdminApi>[0], 'store' | 'queues' | 'redis'>;

/**
 * What every admin API test stands on: a fresh in-memory store with the test tokens, BullMQ queues
 * under a prefix of their own on the file's redis-server, and the real app serving the admin API
 * (and any `extra` routes) on a free loopback port. `open` and `close` go in the test's hooks.
 */
export class AdminApiHarness {
  store!: Store;
  queues!: Queues;
  server: AdminTestServer | undefined;
  /** `http://127.0.0.1:<port>/api/admin` */
  api = '';
  private readonly logger = createLogger({ level: 'silent' });

  constructor(private readonly redis: TestRedis) {}

  /** The admin API the server runs. */
  adminApi: AdminApi | undefined;

  /** Store, tokens, queues and the server; `options` for the admin API (limits, policy…). */
  async open(options: AdminApiTestOptions = {}, extra: readonly (readonly [string, Router])[] = []): Promise<void> {
    await this.prepare();
    await this.serve(options, extra);
  }

  /** Store, tokens and queues, no server yet (a test starts it with its own options). */
  async prepare(): Promise<void> {
    this.store = new Store(new SqliteBackend({ file: ':memory:' }));
    await createTestTokens(this.store);
    this.queues = await Queues.connect(this.redis.url, this.logger, { prefix: uniquePrefix('admin') });
  }

  /** (Re)starts the server on the same store, e.g. with other options. */
  async serve(options: AdminApiTestOptions = {}, extra: readonly (readonly [string, Router])[] = []): Promise<void> {
    await this.server?.close();
    const api = testAdminApi({ store: this.store, queues: this.queues, redis: this.redis.client, ...options });
    this.adminApi = api;
    this.server = await startAdminApp(this.logger, [api.mount, ...extra]);
    this.api = `${this.server.baseUrl}/api/admin`;
  }

  /** Sends `body` as JSON to the admin API (`path` under `/api/admin`) with `role`'s test token. */
  send(method: string, path: string, body: unknown, role: AdminToken['role'] = 'operator'): Promise<Response> {
    return fetch(`${this.api}${path}`, { method, headers: { ...bearer(role), 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  }

  /** Reads from the admin API with `role`'s test token. */
  get(path: string, role: AdminToken['role'] = 'operator'): Promise<Response> {
    return fetch(`${this.api}${path}`, { headers: bearer(role) });
  }

  async close(): Promise<void> {
    await this.server?.close();
    this.server = undefined;
    await this.queues.close();
    await this.store.close();
  }
}

/** The one error shape of the admin API. */
export interface AdminErrorBody {
  error: { code: string; message: string; details: { issues?: string[] } & Record<string, unknown> };
}

/** The `error` of an admin API error response. */
export async function errorOf(response: Response): Promise<AdminErrorBody['error']> {
  return ((await response.json()) as AdminErrorBody).error;
}
