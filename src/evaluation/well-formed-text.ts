/**
 * Text as storage can keep it. FQLite stores text as UTF-8, which cannot hold
 * a lone surrogate; one is written as U+FFFD instead. Queries have theirs
 * replaced as they are read (`decodeRequest`, the parser); string functions
 * can still make one at run time, as Java's did (ReplaceStr with an empty
 * pattern splits surrogate pairs, `%.1s` takes half of one), and a document
 * written with it has it replaced here, before its index entries are made, so
 * that what it stores, shows and is matched by agree.
 */
import type { ObjectValue, Value } from "../language/values";

function isWellFormedValue(value: Value): boolean {
  if (typeof value === "string") return value.isWellFormed();
  if (Array.isArray(value)) return value.every(isWellFormedValue);
  if (value instanceof Map) {
    for (const [key, entry] of value) if (!key.isWellFormed() || !isWellFormedValue(entry)) return false;
  }
  return true;
}

function repaired(value: Value): Value {
  if (typeof value === "string") return value.toWellFormed();
  if (Array.isArray(value)) return value.map(repaired);
  if (value instanceof Map) return new Map([...value].map(([key, entry]) => [key.toWellFormed(), repaired(entry)]));
  return value;
}

/** A document's fields with every string and key well-formed; the same object when they already are (nearly always). */
export function wellFormedFields(fields: ObjectValue): ObjectValue {
  return isWellFormedValue(fields) ? fields : (repaired(fields) as ObjectValue);
}
