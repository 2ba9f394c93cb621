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

/** Everything stored for a database or for one collection of it, to delete it. */
export function scopeRanges(db: DatabaseId, collection?: CollectionId): Pick<RangeOptions, "low" | "high">[] {
  return (["doc", "hist"] as const).map((kind) =>
    collection === undefined
      ? { low: [kind, db], high: [kind, db + 1] }
      : { low: [kind, db, collection], high: [kind, db, collection + 1] },
  );
}
