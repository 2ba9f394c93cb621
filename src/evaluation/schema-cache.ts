/**
 * Schema documents (collections, databases, indexes, …) are read by almost
 * every query, to resolve names to storage; this cache keeps what is derived
 * from them between queries. Every write to a schema document bumps a version
 * kept in the database, in the same transaction, so a query sees the cache only
 * while no one — in this process or another — has changed the schema since the
 * cache was filled.
 */

const MAX_ENTRIES = 10_000;

export class SchemaCache {
  private version: bigint | undefined;
  private readonly entries = new Map<string, unknown>();

  /** What `compute` gives for `key` at schema `version`, computed once per version. */
  memo<T>(version: bigint, key: string, compute: () => T): T {
    if (version !== this.version) {
      this.entries.clear();
      this.version = version;
    }
    if (this.entries.has(key)) return this.entries.get(key) as T;
    const value = compute();
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(key, value);
    return value;
  }
}
