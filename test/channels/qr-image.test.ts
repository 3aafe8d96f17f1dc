import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { qrToSvg, qrToTerminal } from '../../src/channels/whatsapp/qr-image.js';

/** A WhatsApp pairing code is about 240 characters like this. */
const PAIRING = `2@${'AbCdEfGh12345678+/'.repeat(10)},${'x'.repeat(44)}=,${'y'.repeat(44)}=,${'z'.repeat(24)}=`;

const hasTool = (name: string) => spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;
const chromium = process.env.PUPPETEER_EXECUTABLE_PATH ?? '/usr/bin/chromium';
const canDecode = hasTool('zbarimg') && fs.existsSync(chromium);

/** Dark (true) and light modules read back from the terminal drawing: two rows per line, half blocks. */
function modulesOfTerminal(text: string): boolean[][] {
  // eslint-disable-next-line no-control-regex -- the drawing's colours are ANSI escapes
  const lines = text.replace(/\x1b\[\d+m/g, '').split('\n');
  const rows: boolean[][] = [];
  for (const line of lines) {
    const chars = [...line];
    rows.push(chars.map((c) => c === '▀' || c === '█'));
    rows.push(chars.map((c) => c === '▄' || c === '█'));
  }
  return rows;
}

describe('WhatsApp pairing QR pictures', () => {
  it('draws an SVG document with a quiet zone of 4 modules (version 1: 21 + 8)', async () => {
    const svg = await qrToSvg('HELLO');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 29 29"/);
    expect(svg).toContain('fill="#ffffff"');
  });

  it('draws for the terminal exactly the modules of the code, dark on a white border', async () => {
    const code = QRCode.create(PAIRING, { errorCorrectionLevel: 'M' });
    const size = code.modules.size;
    const drawn = modulesOfTerminal(await qrToTerminal(PAIRING));
    // The drawing starts one light row and column before the code.
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) expect(drawn[y + 1]?.[x + 1], `module ${x},${y}`).toBe(code.modules.get(y, x) === 1);
      expect(drawn[y + 1]?.[0]).toBe(false);
    }
    expect(drawn[0]?.every((dark) => !dark)).toBe(true);
  });

  // Decoding needs zbarimg (Debian zbar-tools) and Chromium to rasterise the SVG; skipped without them.
  it.skipIf(!canDecode)('produces an SVG code a real decoder reads back', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lokerbot-qr-'));
    try {
      const svg = path.join(dir, 'qr.svg');
      const png = path.join(dir, 'qr.png');
      fs.writeFileSync(svg, await qrToSvg(PAIRING));
      execFileSync(chromium, ['--headless', '--no-sandbox', '--disable-gpu', `--screenshot=${png}`, '--window-size=700,700', `file://${svg}`], { stdio: 'ignore', timeout: 30_000 });
      const decoded = execFileSync('zbarimg', ['-q', '--raw', png], { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'ignore'] }).trim();
      expect(decoded).toBe(PAIRING);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
