/** FQL equality: structural, with Long and Double kept apart inside containers. */
import { Bytes, DateValue, Page, QueryValue, Ref, SetRef, Timestamp, type Value } from "../language/values";
import { encodeExpr } from "../language/wire";

export function refEquals(a: Ref | undefined, b: Ref | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return a.id === b.id && refEquals(a.collection, b.collection) && refEquals(a.database, b.database);
}

/** Structural equality: `[1]` and `[1.0]` differ; objects ignore key order. */
export function valuesEqual(a: Value, b: Value): boolean {
  if (a === b) return typeof a !== "number" || !Object.is(a, -0) === !Object.is(b, -0);
  if (typeof a !== typeof b || a === null || b === null || typeof a !== "object") {
    return typeof a === "number" && typeof b === "number" && Number.isNaN(a) && Number.isNaN(b);
  }
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((element, index) => valuesEqual(element, b[index]!));
  if (a instanceof Map) {
    if (!(b instanceof Map) || a.size !== b.size) return false;
    for (const [key, value] of a) if (!b.has(key) || !valuesEqual(value, b.get(key)!)) return false;
    return true;
  }
  if (a instanceof Ref) return b instanceof Ref && refEquals(a, b);
  if (a instanceof Timestamp) return b instanceof Timestamp && a.epochNanos === b.epochNanos;
  if (a instanceof DateValue) return b instanceof DateValue && a.epochDays === b.epochDays;
  if (a instanceof Bytes) return b instanceof Bytes && Buffer.from(a.bytes).equals(Buffer.from(b.bytes));
  if (a instanceof SetRef) return b instanceof SetRef && valuesEqual(a.parts, b.parts);
  if (a instanceof Page) return b instanceof Page && valuesEqual(a.data, b.data) && valuesEqual(a.before ?? null, b.before ?? null) && valuesEqual(a.after ?? null, b.after ?? null);
  if (a instanceof QueryValue) return b instanceof QueryValue && encodeExpr(a.lambda) === encodeExpr(b.lambda);
  return false;
}

/** `Equals` compares its top-level arguments numerically across Long and Double. */
export function topLevelEquals(a: Value, b: Value): boolean {
  // As Java's Double.compare(long.toDouble, double) == 0: -0.0 differs from 0.
  if (typeof a === "bigint" && typeof b === "number") return Number(a) === b && !Object.is(b, -0);
  if (typeof a === "number" && typeof b === "bigint") return topLevelEquals(b, a);
  return valuesEqual(a, b);
}
