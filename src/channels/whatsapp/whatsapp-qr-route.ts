import express, { type RequestHandler, type Router } from 'express';
import { qrToSvg } from './qr-image.js';
import type { WhatsAppState } from './whatsapp-connection.js';

export interface QrSource {
  readonly state: WhatsAppState;
  readonly pendingQr: string | undefined;
}

/**
 * Admin routes for pairing the WhatsApp number: `GET /qr` is the waiting QR code as an SVG image
 * (404 with the state when none is waiting), `GET /status` the state. Whoever scans the QR owns the
 * bot's number, so the routes only exist behind the admin auth middleware given here.
 */
export function whatsappQrRouter(source: QrSource, auth: RequestHandler): Router {
  const router = express.Router();
  router.use(auth);
  router.get('/qr', async (_req, res) => {
    const qr = source.pendingQr;
    res.set('cache-control', 'no-store');
    if (!qr) {
      // The admin API's one error shape; the state is in `details`.
      res.status(404).json({ error: { code: 'loker:whatsapp-no-qr', message: `no QR code waiting (state: ${source.state})`, details: { state: source.state } } });
      return;
    }
    // express 5 hands a rejected promise to the error middleware.
    res.type('image/svg+xml').send(await qrToSvg(qr));
  });
  router.get('/status', (_req, res) => {
    res.set('cache-control', 'no-store').json({ state: source.state, qrWaiting: source.pendingQr !== undefined });
  });
  return router;
}
