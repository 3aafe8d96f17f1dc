import express, { type Request, type Router } from 'express';
import { jobPostingOf, type JobPostingTexts } from '../admin/job-posting-ld.js';
import type { PublicVacancies, PublicVacancy } from '../admin/public-vacancies.js';
import type { Locales } from '../conversation/index.js';
import { idSchema } from '../domain/index.js';
import { ServiceUnavailableError, ValidationError } from '../errors/index.js';
import { notFoundPageHtml, vacancyPageHtml } from './public-vacancy-page.js';
import { write } from './stream-write.js';

export interface PublicVacancyRoutesOptions {
  readonly vacancies: PublicVacancies;
  readonly locales: Locales;
  /** The site's public address for absolute links (`PUBLIC_BASE_URL`). Default: the request's protocol and host. */
  readonly baseUrl?: string | undefined;
  /** How long browsers, crawlers and proxies may keep the feed and pages, seconds. Default: 300. */
  readonly maxAgeSeconds?: number;
  /** Feeds written at once by this process; more answer 503 with `Retry-After`. Default: 4. */
  readonly maxConcurrentFeeds?: number;
}

/**
 * Public, without a login, for search engines and partner portals: `GET /lowongan.jsonld` (every
 * public vacancy as a schema.org ItemList of JobPosting, written as the store is read, so its size
 * never sits in memory) and `GET /lowongan/:id` (one vacancy's page with its JSON-LD). Which
 * vacancies are public: public-vacancies.ts.
 */
export function publicVacancyRouter(options: PublicVacancyRoutesOptions): Router {
  const { vacancies, locales } = options;
  const cache = `public, max-age=${options.maxAgeSeconds ?? 300}`;
  const texts = (listing: PublicVacancy): JobPostingTexts => ({
    requirements: locales.t('id', 'jobs.page.requirements'),
    noDescription: locales.t('id', 'jobs.page.no-description', { title: listing.vacancy.title, company: listing.company.name, kecamatan: listing.vacancy.kecamatan }),
  });
  const maxFeeds = options.maxConcurrentFeeds ?? 4;
  let feeds = 0;
  const router = express.Router();

  router.get('/lowongan.jsonld', async (req, res) => {
    const base = baseUrlOf(req, options.baseUrl);
    // Each feed reads every open vacancy: a few at a time, so crawlers cannot keep the store busy.
    if (feeds >= maxFeeds) throw new ServiceUnavailableError('loker:feed-busy', 'the vacancy feed is being written for other clients; retry shortly', { retryAfterSeconds: 10 });
    feeds++;
    res.once('close', () => feeds--);
    // Public data: a partner portal's page may read it from the browser too.
    res.status(200).type('application/ld+json; charset=utf-8').set({ 'Cache-Control': cache, 'Access-Control-Allow-Origin': '*', 'Cross-Origin-Resource-Policy': 'cross-origin' });
    await write(res, '{"@context":"https://schema.org","@type":"ItemList","itemListElement":[');
    let position = 0;
    for await (const listing of vacancies.list()) {
      if (res.destroyed) return;
      const url = pageUrl(base, listing.vacancy.id);
      const { '@context': _context, ...item } = jobPostingOf(listing, { url, texts: texts(listing) });
      await write(res, `${position > 0 ? ',' : ''}${JSON.stringify({ '@type': 'ListItem', position: ++position, url, item })}`);
    }
    res.end(`],"numberOfItems":${position}}`);
  });

  router.get('/lowongan/:id', async (req, res) => {
    const id = idSchema.safeParse(req.params.id);
    const listing = id.success ? await vacancies.get(id.data) : undefined;
    res.type('html').set('Content-Language', 'id');
    if (!listing) {
      res.status(404).set('Cache-Control', 'no-cache').send(notFoundPageHtml(locales));
      return;
    }
    const url = pageUrl(baseUrlOf(req, options.baseUrl), listing.vacancy.id);
    res.set('Cache-Control', cache).send(vacancyPageHtml(listing, jobPostingOf(listing, { url, texts: texts(listing) }), url, locales));
  });
  return router;
}

function pageUrl(base: string, id: string): string {
  return `${base}/lowongan/${encodeURIComponent(id)}`;
}

/** `PUBLIC_BASE_URL`, else this request's origin; a Host header that is no host name is refused. */
function baseUrlOf(req: Request, configured: string | undefined): string {
  if (configured) return configured;
  const host = req.get('host') ?? '';
  if (!/^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i.test(host)) throw new ValidationError('Host header', ['must be a host name, e.g. loker.bekasikab.go.id']);
  return `${req.protocol}://${host}`;
}
