import path from 'node:path';
import { MongoSessionStore } from './mongo-session-store.js';
import type { WhatsAppClient, WhatsAppClientFactory } from './whatsapp-client.js';

/** Chromium flags: headless, no sandbox (containers), and nothing that phones home or updates. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] as const;

export interface RealClientFactoryOptions {
  /** `DATA_DIR`; the session lives in `<dataDir>/whatsapp`. Required. */
  readonly dataDir: string;
  /** `PUPPETEER_EXECUTABLE_PATH`. Default: `/usr/bin/chromium`. */
  readonly chromiumPath?: string;
  /** `MONGODB_URI`: when set the session is kept in MongoDB (RemoteAuth), else on disk (LocalAuth). Default: unset. */
  readonly mongodbUri?: string;
  /** Names the session, so two numbers could share a data dir. Default: `lokerbot`. */
  readonly clientId?: string;
  /** How often RemoteAuth uploads the session (≥ 60,000). Default: 300,000 ms. */
  readonly backupSyncIntervalMs?: number;
  /**
   * More Chromium flags after CHROMIUM_ARGS, e.g. `--proxy-server=…` where the browser must go
   * out through a proxy (a test points it at a closed port so WhatsApp Web can never load). Default: none.
   */
  readonly extraChromiumArgs?: readonly string[];
}

/**
 * Real whatsapp-web.js clients. The library (and puppeteer) is imported on first use, so a service
 * without WhatsApp never loads it.
 */
export function realClientFactory(options: RealClientFactoryOptions): WhatsAppClientFactory {
  const dataPath = path.join(options.dataDir, 'whatsapp');
  const clientId = options.clientId ?? 'lokerbot';
  let store: Promise<MongoSessionStore> | undefined;
  return {
    async create(): Promise<WhatsAppClient> {
      const { default: wwebjs } = await import('whatsapp-web.js');
      const authStrategy = options.mongodbUri
        ? new wwebjs.RemoteAuth({
            store: await (store ??= connectStore(options.mongodbUri, dataPath, () => (store = undefined))),
            clientId,
            dataPath,
            backupSyncIntervalMs: options.backupSyncIntervalMs ?? 300_000,
          })
        : new wwebjs.LocalAuth({ clientId, dataPath });
      const client: WhatsAppClient = new wwebjs.Client({
        authStrategy,
        puppeteer: { executablePath: options.chromiumPath ?? '/usr/bin/chromium', headless: true, args: [...CHROMIUM_ARGS, ...(options.extraChromiumArgs ?? [])] },
      });
      return client;
    },
    async close(): Promise<void> {
      const pending = store;
      store = undefined;
      if (pending) await (await pending).close();
    },
  };
}

/** Connects once; a failed attempt is forgotten so the next reconnect tries again. */
function connectStore(uri: string, dataPath: string, forget: () => void): Promise<MongoSessionStore> {
  return MongoSessionStore.connect(uri, dataPath).catch((error: unknown) => {
    forget();
    throw error;
  });
}
