/**
 * Key layout of an FQLite database (see `lmdb-store.ts` for the overview).
 * Every key is a tuple; the builders here are the only place that spells them.
 */
import type { Key, RangeOptions } from "./store";

export type DatabaseId = number;
export type CollectionId = number;

export const ROOT_DATABASE: DatabaseId = 0;

/** Ids are signed 64-bit; shifted to unsigned and padded they sort as numbers. */
const ID_OFFSET = 1n << 63n;

export function idKey(id: bigint): string {
  return (id + ID_OFFSET).toString().padStart(20, "0");
}

export function idFromKey(key: string): bigint {
  return BigInt(key) - ID_OFFSET;
}

export function metaKey(name: string): Key {
  return ["meta", name];
}

export function documentKey(db: DatabaseId, collection: CollectionId, docKey: string): Key {
  return ["doc", db, collection, docKey];
}

export function historyKey(db: DatabaseId, collection: CollectionId, docKey: string, ts: bigint): Key {
  return ["hist", db, collection, docKey, Number(ts)];
}

/** All current documents of a collection, optionally from `fromKey` (inclusive) up to `toKey` (exclusive). */
export function collectionRange(db: DatabaseId, collection: CollectionId, fromKey?: string, toKey?: string): Pick<RangeOptions, "low" | "high"> {
  return {
    low: fromKey === undefined ? ["doc", db, collection] : ["doc", db, collection, fromKey],
    high: toKey === undefined ? ["doc", db, collection + 1] : ["doc", db, collection, toKey],
  };
}

/** A document's versions with ts <= `ts`. */
export function historyRange(db: DatabaseId, collection: CollectionId, docKey: string, ts: bigint): Pick<RangeOptions, "low" | "high"> {
  return { low: ["hist", db, collection, docKey], high: ["hist", db, collection, docKey, Number(ts) + 1] };
}

/** Every version of every document of a collection, by document then ts; from the document after `afterKey` when given. */
export function collectionHistoryRange(db: DatabaseId, collection: CollectionId, afterKey?: string): Pick<RangeOptions, "low" | "high"> {
  return {
    low: afterKey === undefined ? ["hist", db, collection] : ["hist", db, collection, afterExtensions(afterKey)],
    high: ["hist", db, collection + 1],
  };
}

/** Everything stored for a database, or for one collection of it, to delete it. */
export function scopeRanges(db: DatabaseId, collection?: CollectionId): Pick<RangeOptions, "low" | "high">[] {
  if (collection !== undefined) return (["doc", "hist"] as const).map((kind) => ({ low: [kind, db, collection], high: [kind, db, collection + 1] }));
  return (["doc", "hist", "idx", "idxh", "inst"] as const).map((kind) => ({ low: [kind, db], high: [kind, db + 1] }));
}

/** A token or credentials document, under the identity (`instance`) it belongs to. */
export function instanceKey(db: DatabaseId, collection: CollectionId, instance: string, docKey: string): Key {
  return ["inst", db, collection, instance, docKey];
}

/** The tokens or credentials of one identity. */
export function instanceRange(db: DatabaseId, collection: CollectionId, instance: string): Pick<RangeOptions, "low" | "high"> {
  return { low: ["inst", db, collection, instance], high: ["inst", db, collection, afterExtensions(instance)] };
}

export type IndexId = number;

/**
 * The first key part after `part` and every tuple that extends it. (lmdb-js's
 * tuple encoding ends a text part with a byte below 0x01 but escapes 0x00 in
 * long texts, so "\u0001" is the bound that holds at every length.)
 */
export function afterExtensions(part: string): string {
  return `${part}\u0001`;
}

/** An index entry: under its terms, in its values' order (then its ref's). */
export function indexEntryKey(db: DatabaseId, index: IndexId, termsKey: string, sortKey: string): Key {
  return ["idx", db, index, termsKey, sortKey];
}

/** The entries of one index under one terms key, with sort keys in [low, high). */
export function indexTermRange(db: DatabaseId, index: IndexId, termsKey: string, low?: string, high?: string): Pick<RangeOptions, "low" | "high"> {
  return {
    low: low === undefined ? ["idx", db, index, termsKey] : ["idx", db, index, termsKey, low],
    high: high === undefined ? ["idx", db, index, afterExtensions(termsKey)] : ["idx", db, index, termsKey, high],
  };
}

/** An entry added to or removed from an index at `ts`, for reads at past times and event pages. */
export function indexEventKey(db: DatabaseId, index: IndexId, termsKey: string, ts: bigint, sortKey: string): Key {
  return ["idxh", db, index, termsKey, Number(ts), sortKey];
}

export function indexEventRange(db: DatabaseId, index: IndexId, termsKey: string): Pick<RangeOptions, "low" | "high"> {
  return { low: ["idxh", db, index, termsKey], high: ["idxh", db, index, afterExtensions(termsKey)] };
}

/** Everything stored for one index. */
export function indexRanges(db: DatabaseId, index: IndexId): Pick<RangeOptions, "low" | "high">[] {
  return (["idx", "idxh"] as const).map((kind) => ({ low: [kind, db, index], high: [kind, db, index + 1] }));
}

/** A hint that a document expires at `expires` (µs): the expunger's to-do list, checked against the document when due. */
export function expiryKey(expires: bigint, db: DatabaseId, collection: CollectionId, docKey: string): Key {
  return ["ttl", Number(expires), db, collection, docKey];
}

/** Expiry hints due by `now` (µs). */
export function dueExpiryRange(now: bigint): Pick<RangeOptions, "low" | "high"> {
  return { low: ["ttl"], high: ["ttl", Number(now) + 1] };
}
