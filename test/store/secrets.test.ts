import { expect, it } from 'vitest';
import { ValidationError } from '../../src/errors/index.js';
import { SECRET_BYTES } from '../../src/domain/index.js';
import { COLLECTIONS } from '../../src/store/index.js';
import { describeContract } from './contract-harness.js';
import { withWriteHooks, type WriteHooks } from './write-hooks.js';

/** Store-kept secrets: one random key per name that every process on the store shares. */
describeContract('store secrets', (h) => {
  it('creates a random 32-byte secret once and returns the same bytes afterwards', async () => {
    const key = await h.store.secrets.getOrCreate('web-session');
    expect(key).toHaveLength(SECRET_BYTES);
    expect(key.equals(Buffer.alloc(SECRET_BYTES))).toBe(false);
    expect((await h.store.secrets.getOrCreate('web-session')).equals(key)).toBe(true);
    expect(await h.store.secrets.get('web-session')).toEqual({ id: 'web-session', value: key.toString('base64'), createdAt: h.now.toISOString() });
  });

  it('gives different names different secrets', async () => {
    const session = await h.store.secrets.getOrCreate('web-session');
    const state = await h.store.secrets.getOrCreate('conversation-state');
    expect(state).toHaveLength(SECRET_BYTES);
    expect(state.equals(session)).toBe(false);
  });

  it('returns the same bytes to two processes asking at once', async () => {
    const [a, b] = await Promise.all([h.store.secrets.getOrCreate('web-session'), h.storeOn().secrets.getOrCreate('web-session')]);
    expect(a.equals(b)).toBe(true);
    expect(await h.store.secrets.count()).toBe(1);
  });

  it("returns the winner's bytes when another process inserts between this one's read and insert", async () => {
    const hooks: WriteHooks = {};
    const loser = h.storeOn(withWriteHooks(h.backend, hooks));
    let winner: Buffer | undefined;
    hooks.beforeInsert = async (collection) => {
      if (collection !== COLLECTIONS.secrets.name) return;
      hooks.beforeInsert = undefined;
      winner = await h.store.secrets.getOrCreate('web-session');
    };
    const key = await loser.secrets.getOrCreate('web-session');
    expect(winner).toBeDefined();
    expect(key.equals(winner ?? Buffer.alloc(0))).toBe(true);
    expect((await h.store.secrets.getOrCreate('web-session')).equals(key)).toBe(true);
  });

  it('refuses a name that could not be an id', async () => {
    await expect(h.store.secrets.getOrCreate('web session/key')).rejects.toBeInstanceOf(ValidationError);
    expect(await h.store.secrets.count()).toBe(0);
  });
});
