/** Evaluating a call's arguments and checking their types, with errors placed where Fauna placed them. */
import { Errors } from "../error/catalog";
import { FaunaError, queryError, type ErrorSite } from "../error/FaunaError";
import type { Arg, CallExpr, Expr } from "../language/ast";
import { Ref, Timestamp, type Scope, type Value } from "../language/values";
import type { QueryContext } from "./context";
import { evaluate } from "./execute";
import { typeName } from "./types";

export type Guard<T extends Value> = (value: Value) => value is T;

export const isString: Guard<string> = (value): value is string => typeof value === "string";
export const isLong: Guard<bigint> = (value): value is bigint => typeof value === "bigint";
export const isBoolean: Guard<boolean> = (value): value is boolean => typeof value === "boolean";
export const isRef: Guard<Ref> = (value): value is Ref => value instanceof Ref;
export const isNumeric: Guard<bigint | number> = (value): value is bigint | number => typeof value === "bigint" || typeof value === "number";

/** Where an argument's errors go: the argument itself, or its key on the call when it was left out. */
export function argSite(call: CallExpr, index: number): ErrorSite {
  return call.args[index] ?? { node: call, path: [call.fn.args[index]!.key] };
}

/** The site of element `index` of a rest argument (or of the argument itself when it was one value). */
export function elementSite(call: CallExpr, argIndex: number, index: number, isArray: boolean): ErrorSite {
  const arg = call.args[argIndex] as Arg;
  return isArray ? { node: arg, path: [index] } : arg;
}

export function evalArg(ctx: QueryContext, call: CallExpr, index: number, scope: Scope | undefined): Value {
  const arg = call.args[index];
  return arg === undefined ? null : evaluate(ctx, arg as Expr, scope);
}

export function hasArg(call: CallExpr, index: number): boolean {
  return call.args[index] !== undefined;
}

export function expectValue<T extends Value>(value: Value, guard: Guard<T>, expected: readonly string[], site: ErrorSite): T {
  if (guard(value)) return value;
  throw queryError(Errors.invalidArgument, site, expected, typeName(value));
}

export function expectArg<T extends Value>(
  ctx: QueryContext,
  call: CallExpr,
  index: number,
  scope: Scope | undefined,
  guard: Guard<T>,
  expected: readonly string[],
): T {
  return expectValue(evalArg(ctx, call, index, scope), guard, expected, argSite(call, index));
}

/** The values of a rest argument: its elements when it is an array, else itself. */
export function restValues(ctx: QueryContext, call: CallExpr, index: number, scope: Scope | undefined): { values: Value[]; isArray: boolean } {
  const value = evalArg(ctx, call, index, scope);
  return Array.isArray(value) ? { values: value, isArray: true } : { values: [value], isArray: false };
}

/**
 * A rest argument whose every element must pass `guard`; errors for all bad elements, as Fauna did.
 * Empty is an error unless `allowEmpty` (Fauna's ZeroOrMore rather than OneOrMore).
 */
export function expectRest<T extends Value>(
  ctx: QueryContext,
  call: CallExpr,
  index: number,
  scope: Scope | undefined,
  guard: Guard<T>,
  expected: readonly string[],
  allowEmpty = false,
): T[] {
  const { values, isArray } = restValues(ctx, call, index, scope);
  if (values.length === 0 && !allowEmpty) throw queryError(Errors.emptyArray, argSite(call, index));
  const bad = values.flatMap((value, position) =>
    guard(value) ? [] : queryError(Errors.invalidArgument, elementSite(call, index, position, isArray), expected, typeName(value)).errors,
  );
  if (bad.length > 0) throw new FaunaError(bad);
  return values as T[];
}

/** A point in time, given as a Time or as microseconds since the epoch (Fauna's error names only Time). */
export function microsOf(value: Value, site: ErrorSite): bigint {
  if (value instanceof Timestamp) return value.epochMicros;
  if (typeof value === "bigint") return value;
  throw queryError(Errors.invalidArgument, site, ["Time"], typeName(value));
}
