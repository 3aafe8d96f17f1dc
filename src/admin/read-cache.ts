/**
 * Remembers what `read` gave for each key, for exports that look up the same record for many rows.
 * Bounded: past `limit` keys it forgets them all, so a large export reads some records again
 * rather than holding every one.
 */
export class ReadCache<T> {
  private readonly known = new Map<string, T>();

  constructor(
    private readonly read: (key: string) => Promise<T>,
    private readonly limit = 50_000,
  ) {}

  async get(key: string): Promise<T> {
    if (this.known.has(key)) return this.known.get(key) as T;
    const value = await this.read(key);
    if (this.known.size >= this.limit) this.known.clear();
    this.known.set(key, value);
    return value;
  }
}
