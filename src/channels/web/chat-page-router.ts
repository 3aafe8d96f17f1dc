import path from 'node:path';
import express, { type Router } from 'express';

/** The page's files: its markup, script and style are separate so the CSP needs no 'unsafe-inline'. */
const FILES = { '/': 'chat.html', '/chat.js': 'chat.js', '/chat.css': 'chat.css' } as const;

/**
 * `/chat` (the page), `/chat/chat.js` and `/chat/chat.css` from `publicDir`. Only these three are
 * served, so nothing else that lands in `publicDir` is published by accident. `no-cache` makes a
 * browser revalidate them, so a deploy's new page and script arrive together.
 */
export function chatPageRouter(publicDir: string): Router {
  const router = express.Router();
  for (const [route, file] of Object.entries(FILES)) {
    router.get(route, (_req, res) => res.sendFile(path.join(publicDir, file), { headers: { 'Cache-Control': 'no-cache' } }));
  }
  return router;
}

/** `GET /`: the site's front door is the chat page. */
export function rootRedirectRouter(): Router {
  const router = express.Router();
  router.get('/', (_req, res) => res.redirect(302, '/chat'));
  return router;
}
