import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { revokeAdminToken } from '../../src/admin/admin-tokens.js';
import { SEND_QUEUES } from '../../src/alerts/send-job.js';
import { AdminSessionSigner } from '../../src/http/admin-session.js';
import { QUEUE_DASHBOARD_COOKIE, queueDashboardRouter } from '../../src/http/queue-dashboard.js';
import { createLogger } from '../../src/runtime/logger.js';
import { Queues } from '../../src/runtime/queues.js';
import { SqliteBackend, Store } from '../../src/store/index.js';
import { bearer, createTestTokens, startAdminApp, testAdminApi, TOKENS, type AdminTestServer } from '../helpers/admin-app.js';
import { uniquePrefix, useTestRedis } from '../helpers/redis.js';

const silent = createLogger({ level: 'silent' });
const redis = useTestRedis();
const KEY = Buffer.alloc(32, 7);

describe('queue dashboard at /admin/queues', () => {
  let store: Store;
  let queues: Queues;
  let server: AdminTestServer;
  let base = '';

  beforeEach(async () => {
    store = new Store(new SqliteBackend({ file: ':memory:' }));
    await createTestTokens(store);
    queues = await Queues.connect(redis.url, silent, { prefix: uniquePrefix('qd') });
    server = await startAdminApp(silent, [['/admin/queues', queueDashboardRouter({ store, queues, logger: silent, sessionKey: KEY })]]);
    base = `${server.baseUrl}/admin/queues`;
  });
  afterEach(async () => {
    await server.close();
    await queues.close();
    await store.close();
  });

  /** Posts the login form as the browser does, from the dashboard's own page. */
  const login = (token: string, headers: Record<string, string> = { origin: server.baseUrl, 'sec-fetch-site': 'same-origin' }) =>
    fetch(`${base}/login`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams({ token }).toString() });

  async function loggedInCookie(): Promise<string> {
    const response = await login(TOKENS.admin.secret);
    expect(response.status).toBe(303);
    const cookie = response.headers.getSetCookie()[0] ?? '';
    return cookie.split(';')[0] ?? '';
  }

  it('sends a browser without a login to the form, and answers 401 in the one error shape to anything else', async () => {
    const page = await fetch(`${base}/`, { redirect: 'manual', headers: { accept: 'text/html' } });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/admin/queues/login');
    const api = await fetch(`${base}/api/queues`, { headers: { accept: 'application/json' } });
    expect(api.status).toBe(401);
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe('loker:unauthorized');
    const form = await fetch(`${base}/login`);
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('<form method="post" action="/admin/queues/login">');
  });

  it('exchanges an admin token for a short-lived HttpOnly, SameSite=Strict cookie scoped to /admin/queues, and audits the login', async () => {
    const response = await login(TOKENS.admin.secret);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/admin/queues/');
    const cookie = response.headers.getSetCookie()[0] ?? '';
    expect(cookie).toMatch(new RegExp(`^${QUEUE_DASHBOARD_COOKIE}=v1\\.\\d+\\.[A-Za-z0-9_-]{43}\\.tok-admin;`));
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/admin/queues');
    expect(cookie).toContain('Max-Age=3600');
    // The token itself is never in the cookie.
    expect(cookie).not.toContain(TOKENS.admin.secret);
    expect(await store.audit.listForTarget('admin-token', 'tok-admin')).toEqual([expect.objectContaining({ actor: 'tok-admin', action: 'queue-dashboard.login' })]);
  });

  it('refuses to log in a wrong token, an operator or a company token, and a login posted from another site', async () => {
    for (const token of ['x'.repeat(40), TOKENS.operator.secret, TOKENS.company.secret]) {
      const response = await login(token);
      expect(response.status).toBe(401);
      expect(response.headers.getSetCookie()).toEqual([]);
      expect(await response.text()).toContain('That token was not accepted');
    }
    const crossSite = await login(TOKENS.admin.secret, { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    expect(crossSite.headers.getSetCookie()).toEqual([]);
  });

  it('serves Bull Board and its assets to a logged-in browser, under a CSP relaxed for inline styles only, here only', async () => {
    const cookie = await loggedInCookie();
    const page = await fetch(`${base}/`, { headers: { cookie, accept: 'text/html' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<base href="/admin/queues/" />');
    expect(html).toContain('LokerBot queues');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("base-uri 'self'");
    expect(page.headers.get('x-powered-by')).toBeNull();

    const script = /<script defer src="(static\/js\/main\.[^"]+\.js)"/.exec(html)?.[1];
    const style = /<link href="(static\/css\/main\.[^"]+\.css)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    expect(style).toBeDefined();
    const js = await fetch(`${base}/${script}`, { headers: { cookie } });
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    const css = await fetch(`${base}/${style}`, { headers: { cookie } });
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/text\/css/);
    // Assets are behind the login too.
    expect((await fetch(`${base}/${script}`)).status).toBe(401);

    // Every other page keeps the strict policy.
    const elsewhere = (await fetch(`${server.baseUrl}/healthz`)).headers.get('content-security-policy') ?? '';
    expect(elsewhere).toContain("style-src 'self';");
    expect(elsewhere).toContain("base-uri 'none'");
  });

  it('lists every send queue and the fan-out and digest queues through its API', async () => {
    const response = await fetch(`${base}/api/queues?activeQueue=send-telegram&status=latest&page=1&jobsPerPage=10`, { headers: bearer('admin') });
    expect(response.status).toBe(200);
    const { queues: shown } = (await response.json()) as { queues: { name: string }[] };
    expect(shown.map((q) => q.name).sort()).toEqual([...Object.values(SEND_QUEUES), 'digest', 'fanout', 'profile-refresh'].sort());
    expect((await fetch(`${base}/api/redis/stats`, { headers: bearer('admin') })).status).toBe(200);
  });

  it('lets only admin tokens in by Bearer: 403 for operator and company tokens', async () => {
    expect((await fetch(`${base}/api/queues`, { headers: bearer('operator') })).status).toBe(403);
    expect((await fetch(`${base}/api/queues`, { headers: bearer('company') })).status).toBe(403);
    expect((await fetch(`${base}/api/queues`, { headers: { authorization: 'Bearer nobody-has-this-token-at-all' } })).status).toBe(401);
  });

  it('audits a change made through the dashboard, and refuses one from another site', async () => {
    const cookie = await loggedInCookie();
    const pause = (headers: Record<string, string>) => fetch(`${base}/api/queues/send-telegram/pause`, { method: 'PUT', headers: { cookie, ...headers } });
    expect((await pause({ 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' })).status).toBe(403);
    expect(await queues.queue(SEND_QUEUES.telegram).isPaused()).toBe(false);
    expect((await pause({ 'sec-fetch-site': 'same-origin', origin: server.baseUrl })).status).toBe(200);
    expect(await queues.queue(SEND_QUEUES.telegram).isPaused()).toBe(true);
    const audit = await store.audit.listForTarget('queue', 'send-telegram');
    expect(audit).toEqual([expect.objectContaining({ actor: 'tok-admin', action: 'queue-dashboard.put', details: { path: '/api/queues/send-telegram/pause' } })]);
  });

  it('locks a session out as soon as its token is revoked, and refuses a forged or expired cookie', async () => {
    const cookie = await loggedInCookie();
    expect((await fetch(`${base}/api/queues`, { headers: { cookie } })).status).toBe(200);
    await revokeAdminToken(store, 'tok-admin', { actor: 'test' });
    expect((await fetch(`${base}/api/queues`, { headers: { cookie } })).status).toBe(401);

    const other = new AdminSessionSigner(Buffer.alloc(32, 8), 'queue-dashboard');
    const forged = `${QUEUE_DASHBOARD_COOKIE}=${other.issue('tok-admin', 3600)}`;
    expect((await fetch(`${base}/api/queues`, { headers: { cookie: forged } })).status).toBe(401);
    const ours = new AdminSessionSigner(KEY, 'queue-dashboard');
    const expired = `${QUEUE_DASHBOARD_COOKIE}=${ours.issue('tok-admin', 60, Date.now() - 3600_000)}`;
    expect((await fetch(`${base}/api/queues`, { headers: { cookie: expired } })).status).toBe(401);
    // A session for another use of the same key is no dashboard session.
    const elsewhere = `${QUEUE_DASHBOARD_COOKIE}=${new AdminSessionSigner(KEY, 'admin-dashboard').issue('tok-admin', 3600)}`;
    expect((await fetch(`${base}/api/queues`, { headers: { cookie: elsewhere } })).status).toBe(401);
  });

  it('logs out: the cookie is cleared', async () => {
    const cookie = await loggedInCookie();
    const response = await fetch(`${base}/logout`, { redirect: 'manual', headers: { cookie, 'sec-fetch-site': 'same-origin' } });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/admin/queues/login');
    expect(response.headers.getSetCookie()[0]).toMatch(new RegExp(`^${QUEUE_DASHBOARD_COOKIE}=;.*Max-Age=0`));
  });

  const adminLimitersFor = (limits: { loginsPerIp: number }) => testAdminApi({ store, queues, redis: redis.client, limits });

  it('counts login attempts per address in Redis: past the limit the form answers 429 and lets nobody in', async () => {
    const { limiters } = adminLimitersFor({ loginsPerIp: 2 });
    const limited = await startAdminApp(silent, [['/admin/queues', queueDashboardRouter({ store, queues, logger: silent, sessionKey: KEY, loginLimiter: (onLimited) => limiters.login(onLimited, 'queues') })]]);
    try {
      const attempt = (token: string) =>
        fetch(`${limited.baseUrl}/admin/queues/login`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: limited.baseUrl, 'sec-fetch-site': 'same-origin' }, body: new URLSearchParams({ token }).toString() });
      expect((await attempt('a-wrong-token-guessed-here')).status).toBe(401);
      expect((await attempt('another-wrong-token-guessed')).status).toBe(401);
      const blocked = await attempt(TOKENS.admin.secret);
      expect(blocked.status).toBe(429);
      expect(blocked.headers.getSetCookie()).toEqual([]);
      expect(await blocked.text()).toMatch(/Too many login attempts/);
    } finally {
      await limited.close();
    }
  });
});
