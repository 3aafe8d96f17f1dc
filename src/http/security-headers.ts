import type { RequestHandler } from 'express';
import helmet from 'helmet';

export interface SecurityHeaderOptions {
  /**
   * Who may show pages in a frame (`frame-ancestors`), by path prefix: e.g.
   * `{ '/chat': ["'self'", 'https://disnaker.bekasikab.go.id'] }` lets the office website embed the
   * chat page. Every other path may be framed by this site only. Default: none (`'self'` everywhere).
   */
  readonly frameAncestors?: Readonly<Record<string, readonly string[]>>;
}

const SELF = ["'self'"] as const;

/**
 * helmet's headers for every response, with a Content-Security-Policy strict enough for the chat
 * page (scripts and styles from this origin only, no inline code; images may be `data:` for the
 * favicon) and harmless on JSON. `upgrade-insecure-requests` is left out: a pilot served over
 * plain http on the office network would break with it.
 */
export function securityHeaders(options: SecurityHeaderOptions = {}): RequestHandler {
  const prefixes = Object.entries(options.frameAncestors ?? {}).sort(([a], [b]) => b.length - a.length);
  // One helmet per distinct frame-ancestors list, each with a static policy: helmet then builds its
  // header strings once, where a per-request directive rebuilt the policy on every response.
  const bySources = new Map<string, RequestHandler>();
  const handlerFor = (ancestors: readonly string[]): RequestHandler => {
    const key = ancestors.join(' ');
    let handler = bySources.get(key);
    if (!handler) {
      handler = headersFor(ancestors);
      bySources.set(key, handler);
    }
    return handler;
  };
  const routed = prefixes.map(([prefix, ancestors]) => ({ prefix: prefix.replace(/\/$/, ''), handler: handlerFor(ancestors) }));
  const fallback = handlerFor(SELF);
  return (req, res, next) => {
    const pathname = (req.url ?? '/').split('?')[0] ?? '/';
    const match = routed.find(({ prefix }) => pathname === prefix || pathname.startsWith(`${prefix}/`));
    (match?.handler ?? fallback)(req, res, next);
  };
}

function headersFor(ancestors: readonly string[]): RequestHandler {
  const headers = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: [...ancestors],
      },
    },
    // X-Frame-Options cannot name other sites: set only where it says the same as the CSP.
    xFrameOptions: ancestors.length === 1 && ancestors[0] === "'self'" ? { action: 'sameorigin' } : ancestors.length === 1 && ancestors[0] === "'none'" ? { action: 'deny' } : false,
  });
  return headers;
}
