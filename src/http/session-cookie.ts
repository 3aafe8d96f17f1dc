import { parseCookie, stringifySetCookie } from 'cookie';
import type { Request } from 'express';

/** Where a session cookie lives and when the browser sends it. */
export interface SessionCookie {
  readonly name: string;
  readonly path: string;
  readonly sameSite: 'lax' | 'strict';
}

/** The cookie's value on the request, or undefined when it is absent or empty. */
export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  return header ? parseCookie(header)[name] || undefined : undefined;
}

/** A `Set-Cookie` value for an HttpOnly session cookie; `maxAgeSeconds` 0 clears it. */
export function sessionSetCookie(req: Request, cookie: SessionCookie, value: string, maxAgeSeconds: number): string {
  return stringifySetCookie({
    name: cookie.name,
    value,
    httpOnly: true,
    sameSite: cookie.sameSite,
    path: cookie.path,
    maxAge: maxAgeSeconds,
    ...(maxAgeSeconds === 0 ? { expires: new Date(0) } : {}),
    // `req.secure` follows X-Forwarded-Proto from the trusted (loopback) proxy that ends TLS.
    secure: req.secure,
  });
}
