import { describe, expect, it } from 'vitest';
import { alertChoiceId, parseAlertChoice, type AlertAction } from '../../src/conversation/index.js';

describe('alert choice ids', () => {
  const actions: AlertAction[] = [
    { kind: 'detail', vacancyId: 'vac-1' },
    { kind: 'apply', vacancyId: 'imp.ABC_123' },
    { kind: 'report', vacancyId: 'vac-mf3k2a0001a1b2c3d4' },
    { kind: 'unsubscribe', subscriptionId: 'sub-mf3k2a0001a1b2c3d4' },
    { kind: 'broadcast-optout' },
  ];

  it('read back as the action they were made from', () => {
    for (const action of actions) expect(parseAlertChoice(alertChoiceId(action))).toEqual(action);
    expect(actions.map(alertChoiceId)).toEqual(['alert:detail:vac-1', 'alert:apply:imp.ABC_123', 'alert:report:vac-mf3k2a0001a1b2c3d4', 'alert:unsubscribe:sub-mf3k2a0001a1b2c3d4', 'broadcast:optout']);
  });

  it('fit in a Telegram button (64 bytes) for the ids the store makes', () => {
    for (const action of actions) expect(Buffer.byteLength(alertChoiceId(action))).toBeLessThanOrEqual(64);
  });

  it('are not confused with other answers: flow choice ids, numbers, words, or an id with characters no store id has', () => {
    for (const text of ['v1', 'apply', '2', 'lamar', 'alert:detail:', 'alert:delete:vac-1', 'alert:detail:vac 1', 'alert:detail:a:b', 'broadcast:optout:x']) {
      expect(parseAlertChoice(text)).toBeUndefined();
    }
  });
});
