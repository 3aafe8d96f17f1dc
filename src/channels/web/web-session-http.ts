import type { Request, RequestHandler, Response } from 'express';
import { SessionInvalidError } from '../../errors/index.js';
import { readCookie, sessionSetCookie, type SessionCookie } from '../../http/session-cookie.js';
import type { IssuedWebSession, WebSession, WebSessionSigner } from './web-session.js';

/** The cookie the chat page's session lives in (HttpOnly: the page's script never sees it). */
export const SESSION_COOKIE = 'lokerbot_session';
/** Half a year: a job seeker comes back to the page weeks later and finds their conversation. */
const COOKIE_MAX_AGE_SECONDS = 180 * 24 * 60 * 60;
// Lax: sent when the person opens the page from a link, never with another site's POST (no CSRF).
const CHAT_COOKIE: SessionCookie = { name: SESSION_COOKIE, path: '/', sameSite: 'lax' };

const sessions = new WeakMap<Request, WebSession>();

/**
 * Finds the request's session: `Authorization: Bearer <token>` (API clients) first, else the
 * cookie (the page, and its EventSource, which cannot set headers). A credential that does not
 * verify is a SessionInvalidError (401), and a bad cookie is cleared so the page can start over;
 * no credential at all leaves the request without a session (a new conversation, where allowed).
 * Other Authorization schemes (a Basic-auth staging proxy) are not ours and are ignored.
 */
export function readSession(signer: WebSessionSigner): RequestHandler {
  return (req, res, next) => {
    const bearer = bearerToken(req);
    const cookie = bearer === undefined ? readCookie(req, SESSION_COOKIE) : undefined;
    const token = bearer ?? cookie;
    if (token === undefined) return next();
    const session = signer.verify(token);
    if (!session) {
      if (cookie !== undefined) clearSessionCookie(req, res);
      return next(new SessionInvalidError('the web chat session is not valid (expired key or garbled token); send a message without it to start a new conversation'));
    }
    sessions.set(req, session);
    next();
  };
}

/** The verified session of a request that went through `readSession`, if it had one. */
export function sessionOf(req: Request): WebSession | undefined {
  return sessions.get(req);
}

/** The verified session, or a SessionInvalidError (401) for routes that need one. */
export function requireSession(req: Request): WebSession {
  const session = sessions.get(req);
  if (!session) throw new SessionInvalidError('no web chat session: send a message first; its reply sets the session cookie and returns sessionToken');
  return session;
}

/** Starts a new conversation for this request: a new signed session, set as the page's cookie. */
export function startSession(signer: WebSessionSigner, req: Request, res: Response): IssuedWebSession {
  const issued = signer.issue();
  sessions.set(req, issued);
  res.append('Set-Cookie', sessionSetCookie(req, CHAT_COOKIE, issued.token, COOKIE_MAX_AGE_SECONDS));
  return issued;
}

function clearSessionCookie(req: Request, res: Response): void {
  res.append('Set-Cookie', sessionSetCookie(req, CHAT_COOKIE, '', 0));
}

function bearerToken(req: Request): string | undefined {
  const header = req.get('authorization');
  if (header === undefined) return undefined;
  const match = /^Bearer\s+(.*)$/is.exec(header.trim());
  return match ? (match[1] ?? '').trim() : undefined;
}
