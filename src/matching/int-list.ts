/** A growable list of 32-bit integers: postings stay compact (4 bytes an entry) and cache-friendly. */
export class IntList {
  data: Int32Array;
  length = 0;

  constructor(capacity = 4) {
    this.data = new Int32Array(capacity);
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(Math.max(4, this.data.length * 2));
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }

  /** Removes one occurrence; order is not kept (the last entry fills the hole). */
  remove(value: number): boolean {
    const at = this.data.subarray(0, this.length).indexOf(value);
    if (at < 0) return false;
    this.data[at] = this.data[--this.length]!;
    return true;
  }

  /** Keeps the entries `keep` accepts, in order. */
  filter(keep: (value: number) => boolean): void {
    let out = 0;
    for (let i = 0; i < this.length; i++) {
      const value = this.data[i]!;
      if (keep(value)) this.data[out++] = value;
    }
    this.length = out;
  }
}
