/**
 * Schema documents (collections, databases, …) are read by almost every query,
 * to resolve names to storage; this cache keeps them between queries. Every
 * write to a schema document bumps a version kept in the database, in the same
 * transaction, so a query sees the cache only while no one — in this process
 * or another — has changed the schema since the cache was filled.
 */
import type { StoredVersion } from "../store/codec";

const MAX_ENTRIES = 10_000;

export class SchemaCache {
  private version: bigint | undefined;
  private readonly entries = new Map<string, StoredVersion | null>();

  /** The cached document for `key` at schema `version`: null when known absent, undefined when not cached. */
  get(version: bigint, key: string): StoredVersion | null | undefined {
    if (version !== this.version) {
      this.entries.clear();
      this.version = version;
    }
    return this.entries.get(key);
  }

  set(version: bigint, key: string, document: StoredVersion | undefined): void {
    if (version !== this.version) return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(key, document ?? null);
  }
}
