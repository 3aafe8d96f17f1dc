import { escapeHtml, paragraphsHtml } from '../admin/html-text.js';
import type { PublicVacancy } from '../admin/public-vacancies.js';
import { formatDate, type Locales } from '../conversation/index.js';
import { salaryText, trustText } from '../conversation/vacancy-text.js';

/*
 * The public page of one vacancy, in Indonesian: plain semantic HTML (headings, a definition list,
 * a link to apply through the chat) that reads well in a screen reader and needs no script or
 * style under the site's strict CSP, with the vacancy's JobPosting as JSON-LD for search engines.
 */

const LOCALE = 'id';

export function vacancyPageHtml({ vacancy: v, company, occupationCode }: PublicVacancy, jobPosting: object, url: string, locales: Locales): string {
  const t = (key: string, params: Record<string, string | number> = {}) => locales.t(LOCALE, key, params);
  const salary = salaryText(v, t);
  const facts: [string, string][] = [
    [t('jobs.page.company'), `${company.name} (${trustText(true, t, 'line')})`],
    [t('jobs.page.place'), `${v.kecamatan}${v.estate ? ` (${v.estate})` : ''}, Kabupaten Bekasi`],
    [t('jobs.page.salary'), v.salaryMin === undefined ? salary : t('jobs.page.per-month', { salary })],
    [t('jobs.page.type'), t(`jobtype.${v.employmentType.toLowerCase()}`)],
    ...(v.minEducation ? [[t('jobs.page.education'), v.minEducation] as [string, string]] : []),
    [t('jobs.page.quota'), t('jobs.page.people', { n: v.quota })],
    ...(v.deadline ? [[t('jobs.page.deadline'), formatDate(v.deadline, LOCALE)] as [string, string]] : []),
    ...(occupationCode ? [[t('jobs.page.occupation'), occupationCode] as [string, string]] : []),
  ];
  const body = [
    `<h1>${escapeHtml(v.title)}</h1>`,
    `<dl>\n${facts.map(([term, value]) => `<dt>${escapeHtml(term)}</dt><dd>${escapeHtml(value)}</dd>`).join('\n')}\n</dl>`,
    v.description ? `<h2>${escapeHtml(t('jobs.page.description'))}</h2>\n${paragraphsHtml(v.description)}` : '',
    v.requirements ? `<h2>${escapeHtml(t('jobs.page.requirements'))}</h2>\n${paragraphsHtml(v.requirements)}` : '',
    `<p><a href="/chat">${escapeHtml(t('jobs.page.apply'))}</a></p>`,
  ];
  const head = `<link rel="canonical" href="${escapeHtml(url)}">\n<script type="application/ld+json">${jsonForScript(jobPosting)}</script>`;
  return page(`${v.title} — ${company.name}`, head, body.filter(Boolean).join('\n'), t);
}

export function notFoundPageHtml(locales: Locales): string {
  const t = (key: string) => locales.t(LOCALE, key);
  return page(t('jobs.page.not-found-title'), '<meta name="robots" content="noindex">', `<h1>${escapeHtml(t('jobs.page.not-found-title'))}</h1>\n<p>${escapeHtml(t('jobs.page.not-found'))}</p>\n<p><a href="/chat">${escapeHtml(t('jobs.page.apply'))}</a></p>`, t);
}

/**
 * JSON inside a `<script>` element: `<` (so no `</script>` or `<!--` ends it), `>` and `&` as JSON
 * escapes, which parsers read back as the same characters; U+2028/2029 for old JavaScript parsers.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function page(title: string, head: string, main: string, t: (key: string) => string): string {
  return `<!doctype html>
<html lang="${LOCALE}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} | LokerBot</title>
<link rel="icon" href="data:,">
${head}
</head>
<body>
<header><p>${escapeHtml(t('jobs.page.site'))}</p></header>
<main>
${main}
</main>
</body>
</html>
`;
}
