import { describe, expect, it } from 'vitest';
import { ConversationBusyError, ConversationStateStore } from '../../src/conversation/index.js';
import type { ConversationState } from '../../src/conversation/state-store.js';
import type { RedisClient } from '../../src/runtime/redis-client.js';
import { uniquePrefix, useTestRedis } from '../helpers/redis.js';
import { sleep } from '../helpers/wait.js';

const KEY = Buffer.alloc(32, 5);
const person = 'whatsapp/+6281234567890';
const DAY_S = 24 * 3600;
const CHOICES = [
  { id: 'alert:detail:vac-1', label: 'Detail' },
  { id: 'alert:apply:vac-1', label: 'Lamar' },
  { id: 'alert:unsubscribe:sub-1', label: 'Berhenti langganan' },
];

/** Two stores on one prefix: the web process's engine and the worker's send side. */
function twoProcesses(redis: RedisClient, options: Partial<ConstructorParameters<typeof ConversationStateStore>[1]> = {}): [ConversationStateStore, ConversationStateStore] {
  const prefix = uniquePrefix('alert-state');
  const make = () => new ConversationStateStore(redis, { keySecret: KEY, prefix, ...options });
  return [make(), make()];
}

const keep = (update: (state: ConversationState) => ConversationState, consented = true) => (state: ConversationState) =>
  Promise.resolve({ result: 'done', keep: update(state), consented });

describe('ConversationStateStore.rememberAlert', () => {
  const redis = useTestRedis();
  const processes = (options: Parameters<typeof twoProcesses>[1] = {}) => twoProcesses(redis.client, options);

  it('keeps the kind, the time, the reply deadline and the choices of the alert', async () => {
    const [states] = processes({ alertReplySeconds: 3600 });
    const at = new Date('2026-12-01T00:00:00.000Z');
    await states.rememberAlert(person, CHOICES, 'vacancy-alert', at);
    expect((await states.load(person)).alert).toEqual({ kind: 'vacancy-alert', at: at.toISOString(), until: '2026-12-01T01:00:00.000Z', choices: CHOICES });
  });

  it('waits for a turn in progress in another process, so the turn keeps its answers and the alert is kept too', async () => {
    const [engine, sender] = processes();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const turn = engine.withTurn(person, 'm1', async (state) => {
      await gate;
      return { result: 'turn', keep: { ...state, flow: 'registration', step: 'experience-years', data: { name: 'Budi' } }, consented: true };
    }, () => 'dup');
    await sleep(50);
    let remembered = false;
    const remember = sender.rememberAlert(person, CHOICES, 'vacancy-alert').then(() => (remembered = true));
    await sleep(200);
    expect(remembered).toBe(false);
    release();
    await Promise.all([turn, remember]);
    const state = await engine.load(person);
    expect(state).toMatchObject({ flow: 'registration', step: 'experience-years', data: { name: 'Budi' } });
    expect(state.alert?.choices).toEqual(CHOICES);
  });

  it('is seen by the next turn, which it does not count as a handled message', async () => {
    const [engine, sender] = processes();
    await sender.rememberAlert(person, CHOICES, 'broadcast');
    expect(await redis.client.zCard(engine.keysOf(person).seen)).toBe(0);
    let seen: ConversationState['alert'];
    const result = await engine.withTurn(person, 'm1', (state) => {
      seen = state.alert;
      return Promise.resolve({ result: 'ran', keep: state, consented: true });
    }, () => 'dup');
    expect(result).toBe('ran');
    expect(seen?.kind).toBe('broadcast');
  });

  it("keeps a consented person's state as long as their last turn said, not longer", async () => {
    const [engine, sender] = processes({ retentionSeconds: 90 * DAY_S });
    await engine.withTurn(person, 'm1', keep((s) => ({ ...s, locale: 'id' })), () => 'dup');
    const before = await redis.client.ttl(engine.keysOf(person).state);
    await sender.rememberAlert(person, CHOICES, 'vacancy-alert');
    const after = await redis.client.ttl(engine.keysOf(person).state);
    expect(after).toBeLessThanOrEqual(before);
    expect(after).toBeGreaterThan(89 * DAY_S);
    expect((await engine.load(person)).locale).toBe('id');
  });

  it('keeps a new or shorter-lived state for the reply window only, long enough to answer the alert', async () => {
    const [engine, sender] = processes({ unconsentedTtlSeconds: 120, alertReplySeconds: DAY_S });
    await sender.rememberAlert(person, CHOICES, 'vacancy-alert');
    const fresh = await redis.client.ttl(engine.keysOf(person).state);
    expect(fresh).toBeGreaterThan(DAY_S - 60);
    expect(fresh).toBeLessThanOrEqual(DAY_S);
    const other = 'telegram/5550001';
    await engine.withTurn(other, 'm1', keep((s) => s, false), () => 'dup');
    await sender.rememberAlert(other, CHOICES, 'vacancy-alert');
    expect(await redis.client.ttl(engine.keysOf(other).state)).toBeGreaterThan(DAY_S - 60);
  });

  it('keys the person by pseudonym: their number is in no key and no value', async () => {
    const [states] = processes();
    await states.rememberAlert(person, CHOICES, 'digest');
    const mine = states.keysOf(person);
    expect((await redis.client.keys('*')).join(' ')).not.toMatch(/6281234567890|whatsapp/);
    expect(await redis.client.get(mine.state)).not.toMatch(/6281234567890/);
  });

  it('gives up as busy, writing nothing, when a turn holds the person longer than it waits', async () => {
    const [states] = processes({ lockTtlMs: 300, lockWaitMs: 400 });
    await redis.client.set(states.keysOf(person).lock, 'other-process', { PX: 10_000 });
    const error = await states.rememberAlert(person, CHOICES, 'vacancy-alert').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConversationBusyError);
    expect(await redis.client.get(states.keysOf(person).state)).toBeNull();
    expect(await redis.client.get(states.keysOf(person).lock)).toBe('other-process');
  });
});
