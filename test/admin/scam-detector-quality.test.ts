import { describe, expect, it } from 'vitest';
import { loadPostings, scoreSet } from '../../bench/trust-eval-core.js';

/*
 * Floors a little under the figures measured on 2026-12-04 (README, "Posting review and the
 * fee/scam detector"). The held-out set was measured once and never tuned against: its floors
 * only guard what was measured.
 */
const FLOORS = {
  dev: { recall: 0.95, falsePositiveRate: 0.05 },
  test: { recall: 0.85, falsePositiveRate: 0.05 },
} as const;

describe.each(['dev', 'test'] as const)('the fee and scam detector on the %s trust postings', (set) => {
  const scores = scoreSet(loadPostings(set));

  it(`reads at least 60 labelled postings, fraud and honest`, () => {
    expect(scores.postings).toBeGreaterThanOrEqual(60);
    expect(scores.fraud).toBeGreaterThan(0);
    expect(scores.honest).toBeGreaterThan(0);
  });

  it(`flags at least ${FLOORS[set].recall} of the fraud and at most ${FLOORS[set].falsePositiveRate} of the honest postings`, () => {
    expect(scores.recall).toBeGreaterThanOrEqual(FLOORS[set].recall);
    expect(scores.falsePositiveRate).toBeLessThanOrEqual(FLOORS[set].falsePositiveRate);
  });
});
