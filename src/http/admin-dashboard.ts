import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import express, { Router, type RequestHandler } from 'express';
import { escapeHtml } from '../admin/html-text.js';
import { ADMIN_ROLES, LOCALES, type Locale } from '../domain/index.js';
import type { Store } from '../store/index.js';
import { AdminSessionSigner } from './admin-session.js';
import { dashboardAuth, dashboardLoginRouter, type DashboardAuthOptions, type LoginProblem } from './queue-dashboard-auth.js';

/** Where the dashboard is served, and its session cookie (sent to the pages and to /api/admin, nowhere else matters). */
export const ADMIN_DASHBOARD_PATH = '/admin';
export const ADMIN_DASHBOARD_COOKIE = 'lokerbot_admin';

export interface AdminDashboardOptions {
  readonly store: Store;
  /** Signs the session cookie: 32 random bytes every web process shares, e.g. `await store.secrets.getOrCreate('admin-dashboard-session')`. */
  readonly sessionKey: Buffer;
  /** Where the pages are: `public/admin/`. */
  readonly pagesDir: string;
  /** Where `id.json` and `en.json` are: `locales/`. */
  readonly localesDir: string;
  /** Counts login attempts per client address (AdminLimiters.login). Default: none. */
  readonly loginLimiter?: DashboardAuthOptions['loginLimiter'];
  /** How long a login lasts, in seconds. Default: 8 hours (a working day; then the form again). */
  readonly sessionTtlSeconds?: number;
}

/**
 * The session the dashboard's login gives, for the dashboard router and for the admin API (the
 * pages call it with the cookie): any token role may log in, and each route checks its own roles.
 * The cookie is HttpOnly, SameSite=Strict, Path=/ (the pages and /api/admin), Secure over https;
 * a change made on the strength of the cookie must come from this origin (Sec-Fetch-Site or Origin),
 * and the API reads JSON bodies only, so another site can neither send nor forge one.
 */
export function adminDashboardSession(options: AdminDashboardOptions): DashboardAuthOptions {
  const texts = dashboardTexts(options.localesDir);
  return {
    store: options.store,
    signer: new AdminSessionSigner(options.sessionKey, 'admin-dashboard'),
    basePath: ADMIN_DASHBOARD_PATH,
    cookieName: ADMIN_DASHBOARD_COOKIE,
    cookiePath: '/',
    sessionTtlSeconds: options.sessionTtlSeconds ?? 8 * 3600,
    roles: [...ADMIN_ROLES],
    auditName: 'admin-dashboard',
    loginPage: (problem) => loginPage(texts, problem),
    ...(options.loginLimiter ? { loginLimiter: options.loginLimiter } : {}),
  };
}

/**
 * The office's dashboard at `/admin`: a login form (token → session cookie), then the pages in
 * `admin/` (plain HTML, CSS and one script, under the strict CSP: nothing inline), Chart.js served
 * from the installed package (the office network may be offline: no CDN), and the dashboard's
 * words from `locales/` (`admin.*` keys, Indonesian and English).
 */
export function adminDashboardRouter(options: AdminDashboardOptions, session: DashboardAuthOptions = adminDashboardSession(options)): Router {
  const texts = dashboardTexts(options.localesDir);
  const chartJs = path.join(path.dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.min.js');
  const router = Router();
  router.use(dashboardLoginRouter(session));
  // The login page's style sheet is the dashboard's: served before the login.
  router.get('/app.css', (_req, res) => res.sendFile(path.join(options.pagesDir, 'app.css'), { headers: { 'Cache-Control': 'no-cache' } }));
  router.get('/assets/chart.umd.min.js', (_req, res) => res.sendFile(chartJs, { headers: { 'Cache-Control': 'public, max-age=86400' } }));
  router.use(dashboardAuth(session));
  router.get('/i18n.json', (_req, res) => {
    res.set('Cache-Control', 'no-cache').json(texts);
  });
  router.use(noStore, express.static(options.pagesDir, { index: 'index.html', fallthrough: true }));
  return router;
}

const noStore: RequestHandler = (_req, res, next) => {
  res.set('Cache-Control', 'no-cache');
  next();
};

type Texts = Readonly<Record<Locale, Readonly<Record<string, string>>>>;

/** The `admin.*` keys of each locale file, read once. */
function dashboardTexts(localesDir: string): Texts {
  return Object.fromEntries(
    LOCALES.map((locale) => {
      const all = JSON.parse(fs.readFileSync(path.join(localesDir, `${locale}.json`), 'utf8')) as Record<string, string>;
      return [locale, Object.fromEntries(Object.entries(all).filter(([key]) => key.startsWith('admin.')))];
    }),
  ) as Texts;
}

/** The login form in both languages (nobody has chosen one yet), plain HTML under the strict CSP. */
function loginPage(texts: Texts, problem?: LoginProblem): string {
  const both = (key: string) => `${escapeHtml(texts.id[key] ?? key)} / <span lang="en">${escapeHtml(texts.en[key] ?? key)}</span>`;
  return `<!doctype html>
<html lang="id">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><link rel="icon" href="data:,"><link rel="stylesheet" href="${ADMIN_DASHBOARD_PATH}/app.css"><title>LokerBot Admin</title></head>
<body class="login">
<main>
<h1>LokerBot Admin</h1>
<p>Disnaker Kabupaten Bekasi</p>
${problem ? `<p role="alert">${both(`admin.login.${problem}`)}</p>\n` : ''}<form method="post" action="${ADMIN_DASHBOARD_PATH}/login">
<label for="token">${both('admin.login.token')}</label>
<input id="token" name="token" type="password" autocomplete="current-password" required minlength="16" maxlength="512">
<button type="submit">${both('admin.login.submit')}</button>
</form>
</main>
</body>
</html>
`;
}
