/**
 * Keeping indexes up to date: every write of a document replaces its entries
 * in the indexes over its collection (and records what was added and removed,
 * for reads at past times and event pages); a unique index refuses an entry
 * whose terms and values another document already has.
 */
import { Errors } from "../error/catalog";
import { queryError, type ErrorSite } from "../error/FaunaError";
import { QueryValue, Ref, Timestamp, type ObjectValue, type Value } from "../language/values";
import { indexDefinition, indexEntries, type IndexDefinition, type IndexSource } from "../schema/indexes";
import { nativeCollection } from "../schema/native";
import { decodeValue, encodeValue, type StoredVersion } from "../store/codec";
import { documentLabel, type ScanOptions } from "../store/documents";
import { idFromKey, indexEntryKey, indexEventKey, indexEventRange, indexRanges, indexTermRange, type DatabaseId, type IndexId } from "../store/keys";
import { afterPrefix, termsKey, tupleKey } from "../store/value-keys";
import type { QueryContext } from "./context";
import { isExpired, renderDocument } from "./docs";
import { valuesEqual } from "./equality";
import { applyLambda, asLambda } from "./execute";
import { internalIdOf, resolveCollection, type CollectionInfo, type ResolvedDocument } from "./refs";

export interface ResolvedIndex {
  readonly id: IndexId;
  readonly db: DatabaseId;
  readonly ref: Ref;
  readonly definition: IndexDefinition;
  readonly active: boolean;
}

/** What an entry stores: its values, its document's ref, and the document's ttl. */
export interface StoredEntry {
  readonly values: Value[];
  readonly ref: Ref;
  readonly ttl: Timestamp | null;
}

export function decodeEntry(bytes: Uint8Array): StoredEntry {
  const [values, ref, ttl] = decodeValue(bytes) as [Value[], Ref, Timestamp | null];
  return { values, ref, ttl };
}

export function resolvedIndex(db: DatabaseId, version: StoredVersion): ResolvedIndex {
  return {
    id: internalIdOf(version),
    db,
    ref: Ref.schema("indexes", version.fields.get("name") as string),
    definition: indexDefinition(version.fields),
    active: version.fields.get("active") !== false,
  };
}

/** Every index of a database. */
export function indexesOf(ctx: QueryContext, db: DatabaseId): ResolvedIndex[] {
  return ctx.schemaMemo(`${db}/indexes`, () => [...ctx.documents.scan(db, nativeCollection("indexes").internalId)].map(([, version]) => resolvedIndex(db, version)));
}

function sourceMatches(source: IndexSource, collection: CollectionInfo): boolean {
  if (source.collection === "_") return collection.native === undefined;
  const ref = source.collection;
  if (collection.native) return ref.isNative && ref.id === collection.native.id;
  return !ref.isNative && ref.id === collection.ref.id;
}

/** The indexes a document of `collection` has entries in, each with the source that takes it. */
export function indexesFor(ctx: QueryContext, collection: CollectionInfo): { index: ResolvedIndex; source: IndexSource }[] {
  return ctx.schemaMemo(`${collection.db}/${collection.internalId}/indexes`, () =>
    indexesOf(ctx, collection.db).flatMap((index) => {
      const source = index.definition.sources.find((candidate) => sourceMatches(candidate, collection));
      return source ? [{ index, source }] : [];
    }),
  );
}

/** The sort key of an entry: its values in the index's order, then its ref. */
export function entrySortKey(definition: IndexDefinition, values: readonly Value[], ref?: Ref): string {
  const parts = values.map((value, position) => ({ value, reverse: definition.values[position]?.reverse }));
  return tupleKey(ref ? [...parts, { value: ref }] : parts);
}

/** A binding is a pure lambda of the document; one that fails gives no value. */
function evaluateBinding(ctx: QueryContext, binding: QueryValue, document: ObjectValue): Value {
  try {
    return applyLambda(ctx, asLambda(binding)!, document, undefined);
  } catch {
    return null;
  }
}

interface KeyedEntry {
  readonly terms: Value[];
  readonly termsKey: string;
  readonly sortKey: string;
  readonly values: Value[];
}

function entriesOf(ctx: QueryContext, index: ResolvedIndex, source: IndexSource, ref: Ref, version: StoredVersion | undefined): Map<string, KeyedEntry> {
  const entries = new Map<string, KeyedEntry>();
  if (!version) return entries;
  const document = renderDocument(ref, version);
  for (const { terms, values } of indexEntries(index.definition, source, document, (binding, doc) => evaluateBinding(ctx, binding, doc), valuesEqual)) {
    const keyed = { terms, termsKey: termsKey(terms), sortKey: entrySortKey(index.definition, values, ref), values };
    entries.set(`${keyed.termsKey}\u0000${keyed.sortKey}`, keyed);
  }
  return entries;
}

/** Refuses an entry whose terms and values belong to another live document already. */
function checkUnique(ctx: QueryContext, index: ResolvedIndex, entry: KeyedEntry, ref: Ref, site: ErrorSite): void {
  const valuesKey = entrySortKey(index.definition, entry.values);
  const range = indexTermRange(index.db, index.id, entry.termsKey, valuesKey, afterPrefix(valuesKey));
  for (const { value } of ctx.txn.range(range)) {
    const other = decodeEntry(value);
    const live = other.ttl === null || other.ttl.epochNanos > ctx.txnTime * 1000n;
    if (live && !valuesEqual(other.ref, ref)) throw queryError(Errors.instanceNotUnique, site);
  }
}

/**
 * Replaces a document's entries in every index over its collection: `before`
 * is the version being replaced (undefined for a new document), `after` the
 * new one (undefined when the document goes).
 */
export function reindex(ctx: QueryContext, document: ResolvedDocument, before: StoredVersion | undefined, after: StoredVersion | undefined, site: ErrorSite): void {
  for (const { index, source } of indexesFor(ctx, document.collection)) reindexOne(ctx, index, source, document, before, after, { site });
}

/**
 * Indexes a document that was there before its index: no uniqueness check, as
 * Fauna made none on documents already stored when an index became unique.
 */
export function reindexSource(ctx: QueryContext, index: ResolvedIndex, source: IndexSource, document: ResolvedDocument, version: StoredVersion): void {
  reindexOne(ctx, index, source, document, undefined, version, undefined);
}

/**
 * Replaces a document's entries in one index, at the context's transaction
 * time; with `uniqueness`, a unique index refuses an entry another document has.
 */
export function reindexOne(
  ctx: QueryContext,
  index: ResolvedIndex,
  source: IndexSource,
  document: ResolvedDocument,
  before: StoredVersion | undefined,
  after: StoredVersion | undefined,
  uniqueness: { site: ErrorSite } | undefined,
): void {
  const txn = ctx.writeTxn();
  const old = entriesOf(ctx, index, source, document.ref, before);
  const next = entriesOf(ctx, index, source, document.ref, after);
  const ttl = after?.fields.get("ttl");
  const ttlValue = ttl instanceof Timestamp ? ttl : null;
  const event = (action: "add" | "remove", entry: KeyedEntry) => {
    ctx.changes?.entries.push({ db: index.db, index: index.id, indexRef: index.ref, termsKey: entry.termsKey, terms: entry.terms, values: entry.values, ref: document.ref, ts: ctx.txnTime, action });
    return encodeValue([action, entry.values, document.ref, ttlValue]);
  };
  for (const [key, entry] of old) {
    if (next.has(key)) continue;
    txn.delete(indexEntryKey(index.db, index.id, entry.termsKey, entry.sortKey));
    txn.put(indexEventKey(index.db, index.id, entry.termsKey, ctx.txnTime, entry.sortKey), event("remove", entry));
  }
  for (const [key, entry] of next) {
    const added = !old.has(key);
    if (added && uniqueness && index.definition.unique) checkUnique(ctx, index, entry, document.ref, uniqueness.site);
    // An entry that stays is written again: it carries the document's ttl, which may have changed.
    const bytes = encodeValue([entry.values, document.ref, ttlValue]);
    txn.put(indexEntryKey(index.db, index.id, entry.termsKey, entry.sortKey), bytes);
    ctx.metrics.storageWrite(documentLabel(document.address), bytes.length);
    if (added) txn.put(indexEventKey(index.db, index.id, entry.termsKey, ctx.txnTime, entry.sortKey), event("add", entry));
  }
}

/** When an index was made: the first version of its document since it was last deleted (µs). */
export function indexMadeAt(ctx: QueryContext, index: ResolvedIndex): bigint {
  let made: bigint | undefined;
  for (const version of ctx.documents.recorded({ db: index.db, collection: nativeCollection("indexes").internalId, key: index.ref.id })) {
    made = version.deleted ? undefined : (made ?? version.ts);
  }
  return made ?? ctx.txnTime;
}

/**
 * Makes a document's entries in one index, and their history, from its
 * recorded versions (oldest first), each at its own time: as the writes that
 * recorded them made them, and as building the index (`madeAt`) took the
 * version live then. `at(ts)` gives a context writing at `ts`.
 */
export function replayIndexHistory(at: (ts: bigint) => QueryContext, index: ResolvedIndex, source: IndexSource, document: ResolvedDocument, versions: readonly StoredVersion[], madeAt: bigint): void {
  let previous: StoredVersion | undefined;
  let built = false;
  const build = () => {
    built = true;
    if (previous && !isExpired(previous, madeAt)) reindexSource(at(madeAt), index, source, document, previous);
  };
  for (const version of versions) {
    const next = version.deleted ? undefined : version;
    if (version.ts > madeAt) {
      if (!built) build();
      reindexOne(at(version.ts), index, source, document, previous, next, undefined);
    }
    previous = next;
  }
  if (!built) build();
}

/**
 * Removes a document's entries from one index, with every event of their
 * history: under the terms any of `versions` had, as rewriting its history
 * (Insert, Remove) must before the history is made again.
 */
export function dropDocumentEntries(ctx: QueryContext, index: ResolvedIndex, source: IndexSource, document: ResolvedDocument, versions: readonly StoredVersion[]): void {
  const txn = ctx.writeTxn();
  const entries = versions.flatMap((version) => [...entriesOf(ctx, index, source, document.ref, version.deleted ? undefined : version).values()]);
  for (const entry of entries) txn.delete(indexEntryKey(index.db, index.id, entry.termsKey, entry.sortKey));
  for (const terms of new Set(entries.map((entry) => entry.termsKey))) {
    const events = [...txn.range(indexEventRange(index.db, index.id, terms))].filter((event) => {
      const [, , ref] = decodeValue(event.value) as [string, Value[], Ref];
      return valuesEqual(ref, document.ref);
    });
    for (const event of events) txn.delete(event.key);
  }
}

/** Removes everything an index holds. */
export function dropIndexEntries(ctx: QueryContext, index: ResolvedIndex): void {
  const txn = ctx.writeTxn();
  for (const range of indexRanges(index.db, index.id)) {
    const keys = [...txn.range(range)].map((entry) => entry.key);
    for (const key of keys) txn.delete(key);
  }
}

/** The ref of the document stored under `key` in a collection. */
export function refInCollection(collection: CollectionInfo, key: string): Ref {
  const native = collection.native;
  return native?.named ? Ref.schema(native.id, key, collection.ref.database) : new Ref(idFromKey(key).toString(), collection.ref);
}

/** The documents of a collection, each resolved, with its current version (expired ones left out). */
export function* liveDocuments(ctx: QueryContext, collection: CollectionInfo, options: ScanOptions = {}): Generator<[ResolvedDocument, StoredVersion]> {
  for (const [key, version] of ctx.documents.scan(collection.db, collection.internalId, options)) {
    if (isExpired(version, ctx.txnTime)) continue;
    yield [{ ref: refInCollection(collection, key), address: { db: collection.db, collection: collection.internalId, key }, collection }, version];
  }
}

/** The collections an index source takes documents from. */
export function sourceCollections(ctx: QueryContext, index: ResolvedIndex, source: IndexSource): CollectionInfo[] {
  if (source.collection !== "_") return [resolveCollection(ctx, source.collection, undefined)];
  const collections = nativeCollection("collections");
  return [...ctx.documents.scan(index.db, collections.internalId)].map(([name, version]) => ({
    db: index.db,
    internalId: internalIdOf(version),
    ref: Ref.schema("collections", name),
    schema: version,
  }));
}

/** Indexes every document already in an index's sources, at once. */
export function buildIndex(ctx: QueryContext, index: ResolvedIndex): void {
  for (const source of index.definition.sources) {
    for (const collection of sourceCollections(ctx, index, source)) {
      for (const [document, version] of liveDocuments(ctx, collection)) reindexSource(ctx, index, source, document, version);
    }
  }
}
