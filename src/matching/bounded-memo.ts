/**
 * Results of a pure function by key, forgotten all at once when `limit` are held: memory stays
 * bounded, and the inputs that recur (a posting's "Pendidikan minimal SMA/SMK") are read once.
 */
export class BoundedMemo<K, V> {
  private readonly known = new Map<K, V>();

  constructor(private readonly limit: number) {}

  get(key: K, compute: (key: K) => V): V {
    let value = this.known.get(key);
    if (value === undefined) {
      if (this.known.size >= this.limit) this.known.clear();
      value = compute(key);
      this.known.set(key, value);
    }
    return value;
  }
}
