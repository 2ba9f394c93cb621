/**
 * Versioned documents on top of the key-value store. Each document has its
 * current version under its document key and every version (and deletion)
 * under its history keys, so that a plain read is one lookup and a read at a
 * past time one reverse seek.
 */
import type { MetricsRecorder } from "../metrics/metrics";
import { decodeVersion, encodeVersion, type StoredVersion } from "./codec";
import { decodeValue, encodeValue } from "./codec";
import { isSchemaCollection } from "../schema/native";
import { Timestamp } from "../language/values";
import { collectionHistoryRange, collectionRange, documentKey, dueExpiryRange, expiryKey, historyKey, historyRange, metaKey, scopeRanges, type CollectionId, type DatabaseId } from "./keys";
import type { Key, ReadTxn, WriteTxn } from "./store";

export interface DocumentAddress {
  readonly db: DatabaseId;
  readonly collection: CollectionId;
  readonly key: string;
}

/** A document's key in its collection, and every version recorded for it (deletions included), oldest first. */
export interface DocumentHistory {
  readonly key: string;
  readonly versions: StoredVersion[];
}

export interface ScanOptions {
  readonly fromKey?: string;
  readonly toKey?: string;
  readonly reverse?: boolean;
  readonly limit?: number;
}

/** How metrics name a document: its writes add up per document. */
export function documentLabel(address: DocumentAddress): string {
  return `${address.db}/${address.collection}/${address.key}`;
}

/**
 * What every query reads first, in one record: the last committed
 * transaction's time and the schema version (which changes with every
 * committed write to a schema document). Directories made before it keep the
 * two in records of their own, read until the first write makes this one.
 */
const LAST_COMMIT = metaKey("lastCommit");
const EARLIER_RECORDS = [metaKey("lastTxnTime"), metaKey("schemaVersion")] as const;

interface LastCommit {
  txnTime: bigint;
  schemaVersion: bigint;
}

/** A time (µs) after every version: history ranges up to it take all of a document's history. */
const ALL_TIME = 1n << 62n;

export class Documents {
  /** Whether this transaction has written a schema document (and bumped the schema version). */
  schemaWritten = false;
  private lastCommitRead: LastCommit | undefined;

  constructor(
    private readonly txn: ReadTxn,
    private readonly metrics: MetricsRecorder,
    private readonly isWriteTxn: boolean,
  ) {}

  private lastCommit(): LastCommit {
    if (this.lastCommitRead) return this.lastCommitRead;
    const bytes = this.txn.get(LAST_COMMIT);
    const [txnTime, schemaVersion] = bytes
      ? (decodeValue(bytes) as [bigint, bigint])
      : EARLIER_RECORDS.map((key) => {
          const earlier = this.txn.get(key);
          return earlier ? (decodeValue(earlier) as bigint) : 0n;
        });
    return (this.lastCommitRead = { txnTime: txnTime!, schemaVersion: schemaVersion! });
  }

  private writeLastCommit(change: Partial<LastCommit>): void {
    const next = { ...this.lastCommit(), ...change };
    this.writable().put(LAST_COMMIT, encodeValue([next.txnTime, next.schemaVersion]));
    this.lastCommitRead = next;
  }

  /** The schema version: it changes with every committed write to a schema document. */
  schemaVersion(): bigint {
    return this.lastCommit().schemaVersion;
  }

  /** The time (µs) of the last committed transaction (or of this one, once it has set it). */
  lastTxnTime(): bigint {
    return this.lastCommit().txnTime;
  }

  /** Records this transaction's time as the last commit's. */
  setTxnTime(txnTime: bigint): void {
    this.writeLastCommit({ txnTime });
  }

  private noteWrite(collection: CollectionId | undefined): void {
    if (this.schemaWritten || (collection !== undefined && !isSchemaCollection(collection))) return;
    this.schemaWritten = true;
    this.writeLastCommit({ schemaVersion: this.schemaVersion() + 1n });
  }

  private read(key: Key): StoredVersion | undefined {
    const bytes = this.txn.get(key);
    if (!bytes) return undefined;
    this.metrics.storageRead(bytes.length);
    return decodeVersion(bytes);
  }

  /** The current version, and how many bytes it takes. */
  current(address: DocumentAddress): StoredVersion | undefined {
    return this.read(documentKey(address.db, address.collection, address.key));
  }

  /** The version that was current at `ts` (µs), if the document existed then. */
  at(address: DocumentAddress, ts: bigint): StoredVersion | undefined {
    const current = this.current(address);
    if (current && current.ts <= ts) return current;
    for (const entry of this.txn.range({ ...historyRange(address.db, address.collection, address.key, ts), reverse: true, limit: 1 })) {
      this.metrics.storageRead(entry.value.length);
      const version = decodeVersion(entry.value);
      return version.deleted ? undefined : version;
    }
    return undefined;
  }

  /** Current documents of a collection in key order: [docKey, version, stored bytes]. */
  *scan(db: DatabaseId, collection: CollectionId, options: ScanOptions = {}): Generator<[string, StoredVersion, number]> {
    const range = { ...collectionRange(db, collection, options.fromKey, options.toKey), reverse: options.reverse, limit: options.limit };
    for (const entry of this.txn.range(range)) {
      this.metrics.storageRead(entry.value.length);
      yield [entry.key[3] as string, decodeVersion(entry.value), entry.value.length];
    }
  }

  private writable(): WriteTxn {
    // A write outside a write transaction would commit on its own: never let one through.
    if (!this.isWriteTxn) throw new Error("A write reached a read-only query; the catalog must mark its function as writing.");
    return this.txn as WriteTxn;
  }

  /** Writes a new current version and records it in the history; returns its encoded size. */
  put(address: DocumentAddress, version: StoredVersion): number {
    const bytes = encodeVersion(version);
    const txn = this.writable();
    this.noteWrite(address.collection);
    txn.put(documentKey(address.db, address.collection, address.key), bytes);
    txn.put(historyKey(address.db, address.collection, address.key, version.ts), bytes);
    this.noteExpiry(address, version);
    this.metrics.storageWrite(documentLabel(address), bytes.length, 2);
    return bytes.length;
  }

  /** A current version with a ttl goes on the expunger's list (a hint: stale ones are dropped when due). */
  private noteExpiry(address: DocumentAddress, version: StoredVersion): void {
    const ttl = version.fields.get("ttl");
    if (ttl instanceof Timestamp) this.writable().put(expiryKey(ttl.epochMicros, address.db, address.collection, address.key), new Uint8Array(0));
  }

  /** Expiry hints due by `now` (µs), up to `limit`: [hint key, document address]. */
  *dueExpiries(now: bigint, limit: number): Generator<[Key, DocumentAddress]> {
    for (const { key } of this.txn.range({ ...dueExpiryRange(now), limit })) {
      yield [key, { db: key[2] as DatabaseId, collection: key[3] as CollectionId, key: key[4] as string }];
    }
  }

  /** Removes a document and its whole history, for good (the expunger's work). */
  purge(address: DocumentAddress): void {
    const txn = this.writable();
    this.noteWrite(address.collection);
    txn.delete(documentKey(address.db, address.collection, address.key));
    const versions = [...txn.range(historyRange(address.db, address.collection, address.key, ALL_TIME))].map((entry) => entry.key);
    for (const key of versions) txn.delete(key);
  }

  /** Forgets a key outside the documents (an expiry hint). */
  forget(key: Key): void {
    this.writable().delete(key);
  }

  /** Removes the current version; the history records the deletion at `ts`. */
  delete(address: DocumentAddress, ts: bigint): void {
    const tombstone = encodeVersion({ ts, fields: new Map(), deleted: true });
    const txn = this.writable();
    this.noteWrite(address.collection);
    txn.delete(documentKey(address.db, address.collection, address.key));
    txn.put(historyKey(address.db, address.collection, address.key, ts), tombstone);
    this.metrics.storageWrite(documentLabel(address), tombstone.length);
  }

  /** Drops history entries older than `before` (µs), keeping what a read at `before` needs. */
  pruneHistory(address: DocumentAddress, before: bigint): void {
    const txn = this.writable();
    const older = [...txn.range({ ...historyRange(address.db, address.collection, address.key, before), reverse: true })];
    for (const entry of older.slice(1)) txn.delete(entry.key);
  }

  /** Removes every document and version of a database, or of one collection in it. */
  dropScope(db: DatabaseId, collection?: CollectionId): void {
    const txn = this.writable();
    this.noteWrite(collection);
    for (const range of scopeRanges(db, collection)) {
      const keys = [...txn.range(range)].map((entry) => entry.key);
      for (const key of keys) txn.delete(key);
    }
  }

  /** Writes (or replaces) the version recorded at `version.ts`, leaving the current version as it is; returns its encoded size. */
  putHistory(address: DocumentAddress, version: StoredVersion): number {
    const bytes = encodeVersion(version);
    this.writable().put(historyKey(address.db, address.collection, address.key, version.ts), bytes);
    this.metrics.storageWrite(documentLabel(address), bytes.length);
    return bytes.length;
  }

  /** Forgets the version recorded at `ts`. */
  deleteHistory(address: DocumentAddress, ts: bigint): void {
    this.writable().delete(historyKey(address.db, address.collection, address.key, ts));
  }

  /** The newest version recorded in a document's history, a deletion included, with its stored bytes. */
  private latestEntry(address: DocumentAddress): { version: StoredVersion; bytes: Uint8Array } | undefined {
    for (const entry of this.txn.range({ ...historyRange(address.db, address.collection, address.key, ALL_TIME), reverse: true, limit: 1 })) {
      return { version: decodeVersion(entry.value), bytes: entry.value };
    }
    return undefined;
  }

  /** Every document of a collection with its whole recorded history, in key order; those after `afterKey` when given. */
  *histories(db: DatabaseId, collection: CollectionId, afterKey?: string): Generator<DocumentHistory> {
    let current: { key: string; versions: StoredVersion[] } | undefined;
    for (const entry of this.txn.range(collectionHistoryRange(db, collection, afterKey))) {
      const key = entry.key[3] as string;
      if (current?.key !== key) {
        if (current) yield current;
        current = { key, versions: [] };
      }
      current.versions.push(decodeVersion(entry.value));
    }
    if (current) yield current;
  }

  /** How many versions a collection records, deletions included. */
  countVersions(db: DatabaseId, collection: CollectionId): number {
    let count = 0;
    for (const entry of this.txn.range(collectionHistoryRange(db, collection))) {
      void entry;
      count++;
    }
    return count;
  }

  /** Every version recorded in a document's history, deletions included, oldest first. */
  *recorded(address: DocumentAddress): Generator<StoredVersion> {
    for (const entry of this.txn.range(historyRange(address.db, address.collection, address.key, ALL_TIME))) yield decodeVersion(entry.value);
  }

  /** The newest version recorded in a document's history, a deletion included. */
  latest(address: DocumentAddress): StoredVersion | undefined {
    return this.latestEntry(address)?.version;
  }

  /** Makes the newest recorded version current again (after the history changed under it); returns it. */
  settleCurrent(address: DocumentAddress): StoredVersion | undefined {
    const txn = this.writable();
    const latest = this.latestEntry(address);
    const version = latest?.version;
    const key = documentKey(address.db, address.collection, address.key);
    if (version && !version.deleted) {
      txn.put(key, latest.bytes);
      this.noteExpiry(address, version);
    } else {
      txn.delete(key);
    }
    return version && !version.deleted ? version : undefined;
  }
}
