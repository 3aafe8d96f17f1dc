import { describe, expect, it } from 'vitest';
import { TopK } from '../../src/matching/top-k.js';

describe('TopK', () => {
  it('keeps the k best, best first, ties in slot order, and says when an offer entered', () => {
    const heap = new TopK(3);
    expect(heap.threshold).toBe(Number.NEGATIVE_INFINITY);
    expect([heap.offer(1, 10), heap.offer(5, 11), heap.offer(3, 12)]).toEqual([true, true, true]);
    expect(heap.threshold).toBe(1);
    expect(heap.offer(0.5, 13)).toBe(false);
    expect(heap.offer(3, 9)).toBe(true);
    expect(heap.threshold).toBe(3);
    expect(heap.offer(3, 20)).toBe(false);
    expect(heap.drain()).toEqual([
      { score: 5, slot: 11 },
      { score: 3, slot: 9 },
      { score: 3, slot: 12 },
    ]);
    expect(heap.threshold).toBe(Number.NEGATIVE_INFINITY);
  });

  it('accepts nothing when k is 0', () => {
    const heap = new TopK(0);
    expect(heap.offer(1, 1)).toBe(false);
    expect(heap.drain()).toEqual([]);
  });
});
