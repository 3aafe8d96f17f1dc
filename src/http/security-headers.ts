import type { IncomingMessage } from 'node:http';
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
export function securityHeaders(options: SecurityHeaderOptions = {}): RequestHandler[] {
  const prefixes = Object.entries(options.frameAncestors ?? {}).sort(([a], [b]) => b.length - a.length);
  const ancestorsOf = (req: IncomingMessage): readonly string[] => {
    const pathname = (req.url ?? '/').split('?')[0] ?? '/';
    return prefixes.find(([prefix]) => pathname === prefix || pathname.startsWith(`${prefix.replace(/\/$/, '')}/`))?.[1] ?? SELF;
  };
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
        frameAncestors: [(req) => ancestorsOf(req).join(' ')],
      },
    },
    // X-Frame-Options cannot name other sites; it is set below where it agrees with the CSP.
    xFrameOptions: false,
  });
  const frameOptions: RequestHandler = (req, res, next) => {
    const ancestors = ancestorsOf(req);
    // Old browsers read only X-Frame-Options; it can say "this site" or "nobody", nothing else.
    if (ancestors.length === 1 && ancestors[0] === "'self'") res.setHeader('X-Frame-Options', 'SAMEORIGIN');
    else if (ancestors.length === 1 && ancestors[0] === "'none'") res.setHeader('X-Frame-Options', 'DENY');
    next();
  };
  return [headers, frameOptions];
}
