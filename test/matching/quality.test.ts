import { describe, expect, it } from 'vitest';
import { evaluate } from '../../bench/eval-core.js';

/** Floors set a little under the measured 0.831 nDCG@10 / 0.506 recall@10 (MiniSearch: 0.634 / 0.400). */
const NDCG_FLOOR = 0.79;
const RECALL_FLOOR = 0.47;

describe('matching quality on the labelled Bekasi set', () => {
  const [engine, baseline] = evaluate();

  it(`keeps nDCG@10 ≥ ${NDCG_FLOOR} and recall@10 ≥ ${RECALL_FLOOR}`, () => {
    expect(engine!.ndcg10).toBeGreaterThanOrEqual(NDCG_FLOOR);
    expect(engine!.recall10).toBeGreaterThanOrEqual(RECALL_FLOOR);
  });

  it('ranks better than MiniSearch on the same data', () => {
    expect(engine!.ndcg10).toBeGreaterThan(baseline!.ndcg10);
    expect(engine!.recall10).toBeGreaterThan(baseline!.recall10);
  });
});
