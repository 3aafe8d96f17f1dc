import type { SeekerFeatures, VacancyFeatures } from './features.js';
import { IntList } from './int-list.js';
import type { ScoreContext } from './pair-score.js';
import { gateFactor, idf, noMeeting, pairFactor, Role, type FactorVacancy, type SkillMeeting } from './scoring.js';
import { FREE_PREFIX } from './tokenizer.js';
import { TopK } from './top-k.js';
import { VacancyColumns } from './vacancy-columns.js';

const COMMON_WORD_SHARE = 0.2;
const MIN_COMMON_DF = 50;
/** First sweep: candidates within this share of the best bound. */
const FIRST_SWEEP_SHARE = 0.5;
/** Score scale of a vacancy offered without a skill in common: below any shared skill's. */
const NEARBY_BASE = 0.001;
/** Bits of a candidate's marks in `sums`: a title term is work the person wants, or work their story names; some term is work. */
const INTENT_MARK = 1;
const EXPERIENCED_MARK = 2;
const WORK_MARK = 4;

/**
 * Forward index: canonical term → postings of open vacancies. A posting is `slot * 8 + inTitle * 4 +
 * role`, so one 32-bit integer carries all three and a query is a few tight loops over typed arrays: postings
 * into a dense score accumulator, then the candidates' facts from {@link VacancyColumns}. Nothing
 * a query reads per candidate is a JS object, and nothing it writes is allocated per query (the
 * accumulators are reused, a generation stamp tells this query's entries from stale ones). Only
 * open vacancies are posted and counted in document frequencies; deadlines are checked at query
 * time because they depend on the clock.
 */
export class VacancyIndex {
  private readonly slotOf = new Map<string, number>();
  private readonly features: (VacancyFeatures | undefined)[] = [];
  private readonly freeSlots: number[] = [];
  private readonly termIds = new Map<string, number>();
  private readonly postings: IntList[] = [];
  private readonly columns = new VacancyColumns();
  private df = new Int32Array(1024);
  private openCount = 0;
  // Per-query scratch, sized with the columns and reused by every query.
  /**
   * Per slot, side by side in one cache line: [3·slot] summed weight, [3·slot+1] covered required
   * credit, [3·slot+2] 1 when a wanted occupation is in the title.
   */
  private sums = new Float64Array(0);
  /** Per candidate, in `touched` order: its relevance, so the sweeps read memory in sequence. */
  private relevance = new Float64Array(0);
  private stamp = new Uint32Array(0);
  private epoch = 0;
  private readonly touched = new IntList(1024);
  private distanceRow = new Float64Array(64);
  /** Weight of a posting by its low three bits (role, and title: 4 + role). */
  private readonly termWeights = new Float64Array(8);
  private heap = new TopK(10);
  // Reused for every candidate: the factor reads plain objects, and these are never allocated per query.
  private readonly candidate: FactorVacancy = {
    requiredCount: 0, minEducation: 0, minYears: 0, local: false, openedAtMs: 0, titled: false, jobTypeBit: 0, salaryMax: 0, requiresShift: false, ktpOnly: false,
  };
  /** Per query, the seeker's factor for each of the columns' gates ({@link gateFactor}); -1 not worked out yet. */
  private gateFactors = new Float64Array(1);
  private readonly met: SkillMeeting = noMeeting();

  get size(): number {
    return this.slotOf.size;
  }

  get openSize(): number {
    return this.openCount;
  }

  /** Every open vacancy not past its deadline at `nowMs`, in slot order. */
  *open(nowMs: number): Generator<VacancyFeatures> {
    for (let slot = 0; slot < this.features.length; slot++) {
      const f = this.features[slot];
      if (f?.open && this.columns.deadlineMs[slot]! > nowMs) yield f;
    }
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
    this.features[slot] = f;
    this.columns.set(slot, f);
    if (this.columns.capacity > this.stamp.length) this.growScratch(this.columns.capacity);
    this.slotOf.set(f.id, slot);
    if (!f.open) return;
    this.openCount++;
    f.terms.forEach((term, i) => {
      const id = this.termId(term);
      this.df[id]!++;
      this.postings[id]!.push(posting(slot, f, i));
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
        this.postings[termId]!.remove(posting(slot, f, i));
      });
    }
    this.features[slot] = undefined;
    this.slotOf.delete(id);
    this.freeSlots.push(slot);
    return true;
  }

  /**
   * The k best visible vacancies for a seeker, best first. Relevance × (1 + local boost) bounds a
   * candidate's final score; a first sweep scores the candidates whose relevance is near the best
   * one, which lifts the heap's threshold at once, and the second sweep then skips most others on
   * the bound alone. Results equal a full scan with {@link scorePair}.
   */
  top(seeker: SeekerFeatures, k: number, ctx: ScoreContext): { vacancy: VacancyFeatures; score: number }[] {
    const count = this.accumulate(seeker, ctx);
    const { sums, relevance } = this;
    const norm = this.columns.norm;
    const touched = this.touched.data;
    let best = 0;
    for (let i = 0; i < count; i++) {
      const slot = touched[i]!;
      const r = sums[3 * slot]! / norm[slot]!;
      relevance[i] = r;
      if (r > best) best = r;
    }
    const heap = this.heapFor(k);
    this.resetGateFactors();
    this.fillDistanceRow(seeker, ctx);
    const ceiling = 1 + Math.max(0, ctx.options.localBoost);
    const first = best * FIRST_SWEEP_SHARE;
    for (let i = 0; i < count; i++) {
      if (relevance[i]! >= first) this.consider(seeker, i, heap, ctx);
    }
    // The threshold only moves when a candidate enters the heap; see TopK.offer.
    let threshold = heap.threshold;
    for (let i = 0; i < count; i++) {
      const r = relevance[i]!;
      if (r > 0 && r * ceiling > threshold && this.consider(seeker, i, heap, ctx)) threshold = heap.threshold;
    }
    this.touched.length = 0;
    return heap.drain().map(({ score, slot }) => ({ vacancy: this.features[slot]!, score }));
  }

  /**
   * Visible vacancies the seeker can apply for without a skill in common: no more experience asked
   * than they have, their education admitted; nearest and otherwise best by the pair factor first.
   * A linear pass over the columns, run only when a seeker's skills fill fewer than k places.
   */
  nearbyOpen(seeker: SeekerFeatures, k: number, ctx: ScoreContext, taken: ReadonlySet<string>): { vacancy: VacancyFeatures; score: number }[] {
    const c = this.columns;
    const heap = new TopK(k);
    const met = noMeeting();
    this.fillDistanceRow(seeker, ctx);
    this.resetGateFactors();
    const years = Math.max(0, seeker.years);
    for (let slot = 0; slot < this.features.length; slot++) {
      const f = this.features[slot];
      if (f === undefined || !f.open || c.deadlineMs[slot]! <= ctx.nowMs || c.minYears[slot]! > years || taken.has(f.id)) continue;
      met.gateFactor = this.gateFactorOf(seeker, slot, ctx);
      const factor = pairFactor(seeker, c.read(slot, this.candidate), met, this.distanceRow[c.kecamatan[slot]! + 1]!, ctx.nowMs, ctx.options);
      if (factor > 0) heap.offer(NEARBY_BASE * factor, slot);
    }
    return heap.drain().map(({ score, slot }) => ({ vacancy: this.features[slot]!, score }));
  }

  /** Scores candidate `i` into the heap and says whether it entered; marks it done so the second sweep passes it by. */
  private consider(seeker: SeekerFeatures, i: number, heap: TopK, ctx: ScoreContext): boolean {
    const c = this.columns;
    const slot = this.touched.data[i]!;
    const relevance = this.relevance[i]!;
    this.relevance[i] = -1;
    if (c.deadlineMs[slot]! <= ctx.nowMs) return false;
    this.met.covered = this.sums[3 * slot + 1]!;
    const marks = this.sums[3 * slot + 2]!;
    this.met.intentInTitle = (marks & INTENT_MARK) !== 0;
    this.met.experiencedInTitle = (marks & EXPERIENCED_MARK) !== 0;
    this.met.sharedWork = (marks & WORK_MARK) !== 0;
    this.met.gateFactor = this.gateFactorOf(seeker, slot, ctx);
    const factor = pairFactor(seeker, c.read(slot, this.candidate), this.met, this.distanceRow[c.kecamatan[slot]! + 1]!, ctx.nowMs, ctx.options);
    const score = relevance * factor;
    return score > 0 && heap.offer(score, slot);
  }

  private resetGateFactors(): void {
    const n = this.columns.gates.length;
    if (this.gateFactors.length < n) this.gateFactors = new Float64Array(n * 2);
    this.gateFactors.fill(-1, 0, n);
  }

  /** The seeker's factor for the gate of the vacancy in `slot`, each distinct gate worked out once a query. */
  private gateFactorOf(seeker: SeekerFeatures, slot: number, ctx: ScoreContext): number {
    const gate = this.columns.gate[slot]!;
    if (gate === 0) return 1;
    let factor = this.gateFactors[gate]!;
    if (factor < 0) factor = this.gateFactors[gate] = gateFactor(seeker, this.columns.gates[gate]!, ctx.options);
    return factor;
  }

  /** The reused heap, replaced only when a query asks for another k. */
  private heapFor(k: number): TopK {
    if (this.heap.k !== k) this.heap = new TopK(k);
    this.heap.clear();
    return this.heap;
  }

  /** Distance from the seeker to every kecamatan a vacancy sits in; entry 0 is "unknown" (-1). */
  private fillDistanceRow(seeker: SeekerFeatures, ctx: ScoreContext): void {
    const n = this.columns.maxKecamatan + 2;
    if (this.distanceRow.length < n) this.distanceRow = new Float64Array(n * 2);
    for (let j = 0; j < n; j++) this.distanceRow[j] = ctx.distanceKm(seeker.kecamatan, j - 1);
  }

  /**
   * Sums role weight × IDF × credit per vacancy over the seeker's query terms, the required credit
   * and the marks into `sums`; lists each vacancy touched once in `touched`.
   * Returns how many.
   */
  private accumulate(seeker: SeekerFeatures, ctx: ScoreContext): number {
    const { sums, stamp, touched, termWeights } = this;
    const epoch = this.nextEpoch();
    touched.length = 0;
    for (const [term, { credit, titleCredit, intent, experienced, work }] of seeker.query) {
      const id = this.termIds.get(term);
      if (id === undefined || this.df[id] === 0) continue;
      const idfOf = this.termIdf(id, term);
      if (idfOf === 0) continue;
      for (let r = 0; r < 4; r++) {
        termWeights[r] = ctx.weights[r]! * idfOf * credit;
        termWeights[r + 4] = ctx.weights[r]! * idfOf * titleCredit;
      }
      const titleMark = (intent ? INTENT_MARK : 0) | (experienced ? EXPERIENCED_MARK : 0);
      const workMark = work ? WORK_MARK : 0;
      const list = this.postings[id]!;
      const data = list.data;
      for (let i = 0; i < list.length; i++) {
        const entry = data[i]!;
        const slot = entry >> 3;
        const required = (entry & 3) === Role.required ? credit : 0;
        const marks = ((entry & 4) === 4 ? titleMark : 0) | workMark;
        if (stamp[slot] !== epoch) {
          stamp[slot] = epoch;
          touched.push(slot);
          sums[3 * slot] = termWeights[entry & 7]!;
          sums[3 * slot + 1] = required;
          sums[3 * slot + 2] = marks;
        } else {
          sums[3 * slot]! += termWeights[entry & 7]!;
          sums[3 * slot + 1]! += required;
          if (marks !== 0) sums[3 * slot + 2] = sums[3 * slot + 2]! | marks;
        }
      }
    }
    return touched.length;
  }

  private nextEpoch(): number {
    // Wrapping the stamp would make stale marks look current; clear them once per 2^32 queries.
    if (this.epoch === 0xffffffff) {
      this.stamp.fill(0);
      this.epoch = 0;
    }
    return ++this.epoch;
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

  private growScratch(size: number): void {
    // Scratch holds nothing between queries, except the stamps, which must survive growth.
    this.sums = new Float64Array(3 * size);
    this.relevance = new Float64Array(size);
    const stamp = new Uint32Array(size);
    stamp.set(this.stamp);
    this.stamp = stamp;
  }
}

/** The posting of `terms[i]` of the vacancy in `slot`: slot, title bit and role in one integer. */
function posting(slot: number, f: VacancyFeatures, i: number): number {
  return slot * 8 + f.inTitle[i]! * 4 + f.roles[i]!;
}
