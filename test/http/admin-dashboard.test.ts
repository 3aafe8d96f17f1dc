import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { revokeAdminToken } from '../../src/admin/admin-tokens.js';
import { ADMIN_DASHBOARD_COOKIE, ADMIN_DASHBOARD_PATH, adminDashboardRouter, adminDashboardSession } from '../../src/http/admin-dashboard.js';
import { projectRoot } from '../../src/project-root.js';
import type { Store } from '../../src/store/index.js';
import { AdminApiHarness, TOKENS } from '../helpers/admin-app.js';
import { useTestRedis } from '../helpers/redis.js';

const redis = useTestRedis();

describe('admin dashboard: login, session cookie, CSRF', () => {
  const admin = new AdminApiHarness(redis);
  let store: Store;
  let base = '';

  beforeEach(async () => {
    await admin.open();
    store = admin.store;
    const options = { store, sessionKey: Buffer.alloc(32, 3), pagesDir: path.join(projectRoot(), 'public', 'admin'), localesDir: path.join(projectRoot(), 'locales') };
    const session = adminDashboardSession(options);
    await admin.serve({ session }, [[ADMIN_DASHBOARD_PATH, adminDashboardRouter(options, session)]]);
    base = admin.server?.baseUrl ?? '';
  });
  afterEach(() => admin.close());

  const sameSite = { origin: '', 'sec-fetch-site': 'same-origin' };
  async function login(token: string): Promise<{ status: number; cookie: string; setCookie: string }> {
    const response = await fetch(`${base}/admin/login`, { method: 'POST', redirect: 'manual', headers: { ...sameSite, origin: base, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token }).toString() });
    const setCookie = response.headers.getSetCookie()[0] ?? '';
    return { status: response.status, cookie: setCookie.split(';')[0] ?? '', setCookie };
  }

  it('sends a browser to the bilingual login form, then exchanges a token of any role for an HttpOnly SameSite=Strict cookie, audited', async () => {
    const page = await fetch(`${base}/admin/`, { redirect: 'manual', headers: { accept: 'text/html' } });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/admin/login');
    const form = await (await fetch(`${base}/admin/login`)).text();
    expect(form).toContain('Token admin / <span lang="en">Admin token</span>');
    expect(form).not.toMatch(/<script|style=/);

    const { status, cookie, setCookie } = await login(TOKENS.company.secret);
    expect(status).toBe(303);
    expect(setCookie).toMatch(new RegExp(`^${ADMIN_DASHBOARD_COOKIE}=v1\\.`));
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).toMatch(/Path=\//);
    expect(await store.audit.listForTarget('admin-token', TOKENS.company.id)).toEqual([expect.objectContaining({ action: 'admin-dashboard.login' })]);

    // The cookie opens the pages, the words and the API, as that token's role.
    const index = await fetch(`${base}/admin/`, { headers: { cookie } });
    expect(index.status).toBe(200);
    expect(await index.text()).toContain('<script src="/admin/app.js" defer></script>');
    const texts = (await (await fetch(`${base}/admin/i18n.json`, { headers: { cookie } })).json()) as Record<string, Record<string, string>>;
    expect(texts.id?.['admin.lint.age-limit']).toBe('Batas usia');
    expect(texts.en?.['admin.lint.age-limit']).toBe('Age limit');
    expect(await (await fetch(`${base}/api/admin/me`, { headers: { cookie } })).json()).toMatchObject({ id: TOKENS.company.id, role: 'company', companyId: 'cmp-astra' });
    expect((await fetch(`${base}/api/admin/statistics`, { headers: { cookie } })).status).toBe(403);
  });

  it('refuses a wrong token with the same page for every refusal', async () => {
    const { status, setCookie } = await login('not-a-token-anybody-has-made');
    expect(status).toBe(401);
    expect(setCookie).toBe('');
  });

  it('serves Chart.js from the installed package, before the login (no CDN)', async () => {
    const response = await fetch(`${base}/admin/assets/chart.umd.min.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/javascript/);
    expect(await response.text()).toMatch(/Chart\.js v4/);
  });

  it('takes changes on the strength of the cookie only from its own origin (CSRF), and only as JSON', async () => {
    const { cookie } = await login(TOKENS.operator.secret);
    const body = JSON.stringify({ title: 'Dari situs lain', company: { name: 'PT X' }, kecamatan: 'Setu' });
    const crossSite = await fetch(`${base}/api/admin/vacancies`, { method: 'POST', headers: { cookie, 'content-type': 'application/json', 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' }, body });
    expect(crossSite.status).toBe(403);
    const form = await fetch(`${base}/api/admin/vacancies`, { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' }, body: 'title=x' });
    expect(form.status).toBe(415);
    expect(await store.vacancies.count()).toBe(0);
    const own = await fetch(`${base}/api/admin/vacancies`, { method: 'POST', headers: { cookie, 'content-type': 'application/json', 'sec-fetch-site': 'same-origin', origin: base }, body });
    expect(own.status).toBe(201);
  });

  it('ends every session of a revoked token at once', async () => {
    const { cookie } = await login(TOKENS.admin.secret);
    expect((await fetch(`${base}/api/admin/me`, { headers: { cookie } })).status).toBe(200);
    await revokeAdminToken(store, TOKENS.admin.id, { actor: 'cli' });
    expect((await fetch(`${base}/api/admin/me`, { headers: { cookie } })).status).toBe(401);
  });
});
