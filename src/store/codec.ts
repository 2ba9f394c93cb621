/**
 * How values are stored: MessagePack (msgpackr), with Longs as 64-bit integers
 * (read back as bigint) and Doubles as plain numbers (read back as number), FQL
 * objects as maps (order kept), and extension types for FQL's other values.
 */
import { Packr, addExtension } from "msgpackr";
import { Bytes, DateValue, LambdaValue, QueryValue, Ref, SetRef, Timestamp, type ObjectValue, type Value } from "../language/values";
import { decodeExpr, encodeExpr, parseWireJson } from "../language/wire";

// copyBuffers: stored bytes are read from a buffer LMDB reuses, so nothing may keep a view of it.
// useBigIntExtension: a time is kept as nanoseconds, past 64 bits before 1677 and after 2262 (Fauna's times
// run from year -999,999,999 to 999,999,999); integers within 64 bits are written as before.
const packr = new Packr({ mapsAsObjects: false, useRecords: false, int64AsType: "bigint", moreTypes: false, copyBuffers: true, useBigIntExtension: true });

/**
 * msgpackr caches a DataView on every buffer it reads, as a property of the
 * buffer; stored bytes arrive in a fresh buffer each time, which makes that
 * cache a slow path. They are read through one reused buffer instead.
 */
let readBuffer = Buffer.alloc(4096);

function unpackStored(bytes: Uint8Array): unknown {
  if (bytes.length > readBuffer.length) readBuffer = Buffer.alloc(Math.max(bytes.length, readBuffer.length * 2));
  readBuffer.set(bytes);
  return packr.unpack(readBuffer, { end: bytes.length });
}

function extension<T>(type: number, Class: new (...args: never[]) => T, write: (value: T) => unknown, read: (data: never) => Value) {
  addExtension({ Class, type, write: write as (value: unknown) => unknown, read: read as (data: unknown) => unknown });
}

// A ref as one flat list, `[id, database, collection's id, its database, …]` out to the native collection: one extension to read, not one per level.
extension(
  1,
  Ref,
  (ref) => {
    const chain: (string | Ref | null)[] = [];
    for (let level: Ref | undefined = ref; level; level = level.collection) chain.push(level.id, level.database ?? null);
    return chain;
  },
  (chain: (string | Ref | null)[]) => {
    let ref: Ref | undefined;
    for (let index = chain.length - 2; index >= 0; index -= 2) ref = new Ref(chain[index] as string, ref, (chain[index + 1] as Ref | null) ?? undefined);
    return ref!;
  },
);
extension(2, Timestamp, (time) => time.epochNanos, (nanos: bigint) => new Timestamp(BigInt(nanos)));
extension(3, DateValue, (date) => date.epochDays, (days: number) => new DateValue(days));
extension(4, Bytes, (bytes) => bytes.bytes, (data: Uint8Array) => new Bytes(new Uint8Array(data)));
extension(5, SetRef, (set) => set.parts, (parts: ObjectValue) => new SetRef(parts));
const readQuery = (json: string) => new QueryValue(decodeExpr(parseWireJson(json)));
extension(6, QueryValue, (query) => encodeExpr(query.lambda), readQuery);
// A lambda written as data is kept as what it shows as, a query: its source, not what it closed over.
extension(7, LambdaValue, (lambda) => encodeExpr(lambda.source), readQuery);

/** One stored version of a document: its fields, and fields FQLite keeps but never shows. */
export interface StoredVersion {
  readonly ts: bigint;
  readonly fields: ObjectValue;
  readonly hidden?: ObjectValue;
  /** A history entry recording that the document was deleted at `ts`. */
  readonly deleted?: boolean;
  /** Bytes the version took in storage, when it was read from there. */
  readonly size?: number;
}

export function encodeVersion(version: StoredVersion): Uint8Array {
  return packr.pack([version.ts, version.deleted ? null : version.fields, version.hidden ?? null]);
}

export function decodeVersion(bytes: Uint8Array): StoredVersion {
  const [ts, fields, hidden] = unpackStored(bytes) as [bigint, ObjectValue | null, ObjectValue | null];
  const size = bytes.length;
  if (fields === null) return { ts, fields: new Map(), deleted: true, size };
  return hidden ? { ts, fields, hidden, size } : { ts, fields, size };
}

export function encodeValue(value: Value): Uint8Array {
  return packr.pack(value);
}

export function decodeValue(bytes: Uint8Array): Value {
  return unpackStored(bytes) as Value;
}
