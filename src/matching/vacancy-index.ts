import type { SeekerFeatures, VacancyFeatures } from './features.js';
import { IntList } from './int-list.js';
import { isVisible, type ScoreContext } from './pair-score.js';
import { idf, pairFactor, Role } from './scoring.js';
import { FREE_PREFIX } from './tokenizer.js';
import { TopK } from './top-k.js';

const COMMON_WORD_SHARE = 0.2;
const MIN_COMMON_DF = 50;
/** First sweep: candidates within this share of the best bound. */
const FIRST_SWEEP_SHARE = 0.5;

/**
 * Forward index: canonical term → postings of open vacancies. A posting is `slot * 4 + role`, so
 * one 32-bit integer carries both and a query is a few tight loops over Int32Arrays. Only open
 * vacancies are posted and counted in document frequencies; deadlines are checked at query time
 * because they depend on the clock.
 */
export class VacancyIndex {
  private readonly slotOf = new Map<string, number>();
  private readonly features: (VacancyFeatures | undefined)[] = [];
  private readonly freeSlots: number[] = [];
  private readonly termIds = new Map<string, number>();
  private readonly postings: IntList[] = [];
  private df = new Int32Array(1024);
  private openCount = 0;
  private acc = new Float64Array(1024);
  private accRequired = new Float64Array(1024);
  private norms = new Float64Array(1024);
  private touched = new IntList(1024);

  get size(): number {
    return this.slotOf.size;
  }

  get openSize(): number {
    return this.openCount;
  }

  get(id: string): VacancyFeatures | undefined {
    const slot = this.slotOf.get(id);
    return slot === undefined ? undefined : this.features[slot];
  }

  /** Current IDF of a term over open vacancies; 0 for a plain word too common to tell postings apart. */
  idf(term: string): number {
    const id = this.termIds.get(term);
    return id === undefined ? idf(this.openCount, 0) : this.termIdf(id, term);
  }

  private termIdf(id: number, term: string): number {
    const df = this.df[id]!;
    // A word such as "produksi" in a fifth of all postings adds little but costs a pass over all of
    // them; dictionary skills always count, however common.
    if (df > COMMON_WORD_SHARE * this.openCount && df > MIN_COMMON_DF && term.startsWith(FREE_PREFIX)) return 0;
    return idf(this.openCount, df);
  }

  /** Adds a vacancy or replaces the stored one with the same id (edit, open, close). */
  upsert(f: VacancyFeatures): void {
    this.remove(f.id);
    const slot = this.freeSlots.pop() ?? this.features.length;
    if (slot >= this.acc.length) this.growScratch(slot + 1);
    this.features[slot] = f;
    this.norms[slot] = f.norm;
    this.slotOf.set(f.id, slot);
    if (!f.open) return;
    this.openCount++;
    f.terms.forEach((term, i) => {
      const id = this.termId(term);
      this.df[id]!++;
      this.postings[id]!.push(slot * 4 + f.roles[i]!);
    });
  }

  remove(id: string): boolean {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return false;
    const f = this.features[slot]!;
    if (f.open) {
      this.openCount--;
      f.terms.forEach((term, i) => {
        const termId = this.termIds.get(term)!;
        this.df[termId]!--;
        this.postings[termId]!.remove(slot * 4 + f.roles[i]!);
      });
    }
    this.features[slot] = undefined;
    this.slotOf.delete(id);
    this.freeSlots.push(slot);
    return true;
  }

  /**
   * The k best visible vacancies for a seeker, best first. Relevance × (1 + local boost) bounds a
   * candidate's final score, and is read from typed arrays only; a first sweep scores the
   * candidates whose bound is near the best one, which lifts the heap's threshold at once, and
   * the second sweep then skips most others on the bound alone. Results equal a full scan.
   */
  top(seeker: SeekerFeatures, k: number, ctx: ScoreContext): { vacancy: VacancyFeatures; score: number }[] {
    this.accumulate(seeker, ctx);
    const heap = new TopK(k);
    const ceiling = 1 + Math.max(0, ctx.options.localBoost);
    const touched = this.touched.data;
    const count = this.touched.length;
    let best = 0;
    for (let i = 0; i < count; i++) best = Math.max(best, this.acc[touched[i]!]! / this.norms[touched[i]!]!);
    for (let i = 0; i < count; i++) {
      const slot = touched[i]!;
      if (this.acc[slot]! / this.norms[slot]! >= best * FIRST_SWEEP_SHARE) this.consider(seeker, slot, heap, ceiling, ctx);
    }
    for (let i = 0; i < count; i++) {
      const slot = touched[i]!;
      const acc = this.acc[slot]!;
      if (acc > 0 && (acc / this.norms[slot]!) * ceiling > heap.threshold) this.consider(seeker, slot, heap, ceiling, ctx);
      this.acc[slot] = 0;
      this.accRequired[slot] = 0;
    }
    this.touched.length = 0;
    return heap.drain().map(({ score, slot }) => ({ vacancy: this.features[slot]!, score }));
  }

  /** Scores one candidate into the heap unless its bound cannot beat the heap; marks it done. */
  private consider(seeker: SeekerFeatures, slot: number, heap: TopK, ceiling: number, ctx: ScoreContext): void {
    const relevance = this.acc[slot]! / this.norms[slot]!;
    const covered = this.accRequired[slot]!;
    this.acc[slot] = -1;
    if (relevance * ceiling <= heap.threshold) return;
    const v = this.features[slot]!;
    if (!isVisible(v, ctx.nowMs)) return;
    const score = relevance * pairFactor(seeker, v, covered, ctx.distanceKm(seeker.kecamatan, v.kecamatan), ctx.nowMs, ctx.options);
    if (score > 0) heap.offer(score, slot);
  }

  /** Sums role weight × IDF × credit per vacancy over the seeker's query terms. */
  private accumulate(seeker: SeekerFeatures, ctx: ScoreContext): void {
    const { acc, accRequired, touched } = this;
    for (const [term, { credit }] of seeker.query) {
      const id = this.termIds.get(term);
      if (id === undefined || this.df[id] === 0) continue;
      const weight = this.termIdf(id, term) * credit;
      if (weight === 0) continue;
      const list = this.postings[id]!;
      const data = list.data;
      for (let i = 0; i < list.length; i++) {
        const entry = data[i]!;
        const slot = entry >> 2;
        const role = entry & 3;
        if (acc[slot] === 0) touched.push(slot);
        acc[slot]! += ctx.weights[role]! * weight;
        if (role === Role.required) accRequired[slot]! += credit;
      }
    }
  }

  private termId(term: string): number {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.postings.length;
      this.termIds.set(term, id);
      this.postings.push(new IntList(2));
      if (id >= this.df.length) {
        const grown = new Int32Array(this.df.length * 2);
        grown.set(this.df);
        this.df = grown;
      }
    }
    return id;
  }

  private growScratch(min: number): void {
    const size = Math.max(min, this.acc.length * 2);
    this.acc = new Float64Array(size);
    this.accRequired = new Float64Array(size);
    const norms = new Float64Array(size);
    norms.set(this.norms);
    this.norms = norms;
  }
}
