/**
 * What one query evaluates against: its transaction, its time, its database,
 * and what it has done so far (metrics, allocated ids).
 */
import type { Access } from "../auth/access";
import { Errors, MAX_TRANSACTION_BYTES, MAX_VERSION_BYTES } from "../error/catalog";
import { queryError } from "../error/FaunaError";
import type { Changes } from "./changes";
import { Timestamp } from "../language/values";
import type { MetricsRecorder } from "../metrics/metrics";
import { decodeValue, encodeValue } from "../store/codec";
import { Documents } from "../store/documents";
import { metaKey, type DatabaseId } from "../store/keys";
import type { ReadTxn, WriteTxn } from "../store/store";
import type { SchemaCache } from "./schema-cache";

/** Milliseconds since the epoch; tests inject their own. */
export type Clock = () => number;

/** Fauna's id epoch (2012-05-05T22:20:50Z): ids are milliseconds since it, shifted past a sequence number. */
const ID_EPOCH_MS = 1336258850000n;
const ID_SEQUENCE_BITS = 20n;

export class QueryContext {
  readonly documents: Documents;
  /** Transaction time in µs: every write of the query carries it; `Now()` returns it. */
  readonly txnTime: bigint;
  /** Whether the query started building an index in the background (the engine carries it on). */
  startedIndexBuild = false;
  /** How many user-defined functions are running, one inside the other. */
  callDepth = 0;
  /** How many lambda applications are running, one inside the other. */
  lambdaDepth = 0;
  /** Set where writes are refused (role predicates, GET requests): the words the refusal names the place with. */
  effectLimit: string | undefined;
  /** When the query must be done by (`performance.now()` time), if it has a time limit. */
  deadline: number | undefined;
  /** What the query changes, recorded when someone follows changes (streams). */
  changes: Changes | undefined;
  /** Documents this query made, as its results showed them: Fauna answered 201 when the query's value was one. */
  readonly created = new WeakSet<object>();
  /** Within `At(ts, …)`: the time reads see (µs); writes are refused there. */
  readTime: bigint | undefined;
  private lastId: bigint | undefined;
  private idsAllocated = false;
  private cachedSchemaVersion: bigint | undefined;

  constructor(
    readonly txn: ReadTxn,
    readonly metrics: MetricsRecorder,
    readonly writable: boolean,
    /** Who the query runs as; it changes inside functions with a role and in role predicates. */
    public access: Access,
    readonly clock: Clock,
    readonly schemaCache: SchemaCache,
    /** The transaction time, when it is not the clock's: an import writes each version at the time it was written. */
    txnTime?: bigint,
  ) {
    this.documents = new Documents(txn, metrics, writable);
    this.txnTime = txnTime ?? this.nextTxnTime();
  }

  /** A context writing in this transaction, as this query, at `ts` (µs): to record what happened at another moment. */
  writingAt(ts: bigint): QueryContext {
    return new QueryContext(this.txn, this.metrics, this.writable, this.access, this.clock, this.schemaCache, ts);
  }

  /** The database the query sees as its own. */
  get database(): DatabaseId {
    return this.access.database;
  }

  /** Runs `body` as someone else (a function's role, a role predicate), and back. */
  actingAs<T>(access: Access, body: () => T): T {
    const outer = this.access;
    this.access = access;
    try {
      return body();
    } finally {
      this.access = outer;
    }
  }

  /** Takes over what another context of the same transaction read of the schema version (the one that authenticated the query). */
  sharesSnapshotWith(other: QueryContext): void {
    this.cachedSchemaVersion ??= other.cachedSchemaVersion;
  }

  /** What `compute` derives from the schema, cached between queries while the schema stays as it is. */
  schemaMemo<T>(key: string, compute: () => T): T {
    // Once this query has changed the schema, only storage knows it.
    if (this.documents.schemaWritten) return compute();
    this.cachedSchemaVersion ??= this.documents.schemaVersion();
    return this.schemaCache.memo(this.cachedSchemaVersion, key, compute);
  }

  /** Runs `read` seeing the database as it was at `ts` (µs); at or after now, that is now. */
  readingAt<T>(ts: bigint | undefined, read: () => T): T {
    if (ts === undefined || ts >= this.txnTime) return read();
    const outer = this.readTime;
    this.readTime = ts;
    try {
      return read();
    } finally {
      this.readTime = outer;
    }
  }

  /** The time reads see: the transaction's, or an `At`'s. */
  get readNow(): bigint {
    return this.readTime ?? this.txnTime;
  }

  get now(): Timestamp {
    return Timestamp.fromMicros(this.txnTime);
  }

  private clockMicros(): bigint {
    return BigInt(Math.floor(this.clock() * 1000));
  }

  readMeta(name: string): bigint | undefined {
    const bytes = this.txn.get(metaKey(name));
    return bytes ? (decodeValue(bytes) as bigint) : undefined;
  }

  writeMeta(name: string, value: bigint): void {
    this.writeTxn().put(metaKey(name), encodeValue(value));
  }

  /** Writing transactions get strictly increasing times, so versions of a document never collide. */
  private nextTxnTime(): bigint {
    const clock = this.clockMicros();
    const last = this.documents.lastTxnTime();
    // A read sees the snapshot as of the last commit at least: writes in the same millisecond are
    // given times past the clock's, and the clock may step back.
    if (!this.writable) return clock > last ? clock : last;
    const time = clock > last ? clock : last + 1n;
    this.documents.setTxnTime(time);
    return time;
  }

  /**
   * A new document id: Fauna-style (18 digits today), unique and increasing.
   * Only writing queries make ids (`NewId()` counts as a write, as in Fauna);
   * they record the last one so that ids keep increasing across processes
   * and restarts.
   */
  newId(): bigint {
    const fromClock = (BigInt(Math.floor(this.clock())) - ID_EPOCH_MS) << ID_SEQUENCE_BITS;
    this.lastId ??= this.readMeta("lastId") ?? 0n;
    const id = fromClock > this.lastId ? fromClock : this.lastId + 1n;
    this.lastId = id;
    this.idsAllocated = true;
    return id;
  }

  /** Records what the query leaves for the next one (the last id it made), before its transaction commits. */
  finish(): void {
    if (this.writable && this.idsAllocated) this.writeMeta("lastId", this.lastId!);
    this.checkTransactionSize();
  }

  /** Fails the query once it is past its time limit or has written more than one transaction may. */
  checkLimits(): void {
    if (this.deadline !== undefined && performance.now() > this.deadline) throw queryError(Errors.timedOut, undefined, "Query eval has timed out.");
    this.checkTransactionSize();
  }

  private checkTransactionSize(): void {
    if (this.metrics.transactionBytes > MAX_TRANSACTION_BYTES) throw queryError(Errors.transactionTooLarge, undefined, this.metrics.transactionBytes);
  }

  /** Refuses a document version larger than Fauna stored (its encoded size, as `Documents` reports it). */
  checkVersionSize(bytes: number): void {
    if (bytes > MAX_VERSION_BYTES) throw queryError(Errors.versionTooLarge, undefined, bytes);
  }

  /** Makes the times and ids of later writes come after `ts` and `id`, which were written without them (by an import). */
  advancePast(ts: bigint, id: bigint): void {
    if (ts > this.documents.lastTxnTime()) this.documents.setTxnTime(ts);
    if (id > (this.readMeta("lastId") ?? 0n)) this.writeMeta("lastId", id);
  }

  /** The next number of a counter kept in the database (internal collection and database numbers). */
  nextCounter(name: string, first: bigint): bigint {
    const last = this.readMeta(name);
    const next = last === undefined ? first : last + 1n;
    this.writeMeta(name, next);
    return next;
  }

  /** A database's global id (tokens carry it in their secrets); the top database's is made with the directory. */
  databaseGlobalId(db: DatabaseId): bigint {
    return this.readMeta(`globalId/${db}`) ?? 0n;
  }

  setDatabaseGlobalId(db: DatabaseId, globalId: bigint): void {
    this.writeMeta(`globalId/${db}`, globalId);
  }

  /** The transaction to write in; a query that was not judged to write has none. */
  writeTxn(): WriteTxn {
    if (!this.writable) throw new Error("A write reached a read-only query; the catalog must mark its function as writing.");
    return this.txn as WriteTxn;
  }
}
