/**
 * The FQL v4 expression tree. Query text (`parse.ts`) and wire JSON
 * (`wire.ts`) both produce it, in the same normal form, so that a query
 * evaluates identically whichever way it arrived, and so that it can be sent
 * back to the wire byte for byte.
 */
import type { FunctionSpec } from "../catalog/functions";
import type { Value } from "./values";

/** Where an expression starts and ends in the query text (1-based line and column). */
export interface SourceLocation {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
  readonly endOffset: number;
}

/** A scalar, or a value that arrived already built (`{"@ref": …}`, `Bytes("…")`). */
export interface LiteralExpr {
  readonly kind: "literal";
  readonly value: Value;
  readonly loc?: SourceLocation;
}

export interface ArrayExpr {
  readonly kind: "array";
  readonly elements: readonly Expr[];
  readonly loc?: SourceLocation;
}

/** An object literal, `{"object": {…}}` on the wire. */
export interface ObjectExpr {
  readonly kind: "object";
  readonly entries: readonly (readonly [string, Expr])[];
  readonly loc?: SourceLocation;
}

/**
 * A function call. `args` follows the catalog's text order; an omitted optional
 * argument is `undefined`.
 */
export interface CallExpr {
  readonly kind: "call";
  readonly fn: FunctionSpec;
  readonly args: readonly (Arg | undefined)[];
  readonly loc?: SourceLocation;
}

export type Expr = LiteralExpr | ArrayExpr | ObjectExpr | CallExpr;

/**
 * Let bindings. They keep the form they were written in (one object, or an
 * array of objects) so that they encode back to the same request.
 */
export interface BindingsArg {
  readonly kind: "bindings";
  readonly form: "object" | "array";
  readonly groups: readonly (readonly (readonly [string, Expr])[])[];
  readonly loc?: SourceLocation;
}

/** Options sent as top-level keys of the call (Paginate's `size`, `after`, …). */
export interface OptionsArg {
  readonly kind: "options";
  readonly entries: readonly (readonly [string, Expr])[];
  readonly loc?: SourceLocation;
}

export type Arg = Expr | BindingsArg | OptionsArg;

export function literal(value: Value, loc?: SourceLocation): LiteralExpr {
  return loc ? { kind: "literal", value, loc } : { kind: "literal", value };
}

/** Every binding of a Let, in evaluation order. */
export function bindingsOf(arg: BindingsArg): (readonly [string, Expr])[] {
  return arg.groups.flat();
}
