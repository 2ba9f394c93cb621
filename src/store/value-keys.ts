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
import { Bytes, DateValue, LambdaValue, LONG_MAX, LONG_MIN, Page, QueryValue, Ref, SetRef, Timestamp, type Value } from "../language/values";
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

/** The bytes of a key being built: a reused buffer that grows as needed. */
class KeyBytes {
  bytes = new Uint8Array(256);
  view = new DataView(this.bytes.buffer);
  length = 0;

  private room(count: number): number {
    const at = this.length;
    if (at + count > this.bytes.length) {
      const grown = new Uint8Array(Math.max(this.bytes.length * 2, at + count));
      grown.set(this.bytes.subarray(0, at));
      this.bytes = grown;
      this.view = new DataView(grown.buffer);
    }
    this.length += count;
    return at;
  }

  byte(value: number): void {
    this.bytes[this.room(1)] = value;
  }

  /** Eight bytes of an unsigned 64-bit value, big-endian. */
  uint64(value: bigint): void {
    this.view.setBigUint64(this.room(8), value);
  }

  /** A signed 64-bit value, offset so that unsigned byte order is numeric order. */
  int64(value: bigint): void {
    const at = this.room(8);
    this.view.setBigInt64(at, value);
    this.bytes[at]! ^= 0x80;
  }

  /** A double as 8 bytes whose unsigned order is numeric order (negatives inverted, positives sign-flipped). */
  double(value: number): void {
    const at = this.room(8);
    this.view.setFloat64(at, value === 0 ? 0 : value);
    if (this.bytes[at]! & 0x80) for (let index = at; index < at + 8; index++) this.bytes[index] = ~this.bytes[index]! & 0xff;
    else this.bytes[at]! |= 0x80;
  }

  /** `content` with 0x00 escaped, then the terminator. */
  escaped(content: Uint8Array): void {
    for (const byte of content) {
      this.byte(byte);
      if (byte === 0) this.byte(0xff);
    }
    this.byte(Tag.End);
  }

  invert(from: number): void {
    for (let index = from; index < this.length; index++) this.bytes[index] = 0xff - this.bytes[index]!;
  }
}

const TWO_TO_53 = 2 ** 53;

/**
 * Numbers compare by value across Long and Double: the double nearest the
 * number first, then (for Longs beyond 2^53) how far the Long is from it.
 */
function pushNumber(out: KeyBytes, value: bigint | number): void {
  out.byte(Tag.Number);
  const nearest = typeof value === "bigint" ? Number(value) : value;
  out.double(nearest);
  const exact = typeof value === "number" || !Number.isFinite(nearest) || Math.abs(nearest) < TWO_TO_53;
  out.int64(exact ? 0n : (value as bigint) - BigInt(nearest));
}

function pushValue(out: KeyBytes, value: Value): void {
  switch (typeof value) {
    case "bigint":
    case "number":
      return pushNumber(out, value);
    case "string":
      out.byte(Tag.String);
      return out.escaped(collationKey(value));
    case "boolean":
      out.byte(value ? Tag.True : Tag.False);
      return;
  }
  if (value === null) {
    out.byte(Tag.Null);
  } else if (Array.isArray(value)) {
    out.byte(Tag.Array);
    for (const element of value) pushValue(out, element);
    out.byte(Tag.End);
  } else if (value instanceof Map) {
    out.byte(Tag.Object);
    for (const [key, entry] of value) {
      pushValue(out, key);
      pushValue(out, entry);
    }
    out.byte(Tag.End);
  } else if (value instanceof Ref) {
    out.byte(Tag.Ref);
    pushRef(out, value);
  } else if (value instanceof Timestamp) {
    out.byte(Tag.Time);
    const nanos = value.epochNanos;
    const seconds = nanos / 1_000_000_000n - (nanos % 1_000_000_000n < 0n ? 1n : 0n);
    out.int64(seconds);
    out.uint64(nanos - seconds * 1_000_000_000n);
  } else if (value instanceof DateValue) {
    out.byte(Tag.Date);
    out.int64(BigInt(value.epochDays));
  } else if (value instanceof Bytes) {
    out.byte(Tag.Bytes);
    out.escaped(value.bytes);
  } else if (value instanceof SetRef) {
    out.byte(Tag.Set);
    pushValue(out, value.parts);
  } else if (value instanceof QueryValue || value instanceof LambdaValue) {
    out.byte(Tag.Query);
    out.escaped(Buffer.from(encodeExpr(value instanceof QueryValue ? value.lambda : value.source)));
  } else if (value instanceof Page) {
    out.byte(Tag.Page);
    pushValue(out, value.data);
  }
}

/** The id as a Long when it is one (document ids), else undefined (names of schema documents). */
function numericId(id: string): bigint | undefined {
  if (!/^-?\d{1,19}$/.test(id)) return undefined;
  const value = BigInt(id);
  return value >= LONG_MIN && value <= LONG_MAX ? value : undefined;
}

/** Refs order by id (numerically; names of schema documents as text), then by collection, as Fauna's did. */
function pushRef(out: KeyBytes, ref: Ref): void {
  const id = numericId(ref.id);
  if (id !== undefined) {
    out.byte(Tag.Number);
    out.int64(id);
  } else {
    out.byte(Tag.String);
    out.escaped(Buffer.from(ref.id, "utf8"));
  }
  if (ref.collection) pushRef(out, ref.collection);
  out.byte(Tag.End);
  if (ref.database) pushRef(out, ref.database);
  out.byte(Tag.End);
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
const keyBytes = new KeyBytes();

export function tupleKey(parts: readonly KeyPart[]): string {
  const out = keyBytes;
  out.length = 0;
  for (const { value, reverse } of parts) {
    const start = out.length;
    pushValue(out, value);
    if (reverse) out.invert(start);
  }
  const bytes = Buffer.from(out.bytes.buffer, 0, out.length);
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
