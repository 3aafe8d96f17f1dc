/** Bounded min-heap keeping the `k` best (score, slot) pairs seen; the weakest sits at the root. */
export class TopK {
  private readonly scores: Float64Array;
  private readonly slots: Int32Array;
  private size = 0;

  constructor(readonly k: number) {
    this.scores = new Float64Array(Math.max(1, k));
    this.slots = new Int32Array(Math.max(1, k));
  }

  /** The score a candidate must beat to enter. */
  get threshold(): number {
    return this.size < this.k ? Number.NEGATIVE_INFINITY : this.scores[0]!;
  }

  /**
   * Returns whether the pair entered, i.e. whether {@link threshold} may have moved. Callers in
   * hot loops keep the threshold in a local and re-read it only then: the getter returns a double
   * out of a typed array, which V8 boxes into a fresh heap number on every call it does not
   * inline, and one read per candidate was most of a query's garbage.
   */
  offer(score: number, slot: number): boolean {
    if (this.k <= 0) return false;
    if (this.size < this.k) {
      this.scores[this.size] = score;
      this.slots[this.size] = slot;
      this.siftUp(this.size++);
      return true;
    }
    if (score > this.scores[0]! || (score === this.scores[0]! && slot < this.slots[0]!)) {
      this.scores[0] = score;
      this.slots[0] = slot;
      this.siftDown(0);
      return true;
    }
    return false;
  }

  /** Forgets every pair, keeping the storage for the next round. */
  clear(): void {
    this.size = 0;
  }

  /** Best first; equal scores in slot order, so results are deterministic. */
  drain(): { score: number; slot: number }[] {
    const out: { score: number; slot: number }[] = [];
    for (let i = 0; i < this.size; i++) out.push({ score: this.scores[i]!, slot: this.slots[i]! });
    this.size = 0;
    return out.sort((a, b) => b.score - a.score || a.slot - b.slot);
  }

  private less(i: number, j: number): boolean {
    const a = this.scores[i]!;
    const b = this.scores[j]!;
    return a < b || (a === b && this.slots[i]! > this.slots[j]!);
  }

  private swap(i: number, j: number): void {
    // Plain temporaries: a destructuring swap may build a throwaway array per call.
    const score = this.scores[i]!;
    this.scores[i] = this.scores[j]!;
    this.scores[j] = score;
    const slot = this.slots[i]!;
    this.slots[i] = this.slots[j]!;
    this.slots[j] = slot;
  }

  private siftUp(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private siftDown(i: number): void {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.size && this.less(l, m)) m = l;
      if (r < this.size && this.less(r, m)) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }
}
