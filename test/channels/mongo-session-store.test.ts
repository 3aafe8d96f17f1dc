import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoSessionStore } from '../../src/channels/whatsapp/mongo-session-store.js';
import { tempDir } from '../helpers/temp-dir.js';

const uri = process.env.MONGODB_URI;

/** RemoteAuth's session store; needs a MongoDB server, so it runs only when MONGODB_URI is set. */
describe.skipIf(!uri)('MongoSessionStore (needs MONGODB_URI; skipped without it)', () => {
  const dir = tempDir('lokerbot-wa-store');
  const session = `RemoteAuth-test-${process.pid}-${Date.now()}`;
  let store: MongoSessionStore;

  beforeAll(async () => {
    store = await MongoSessionStore.connect(uri!, dir, 'whatsapp_sessions_test');
  });
  afterAll(async () => {
    await store.delete({ session });
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('saves the zip RemoteAuth wrote, extracts the newest and deletes it', async () => {
    expect(await store.sessionExists({ session })).toBe(false);
    fs.writeFileSync(path.join(dir, `${session}.zip`), 'first');
    await store.save({ session });
    fs.writeFileSync(path.join(dir, `${session}.zip`), 'second');
    await store.save({ session });
    expect(await store.sessionExists({ session })).toBe(true);
    const out = path.join(dir, 'restored.zip');
    await store.extract({ session, path: out });
    expect(fs.readFileSync(out, 'utf8')).toBe('second');
    await store.delete({ session });
    expect(await store.sessionExists({ session })).toBe(false);
  });
});
