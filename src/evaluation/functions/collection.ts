/**
 * Collections: functions over arrays, pages and sets. Map, Foreach, Take, Drop
 * take arrays and pages; Filter a set too (and gives a set); the folds (Count,
 * Sum, Mean, Min, Max, Any, All, Reduce) read a whole set, and on a page give
 * a page of their result, as Fauna did.
 */
import { Errors } from "../../error/catalog";
import { queryError, type ErrorSite } from "../../error/FaunaError";
import type { CallExpr, Expr } from "../../language/ast";
import { wrapLong } from "../../language/numbers";
import { Page, SetRef, type LambdaValue, type Scope, type Value } from "../../language/values";
import { argSite, evalArg, expectArg, isLong } from "../args";
import type { QueryContext } from "../context";
import { applyLambda, asLambda, type Implementation } from "../execute";
import { compareValues } from "../ordering";
import { allElements, isSetValue, paginateElements, setOf, shown } from "../sets";
import { typeName } from "../types";

/** The lambda argument of a higher-order function, and where its arity errors are reported. */
export function lambdaArg(ctx: QueryContext, call: CallExpr, index: number, scope: Scope | undefined): { lambda: LambdaValue; site: ErrorSite } {
  const value = evalArg(ctx, call, index, scope);
  const arg = call.args[index] as Expr;
  const site: ErrorSite = arg.kind === "call" && arg.fn.name === "Lambda" ? { node: arg, path: ["lambda"] } : arg;
  const lambda = asLambda(value);
  if (lambda) return { lambda, site };
  throw queryError(Errors.invalidExpressionType, argSite(call, index), ["Lambda"], typeName(value));
}

/** The elements of an array or a page, and how to put mapped elements back into the same shape. */
function iterable(value: Value, site: ErrorSite): { elements: Value[]; rebuild: (mapped: Value[]) => Value } {
  if (Array.isArray(value)) return { elements: value, rebuild: (mapped) => mapped };
  if (value instanceof Page) return { elements: value.data, rebuild: (mapped) => new Page(mapped, value.before, value.after) };
  throw queryError(Errors.invalidArgument, site, ["Array", "Page"], typeName(value));
}

const evalMap: Implementation = (ctx, call, scope) => {
  const { elements, rebuild } = iterable(evalArg(ctx, call, 0, scope), argSite(call, 0));
  const { lambda, site } = lambdaArg(ctx, call, 1, scope);
  return rebuild(elements.map((element) => applyLambda(ctx, lambda, element, site)));
};

const evalForeach: Implementation = (ctx, call, scope) => {
  const collection = evalArg(ctx, call, 0, scope);
  const { elements } = iterable(collection, argSite(call, 0));
  const { lambda, site } = lambdaArg(ctx, call, 1, scope);
  for (const element of elements) applyLambda(ctx, lambda, element, site);
  return collection;
};

const evalFilter: Implementation = (ctx, call, scope) => {
  const collection = evalArg(ctx, call, 0, scope);
  const { lambda, site } = lambdaArg(ctx, call, 1, scope);
  if (isSetValue(collection)) {
    setOf(ctx, collection, argSite(call, 0));
    return new SetRef(
      new Map<string, Value>([
        ["filter", lambda],
        ["collection", collection],
      ]),
    );
  }
  const { elements, rebuild } = iterable(collection, argSite(call, 0));
  return rebuild(
    elements.filter((element) => {
      const keep = applyLambda(ctx, lambda, element, site);
      if (typeof keep !== "boolean") throw queryError(Errors.invalidArgument, site, ["Boolean"], typeName(keep));
      return keep;
    }),
  );
};

/** Take and Drop: a prefix of an array or a page, or all but it. */
function slice(keepPrefix: boolean): Implementation {
  return (ctx, call, scope) => {
    const count = expectArg(ctx, call, 0, scope, isLong, ["Integer"]);
    const { elements, rebuild } = iterable(evalArg(ctx, call, 1, scope), argSite(call, 1));
    const cut = Number(count < 0n ? 0n : count > BigInt(elements.length) ? BigInt(elements.length) : count);
    return rebuild(keepPrefix ? elements.slice(0, cut) : elements.slice(cut));
  };
}

/** Prepend and Append join two arrays. */
function join(before: boolean): Implementation {
  return (ctx, call, scope) => {
    const elements = expectArg(ctx, call, 0, scope, Array.isArray as (value: Value) => value is Value[], ["Array"]);
    const array = expectArg(ctx, call, 1, scope, Array.isArray as (value: Value) => value is Value[], ["Array"]);
    return before ? [...elements, ...array] : [...array, ...elements];
  };
}

/** A fold's input: an array (gives a value), a page (gives a page of the value), a set (gives a value). */
function foldInput(ctx: QueryContext, call: CallExpr, index: number, scope: Scope | undefined): { values: Value[]; wrap: (result: Value) => Value } {
  const value = evalArg(ctx, call, index, scope);
  if (Array.isArray(value)) return { values: value, wrap: (result) => result };
  if (value instanceof Page) return { values: value.data, wrap: (result) => new Page([result], value.before, value.after) };
  if (isSetValue(value)) return { values: allElements(ctx, setOf(ctx, value, argSite(call, index))).map(shown), wrap: (result) => result };
  throw queryError(Errors.invalidArgument, argSite(call, index), ["Array", "Set", "Page"], typeName(value));
}

/** A fold that looks at every element (Fauna billed each as a call). */
function fold(combine: (values: Value[], call: CallExpr) => Value): Implementation {
  return (ctx, call, scope) => {
    const { values, wrap } = foldInput(ctx, call, 0, scope);
    for (let index = 0; index < values.length; index++) ctx.metrics.call();
    return wrap(combine(values, call));
  };
}

function numbers(values: Value[], call: CallExpr): (bigint | number)[] {
  for (const value of values) {
    if (typeof value !== "bigint" && typeof value !== "number") throw queryError(Errors.invalidArgument, argSite(call, 0), ["Number"], typeName(value));
  }
  return values as (bigint | number)[];
}

function booleans(values: Value[], call: CallExpr): boolean[] {
  for (const value of values) if (typeof value !== "boolean") throw queryError(Errors.invalidArgument, argSite(call, 0), ["Boolean"], typeName(value));
  return values as boolean[];
}

function sum(values: (bigint | number)[]): bigint | number {
  return values.reduce<bigint | number>((total, value) => (typeof total === "bigint" && typeof value === "bigint" ? wrapLong(total + value) : Number(total) + Number(value)), 0n);
}

/** Max and Min by Fauna's order; one array argument counts as its elements. */
function extreme(sign: 1 | -1): Implementation {
  return (ctx, call, scope) => {
    const { values, wrap } = foldInput(ctx, call, 0, scope);
    const candidates = values.length === 1 && Array.isArray(values[0]) ? values[0] : values;
    if (candidates.length === 0) throw queryError(Errors.emptyArray, argSite(call, 0));
    return wrap(candidates.reduce((best, value) => (compareValues(value, best) * sign > 0 ? value : best)));
  };
}

/** IsEmpty and IsNonEmpty: of an array, a page's data, or a set (its first element is enough). */
function emptiness(empty: boolean): Implementation {
  return (ctx, call, scope) => {
    const value = evalArg(ctx, call, 0, scope);
    let size: number;
    if (Array.isArray(value)) size = value.length;
    else if (value instanceof Page) size = value.data.length;
    else if (isSetValue(value)) size = paginateElements(ctx, setOf(ctx, value, argSite(call, 0)), 1).length;
    else throw queryError(Errors.invalidArgument, argSite(call, 0), ["Array", "Set", "Page"], typeName(value));
    return (size === 0) === empty;
  };
}

const evalReduce: Implementation = (ctx, call, scope) => {
  const { lambda, site } = lambdaArg(ctx, call, 0, scope);
  const initial = evalArg(ctx, call, 1, scope);
  const { values, wrap } = foldInput(ctx, call, 2, scope);
  return wrap(values.reduce((accumulator, value) => applyLambda(ctx, lambda, [accumulator, value], site), initial));
};

export const collectionFunctions: Record<string, Implementation> = {
  Map: evalMap,
  Foreach: evalForeach,
  Filter: evalFilter,
  Take: slice(true),
  Drop: slice(false),
  Prepend: join(true),
  Append: join(false),
  Count: fold((values) => BigInt(values.length)),
  Sum: fold((values, call) => sum(numbers(values, call))),
  Mean: fold((values, call) => {
    if (values.length === 0) throw queryError(Errors.emptyArray, argSite(call, 0));
    return Number(sum(numbers(values, call))) / values.length;
  }),
  Any: fold((values, call) => booleans(values, call).some((value) => value)),
  All: fold((values, call) => booleans(values, call).every((value) => value)),
  Max: extreme(1),
  Min: extreme(-1),
  IsEmpty: emptiness(true),
  IsNonEmpty: emptiness(false),
  Reduce: evalReduce,
};
