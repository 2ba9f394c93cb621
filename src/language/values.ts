/**
 * The FQL v4 value model.
 *
 * Scalars map onto JavaScript directly so that evaluation stays cheap:
 *   Null → null, Boolean → boolean, Long → bigint (always within signed 64 bits),
 *   Double → number, String → string, Array → Value[].
 * Objects are Maps: FQL objects keep insertion order (plain JS objects would move
 * integer-like keys first) and must never reach a prototype (`__proto__` is an
 * ordinary key in FQL). The remaining types are small immutable classes.
 */
import type { Expr } from "./ast";

export type Value =
  | null
  | boolean
  | bigint
  | number
  | string
  | Value[]
  | ObjectValue
  | Ref
  | Timestamp
  | DateValue
  | Bytes
  | SetRef
  | Page
  | LambdaValue
  | QueryValue;

export type ObjectValue = Map<string, Value>;

/** Names of Fauna's built-in ("native") collections, as their refs carry them. */
export const NativeCollectionIds = [
  "collections",
  "indexes",
  "databases",
  "keys",
  "tokens",
  "credentials",
  "functions",
  "roles",
  "access_providers",
] as const;
export type NativeCollectionId = (typeof NativeCollectionIds)[number];

/**
 * A reference. Native collection refs (`Tokens()`) have no collection; schema refs
 * (`Collection("users")`) live in a native collection; document refs live in a
 * user collection or in `tokens`, `keys`, `credentials`. `database` scopes a
 * native-collection or schema ref to a child database.
 */
export class Ref {
  constructor(
    readonly id: string,
    readonly collection?: Ref,
    readonly database?: Ref,
  ) {}

  static native(id: NativeCollectionId, database?: Ref): Ref {
    return new Ref(id, undefined, database);
  }

  /** `Collection("x")`, `Index("x")`, `Database("x")`, … */
  static schema(kind: NativeCollectionId, name: string, database?: Ref): Ref {
    return new Ref(name, Ref.native(kind), database);
  }

  get isNative(): boolean {
    return this.collection === undefined;
  }
}

/** A point in time with nanosecond precision, `Time("…")` / `{"@ts": …}`. */
export class Timestamp {
  constructor(readonly epochNanos: bigint) {}

  static fromMicros(micros: bigint): Timestamp {
    return new Timestamp(micros * 1000n);
  }

  get epochMicros(): bigint {
    return floorDiv(this.epochNanos, 1000n);
  }
}

/** A calendar date, `Date("2021-06-23")` / `{"@date": …}`. */
export class DateValue {
  constructor(readonly epochDays: number) {}
}

/** A byte string, `Bytes("…")` / `{"@bytes": base64}`. */
export class Bytes {
  constructor(readonly bytes: Uint8Array) {}
}

/**
 * A set reference: the wire form of the set expression that built it, with its
 * arguments evaluated, e.g. `{match: Index("x"), terms: "t"}`.
 */
export class SetRef {
  constructor(readonly parts: ObjectValue) {}
}

/** One page of a set, as Paginate returns it. Cursors are present only when there is more. */
export class Page {
  constructor(
    readonly data: Value[],
    readonly before?: Value,
    readonly after?: Value,
  ) {}
}

/** Parameters of a Lambda: a name, or an array of names to destructure an array into. */
export type LambdaParams = string | string[];

/** A Lambda value: the `Lambda(…)` expression it came from, closed over its scope. */
export class LambdaValue {
  constructor(
    readonly params: LambdaParams,
    readonly body: Expr,
    readonly source: Expr,
    readonly scope: Scope | undefined,
  ) {}
}

/** `Query(Lambda(…))` / `{"@query": …}`: a lambda kept as data, run by `Call`. */
export class QueryValue {
  constructor(readonly lambda: Expr) {}
}

/** Variable bindings, innermost first. */
export interface Scope {
  readonly name: string;
  readonly value: Value;
  readonly parent: Scope | undefined;
}

/** What kind of FQL value a value is: the one place that tells them apart, for the names each message uses. */
export type ValueKind = "Long" | "Double" | "String" | "Boolean" | "Null" | "Array" | "Object" | "Ref" | "Time" | "Date" | "Bytes" | "Set" | "Page" | "Lambda" | "Query";

export function valueKind(value: Value): ValueKind {
  switch (typeof value) {
    case "bigint":
      return "Long";
    case "number":
      return "Double";
    case "string":
      return "String";
    case "boolean":
      return "Boolean";
  }
  if (value === null) return "Null";
  if (Array.isArray(value)) return "Array";
  if (value instanceof Map) return "Object";
  if (value instanceof Ref) return "Ref";
  if (value instanceof Timestamp) return "Time";
  if (value instanceof DateValue) return "Date";
  if (value instanceof Bytes) return "Bytes";
  if (value instanceof SetRef) return "Set";
  if (value instanceof Page) return "Page";
  if (value instanceof LambdaValue) return "Lambda";
  return "Query";
}

export function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q;
}

export const LONG_MIN = -(1n << 63n);
export const LONG_MAX = (1n << 63n) - 1n;
