import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeQr } from '../../src/channels/whatsapp/qr-code.js';
import { qrToSvg, qrToTerminal } from '../../src/channels/whatsapp/qr-image.js';

/** A WhatsApp pairing code is about 240 characters like this. */
const PAIRING = `2@${'AbCdEfGh12345678+/'.repeat(10)},${'x'.repeat(44)}=,${'y'.repeat(44)}=,${'z'.repeat(24)}=`;

const hasTool = (name: string) => spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;
const canDecode = hasTool('zbarimg') && fs.existsSync(process.env.PUPPETEER_EXECUTABLE_PATH ?? '/usr/bin/chromium');

describe('QR code encoder', () => {
  it('sizes the code by its content (version 1 is 21 modules)', () => {
    expect(encodeQr('HELLO').size).toBe(21);
    expect(encodeQr(PAIRING).size).toBeGreaterThan(41);
  });

  it('draws the three finder patterns', () => {
    const qr = encodeQr(PAIRING);
    for (const [x0, y0] of [[0, 0], [qr.size - 7, 0], [0, qr.size - 7]]) {
      const ring = [0, 1, 2, 3, 4, 5, 6].map((i) => qr.isDark(x0! + i, y0!));
      expect(ring.every(Boolean)).toBe(true);
      expect(qr.isDark(x0! + 3, y0! + 3)).toBe(true);
      expect(qr.isDark(x0! + 1, y0! + 1)).toBe(false);
    }
  });

  it('renders SVG and terminal text', () => {
    const qr = encodeQr('HELLO');
    expect(qrToSvg(qr)).toMatch(/^<svg [^>]*viewBox="0 0 29 29"/);
    expect(qrToTerminal(qr).split('\n')).toHaveLength(15);
  });

  // Decoding needs zbarimg (Debian zbar-tools) and Chromium to rasterise the SVG; skipped without them.
  it.skipIf(!canDecode)('produces a code a real decoder reads back', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lokerbot-qr-'));
    try {
      const svg = path.join(dir, 'qr.svg');
      const png = path.join(dir, 'qr.png');
      fs.writeFileSync(svg, qrToSvg(encodeQr(PAIRING), 6));
      const chromium = process.env.PUPPETEER_EXECUTABLE_PATH ?? '/usr/bin/chromium';
      execFileSync(chromium, ['--headless', '--no-sandbox', '--disable-gpu', `--screenshot=${png}`, '--window-size=700,700', `file://${svg}`], { stdio: 'ignore', timeout: 30_000 });
      const decoded = execFileSync('zbarimg', ['-q', '--raw', png], { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'ignore'] }).trim();
      expect(decoded).toBe(PAIRING);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
