/**
 * Document semantics shared by the read and write functions: how a stored
 * version is shown, when a document has expired, and how Update merges.
 */
import { Ref, Timestamp, type ObjectValue, type Value } from "../language/values";
import type { StoredVersion } from "../store/codec";
import type { QueryContext } from "./context";
import type { ResolvedDocument } from "./refs";

/** A document whose `ttl` has passed is gone for every read, even before it is removed. */
export function isExpired(version: StoredVersion, atMicros: bigint): boolean {
  const ttl = version.fields.get("ttl");
  return ttl instanceof Timestamp && ttl.epochNanos <= atMicros * 1000n;
}

/** The live version of a document at `ts` (µs), or at the time the query reads at. */
export function readVersion(ctx: QueryContext, document: ResolvedDocument, ts?: bigint): StoredVersion | undefined {
  const at = ts ?? ctx.readTime;
  const version = at === undefined ? ctx.documents.current(document.address) : ctx.documents.at(document.address, at);
  return version && !isExpired(version, at ?? ctx.txnTime) ? version : undefined;
}

export function notFoundNoun(document: ResolvedDocument): string {
  return document.collection.native?.noun ?? "Document";
}

/** Documents as reads and writes showed them: Fauna told a document from an object of the same shape (`IsDoc`). */
const shownDocuments = new WeakSet<ObjectValue>();

export function isShownDocument(value: Value): value is ObjectValue {
  return value instanceof Map && shownDocuments.has(value);
}

/** `{ref, ts, …fields}`, the shape every document is shown in. */
export function renderDocument(ref: Ref, version: StoredVersion, hiddenFields: readonly string[] = []): ObjectValue {
  const shown: ObjectValue = new Map<string, Value>([
    ["ref", ref],
    ["ts", version.ts],
  ]);
  for (const [key, value] of version.fields) if (!hiddenFields.includes(key)) shown.set(key, value);
  shownDocuments.add(shown);
  return shown;
}

/**
 * Update's merge: objects merge recursively, anything else replaces, null
 * removes. Keys already present keep their place; new keys are appended.
 */
export function mergePatch(target: ObjectValue, patch: ObjectValue): ObjectValue {
  const merged: ObjectValue = new Map(target);
  for (const [key, value] of patch) {
    const existing = merged.get(key);
    if (value === null) merged.delete(key);
    else if (value instanceof Map && existing instanceof Map) merged.set(key, mergePatch(existing, value));
    else merged.set(key, withoutNulls(value));
  }
  return merged;
}

/** Stored data holds no nulls: a null field or element means "absent", as in Fauna. */
export function withoutNulls(value: Value): Value {
  if (value instanceof Map) {
    const result: ObjectValue = new Map();
    for (const [key, entry] of value) if (entry !== null) result.set(key, withoutNulls(entry));
    return result;
  }
  if (Array.isArray(value)) return value.filter((element) => element !== null).map(withoutNulls);
  return value;
}
