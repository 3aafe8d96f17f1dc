import type { SeekerFeatures, VacancyFeatures } from './features.js';
import { IntList } from './int-list.js';
import { scorePair, type ScoreContext } from './pair-score.js';
import { TopK } from './top-k.js';

/**
 * Reverse index of active seekers: query term → seeker slots. A vacancy gathers the seekers that
 * share at least one term with it and scores only those, with the same pair score as the forward
 * direction, so "top seekers for a vacancy" and "top vacancies for a seeker" agree.
 */
export class SeekerIndex {
  private readonly slotOf = new Map<string, number>();
  private readonly features: (SeekerFeatures | undefined)[] = [];
  private readonly freeSlots: number[] = [];
  private readonly postings = new Map<string, IntList>();
  private seen = new Uint32Array(1024);
  private epoch = 0;

  get size(): number {
    return this.slotOf.size;
  }

  get(id: string): SeekerFeatures | undefined {
    const slot = this.slotOf.get(id);
    return slot === undefined ? undefined : this.features[slot];
  }

  upsert(f: SeekerFeatures): void {
    this.remove(f.id);
    const slot = this.freeSlots.pop() ?? this.features.length;
    this.features[slot] = f;
    this.slotOf.set(f.id, slot);
    if (slot >= this.seen.length) {
      const grown = new Uint32Array(this.seen.length * 2);
      grown.set(this.seen);
      this.seen = grown;
    }
    if (!f.active) return;
    for (const term of f.query.keys()) {
      let list = this.postings.get(term);
      if (list === undefined) this.postings.set(term, (list = new IntList(2)));
      list.push(slot);
    }
  }

  remove(id: string): boolean {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return false;
    const f = this.features[slot]!;
    if (f.active) for (const term of f.query.keys()) this.postings.get(term)?.remove(slot);
    this.features[slot] = undefined;
    this.slotOf.delete(id);
    this.freeSlots.push(slot);
    return true;
  }

  /** The k active seekers the vacancy suits best, best first. */
  top(vacancy: VacancyFeatures, k: number, ctx: ScoreContext): { seeker: SeekerFeatures; score: number }[] {
    const heap = new TopK(k);
    const epoch = this.nextEpoch();
    for (const term of vacancy.terms) {
      const list = this.postings.get(term);
      if (list === undefined) continue;
      for (let i = 0; i < list.length; i++) {
        const slot = list.data[i]!;
        if (this.seen[slot] === epoch) continue;
        this.seen[slot] = epoch;
        const score = scorePair(this.features[slot]!, vacancy, ctx);
        if (score > 0) heap.offer(score, slot);
      }
    }
    return heap.drain().map(({ score, slot }) => ({ seeker: this.features[slot]!, score }));
  }

  private nextEpoch(): number {
    // Wrapping the stamp would make stale marks look fresh; clear them once per 2^32 queries.
    if (this.epoch === 0xffffffff) {
      this.seen.fill(0);
      this.epoch = 0;
    }
    return ++this.epoch;
  }
}
