/**
 * Order-preserving encodings of FQL values, so that index entries can be kept
 * in LMDB in Fauna's order and a set read is a key range.
 *
 * Fauna ordered index values as their CBOR encodings compare: numbers (Long
 * and Double by value) < byte strings < strings (by collation, see
 * `collation.ts`) < arrays (element by element) < objects < tagged values
 * (refs, times, dates, …) < false < true < null. Each encoded value is
 * self-delimiting (a type byte, then content in which 0x00 is escaped as
 * 0x00 0xFF, then 0x00), so tuples encode as concatenations and compare
 * element by element; a descending (`reverse`) value has its bytes inverted.
 *
 * Keys travel as hex text: LMDB's tuple keys compare text by its UTF-8 bytes,
 * and hex keeps byte order.
 */
import { collationKey } from "../language/collation";
import { Bytes, DateValue, LambdaValue, Page, QueryValue, Ref, SetRef, Timestamp, type Value } from "../language/values";
import { createHash } from "node:crypto";
import { encodeExpr, encodeValue } from "../language/wire";

const enum Tag {
  End = 0x00,
  Number = 0x10,
  Bytes = 0x20,
  String = 0x30,
  Array = 0x40,
  Object = 0x50,
  Ref = 0x60,
  Set = 0x61,
  Time = 0x62,
  Date = 0x63,
  Query = 0x64,
  Page = 0x65,
  False = 0x70,
  True = 0x71,
  Null = 0x7f,
}

/** Appends `content` with 0x00 escaped, then the terminator. */
function pushEscaped(out: number[], content: Uint8Array): void {
  for (const byte of content) {
    out.push(byte);
    if (byte === 0) out.push(0xff);
  }
  out.push(Tag.End);
}

function pushUint64(out: number[], value: bigint): void {
  for (let shift = 56n; shift >= 0n; shift -= 8n) out.push(Number((value >> shift) & 0xffn));
}

const doubleView = new DataView(new ArrayBuffer(8));

/** A double as 8 bytes whose unsigned order is numeric order (negatives inverted, positives sign-flipped). */
function sortableDouble(value: number): bigint {
  doubleView.setFloat64(0, value === 0 ? 0 : value);
  const bits = doubleView.getBigUint64(0);
  return bits >> 63n ? ~bits & 0xffffffffffffffffn : bits | 0x8000000000000000n;
}

/**
 * Numbers compare by value across Long and Double: the double nearest the
 * number first, then (for Longs beyond 2^53) how far the Long is from it.
 */
function pushNumber(out: number[], value: bigint | number): void {
  out.push(Tag.Number);
  const nearest = typeof value === "bigint" ? Number(value) : value;
  pushUint64(out, sortableDouble(nearest));
  const offset = typeof value === "bigint" && Number.isFinite(nearest) ? value - BigInt(nearest) : 0n;
  pushUint64(out, offset + (1n << 63n));
}

function pushSigned(out: number[], value: bigint): void {
  pushUint64(out, BigInt.asUintN(64, value + (1n << 63n)));
}

function pushValue(out: number[], value: Value): void {
  switch (typeof value) {
    case "bigint":
    case "number":
      return pushNumber(out, value);
    case "string":
      out.push(Tag.String);
      return pushEscaped(out, collationKey(value));
    case "boolean":
      out.push(value ? Tag.True : Tag.False);
      return;
  }
  if (value === null) {
    out.push(Tag.Null);
  } else if (Array.isArray(value)) {
    out.push(Tag.Array);
    for (const element of value) pushValue(out, element);
    out.push(Tag.End);
  } else if (value instanceof Map) {
    out.push(Tag.Object);
    for (const [key, entry] of value) {
      pushValue(out, key);
      pushValue(out, entry);
    }
    out.push(Tag.End);
  } else if (value instanceof Ref) {
    out.push(Tag.Ref);
    pushRef(out, value);
  } else if (value instanceof Timestamp) {
    out.push(Tag.Time);
    const nanos = value.epochNanos;
    const seconds = nanos / 1_000_000_000n - (nanos % 1_000_000_000n < 0n ? 1n : 0n);
    pushSigned(out, seconds);
    pushUint64(out, nanos - seconds * 1_000_000_000n);
  } else if (value instanceof DateValue) {
    out.push(Tag.Date);
    pushSigned(out, BigInt(value.epochDays));
  } else if (value instanceof Bytes) {
    out.push(Tag.Bytes);
    pushEscaped(out, value.bytes);
  } else if (value instanceof SetRef) {
    out.push(Tag.Set);
    pushValue(out, value.parts);
  } else if (value instanceof QueryValue || value instanceof LambdaValue) {
    out.push(Tag.Query);
    pushEscaped(out, Buffer.from(encodeExpr(value instanceof QueryValue ? value.lambda : value.source)));
  } else if (value instanceof Page) {
    out.push(Tag.Page);
    pushValue(out, value.data);
  }
}

/** Refs order by id (numerically; names of schema documents as text), then by collection, as Fauna's did. */
function pushRef(out: number[], ref: Ref): void {
  if (/^-?\d+$/.test(ref.id) && BigInt(ref.id) >= -(1n << 63n) && BigInt(ref.id) < 1n << 63n) {
    out.push(Tag.Number);
    pushSigned(out, BigInt(ref.id));
  } else {
    out.push(Tag.String);
    pushEscaped(out, Buffer.from(ref.id, "utf8"));
  }
  if (ref.collection) pushRef(out, ref.collection);
  out.push(Tag.End);
  if (ref.database) pushRef(out, ref.database);
  out.push(Tag.End);
}

export interface KeyPart {
  readonly value: Value;
  readonly reverse?: boolean;
}

/**
 * LMDB keys are at most ~2 KB: a longer sort key keeps its first bytes (and so
 * its order, but for values that share such a prefix) and a digest of the rest.
 */
const MAX_SORT_KEY_BYTES = 700;

/** The sort key of a tuple of values, as hex text. */
export function tupleKey(parts: readonly KeyPart[]): string {
  const out: number[] = [];
  for (const { value, reverse } of parts) {
    const start = out.length;
    pushValue(out, value);
    if (reverse) for (let index = start; index < out.length; index++) out[index] = 0xff - out[index]!;
  }
  const bytes = Buffer.from(out);
  if (bytes.length <= MAX_SORT_KEY_BYTES) return bytes.toString("hex");
  return bytes.subarray(0, MAX_SORT_KEY_BYTES).toString("hex") + createHash("sha256").update(bytes).digest("hex");
}

/**
 * The key of index terms, matched by equality only: exact about types (1 and
 * 1.0 differ, as in Fauna) and about bytes; long terms are kept as a digest.
 */
export function termsKey(values: readonly Value[]): string {
  const json = encodeValue([...values]);
  return json.length <= MAX_SORT_KEY_BYTES ? json : createHash("sha256").update(json).digest("hex");
}

/** Text that sorts after every key starting with `prefix`. */
export function afterPrefix(prefix: string): string {
  return `${prefix}~`;
}
