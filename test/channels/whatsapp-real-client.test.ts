import fs from 'node:fs';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { TelegramAdapter } from '../../src/channels/telegram/index.js';
import { WhatsAppAdapter, realClientFactory } from '../../src/channels/whatsapp/index.js';
import { createLogger } from '../../src/runtime/logger.js';
import { tempDir } from '../helpers/temp-dir.js';
import { StandInHandler } from './stand-in-handler.js';
import { TelegramEmulator, type EmulatedUser } from './telegram-emulator.js';

const CHROMIUM = process.env.PUPPETEER_EXECUTABLE_PATH ?? '/usr/bin/chromium';
const dewi: EmulatedUser = { id: 7001, first_name: 'Dewi', language_code: 'id' };

/**
 * The real whatsapp-web.js client with the system Chromium. WhatsApp Web cannot be reached from
 * here, so this checks the failure path: start() returns at once, one clear error line is logged,
 * readiness says "failed", nothing is thrown, and Telegram keeps working beside it. Where WhatsApp
 * Web is reachable the client shows a QR instead, which is accepted too.
 */
describe.skipIf(!fs.existsSync(CHROMIUM))('WhatsApp adapter with the real client and system Chromium', () => {
  const dataDir = tempDir('lokerbot-wa');
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({
    level: 'info',
    destination: new Writable({
      write(chunk: Buffer, _encoding, callback) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
        callback();
      },
    }),
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('fails cleanly within a minute and leaves Telegram running', { timeout: 90_000 }, async () => {
    const emulator = new TelegramEmulator();
    await emulator.start();
    const telegram = new TelegramAdapter({ ...emulator.connection, logger: createLogger({ level: 'silent' }) });
    const whatsapp = new WhatsAppAdapter({
      logger,
      clientFactory: realClientFactory({ dataDir, chromiumPath: CHROMIUM }),
      reconnect: { initialMs: 600_000 },
      initTimeoutMs: 45_000,
      printQr: () => undefined,
    });
    try {
      const began = Date.now();
      await whatsapp.start(new StandInHandler());
      expect(Date.now() - began).toBeLessThan(1_000);
      await telegram.start(new StandInHandler());

      const deadline = Date.now() + 60_000;
      const settled = () => whatsapp.state === 'waiting-for-qr' || lines.some((l) => l.level === 'error');
      while (!settled() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      const state = await whatsapp.readiness.check();
      expect(state.ready).toBe(false);
      expect(['failed', 'waiting-for-qr']).toContain(state.state);
      if (state.state === 'failed') {
        const errors = lines.filter((l) => l.level === 'error');
        expect(errors).toHaveLength(1);
        expect(errors[0]?.msg).toMatch(/WhatsApp is not connected; retrying with backoff \(other channels keep running\)/);
        expect(String(errors[0]?.outcome)).toMatch(/^initialize-(failed|timeout)/);
      }

      emulator.userSends(dewi, 'halo');
      const [reply] = await emulator.waitForSent(dewi.id, 1);
      expect(reply?.text).toBe('echo: halo');
    } finally {
      await whatsapp.stop();
      await telegram.stop();
      await emulator.stop();
    }
    expect(whatsapp.state).toBe('stopped');
  });
});
