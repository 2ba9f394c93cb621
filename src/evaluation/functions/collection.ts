/**
 * Collections: functions over arrays, pages and sets. Map, Foreach, Take, Drop
 * take arrays and pages; Filter a set too (and gives a set); the folds (Count,
 * Sum, Mean, Min, Max, Any, All, Reduce) read a whole set, and on a page give
 * a page of their result, as Fauna did.
 */
import { Errors } from "../../error/catalog";
import { FaunaError, queryError, type ErrorSite } from "../../error/FaunaError";
import type { CallExpr, Expr } from "../../language/ast";
import { narrowToInt, wrapLong } from "../../language/numbers";
import { Page, SetRef, type LambdaValue, type Scope, type Value } from "../../language/values";
import { argSite, evalArg, expectArg, isLong, restValues } from "../args";
import type { QueryContext } from "../context";
import { applyLambda, asLambda, type Implementation } from "../execute";
import { compareValues } from "../ordering";
import { allElements, carryCursors, isSetValue, pageCursors, paginateElements, placeLambdaSet, setOf, shown, withCursors } from "../sets";
import { typeName } from "../types";
import { eventValue } from "../history";
import { eventsOf, readableEvents } from "./read";

/** The lambda argument of a higher-order function, and where its arity errors are reported. */
export function lambdaArg(ctx: QueryContext, call: CallExpr, index: number, scope: Scope | undefined): { lambda: LambdaValue; site: ErrorSite } {
  const value = evalArg(ctx, call, index, scope);
  const arg = call.args[index] as Expr;
  const site: ErrorSite = arg.kind === "call" && arg.fn.name === "Lambda" ? { node: arg, path: ["lambda"] } : arg;
  const lambda = asLambda(value);
  if (lambda) return { lambda, site };
  throw queryError(Errors.invalidExpressionType, argSite(call, index), ["Lambda"], typeName(value));
}

/**
 * The elements of an array or a page, and how to put mapped elements back
 * into the same shape (a page keeps its cursors). Map, Foreach and Filter
 * first took any array, set or page, so anything else is reported as not
 * one of those, and a set as not an array or page.
 */
function iterable(value: Value, site: ErrorSite, setsFirst = true): { elements: Value[]; rebuild: (mapped: Value[]) => Value } {
  if (Array.isArray(value)) return { elements: value, rebuild: (mapped) => mapped };
  if (value instanceof Page) return { elements: value.data, rebuild: (mapped) => carryCursors(new Page(mapped, value.before, value.after), value) };
  if (setsFirst && !isSetValue(value)) throw queryError(Errors.invalidArgument, site, ["Array", "Set", "Page"], typeName(value));
  throw queryError(Errors.invalidArgument, site, ["Array", "Page"], setsFirst ? "Set" : typeName(value));
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
    const set = new SetRef(
      new Map<string, Value>([
        ["filter", lambda],
        ["collection", collection],
      ]),
    );
    return placeLambdaSet(set, call, "filter");
  }
  if (!Array.isArray(collection) && !(collection instanceof Page)) iterable(collection, argSite(call, 0));
  const elements = Array.isArray(collection) ? collection : (collection as Page).data;
  const keeps = elements.map((element) => applyLambda(ctx, lambda, element, site));
  // Fauna checked the results together, as an array at the call: each one not a boolean is an error at its index.
  const bad = keeps.flatMap((keep, index) =>
    typeof keep === "boolean" ? [] : queryError(Errors.invalidArgument, { node: call, path: [index] }, ["Boolean"], typeName(keep)).errors,
  );
  if (bad.length > 0) throw new FaunaError(bad);
  const kept = elements.filter((_, index) => keeps[index] === true);
  if (Array.isArray(collection)) return kept;
  const cursors = pageCursors(collection as Page);
  return withCursors(
    new Page(kept, (collection as Page).before, (collection as Page).after),
    cursors && cursors.filter((_, index) => keeps[index] === true),
  );
};

/**
 * Take and Drop: a prefix of an array or a page, or all but it. Fauna cut
 * the count to 32 bits first (2^32 + 1 takes one). On a page, Take moves
 * `after` to the first element left out (to `before` for a negative count),
 * and Drop moves `before` to the first element kept (to `after` when none is).
 */
function slice(keepPrefix: boolean): Implementation {
  return (ctx, call, scope) => {
    const count = narrowToInt(expectArg(ctx, call, 0, scope, isLong, ["Integer"]));
    const collection = evalArg(ctx, call, 1, scope);
    const { elements } = iterable(collection, argSite(call, 1), false);
    const cut = Math.max(0, Math.min(count, elements.length));
    const data = keepPrefix ? elements.slice(0, cut) : elements.slice(cut);
    if (!(collection instanceof Page)) return data;
    const cursors = pageCursors(collection);
    // Without the elements' cursors (a page of events), the page's own are kept.
    if (!cursors) return new Page(data, collection.before, collection.after);
    if (keepPrefix) return withCursors(new Page(data, collection.before, count < 0 ? collection.before : (cursors[cut] ?? collection.after)), cursors.slice(0, cut));
    const kept = cursors.slice(cut);
    return withCursors(new Page(data, count < 0 ? collection.before : (kept[0] ?? collection.after), collection.after), kept);
  };
}

/** Prepend and Append join to an array one value or an array's elements. */
function join(before: boolean): Implementation {
  return (ctx, call, scope) => {
    const { values } = restValues(ctx, call, 0, scope);
    const array = expectArg(ctx, call, 1, scope, Array.isArray as (value: Value) => value is Value[], ["Array"]);
    return before ? [...values, ...array] : [...array, ...values];
  };
}

/** A fold's input: an array (gives a value), a page (gives a page of the value), a set (gives a value). */
function foldInput(ctx: QueryContext, call: CallExpr, index: number, value: Value): { values: Value[]; wrap: (result: Value) => Value } {
  if (Array.isArray(value)) return { values: value, wrap: (result) => result };
  if (value instanceof Page) return { values: value.data, wrap: (result) => carryCursors(new Page([result], value.before, value.after), value) };
  const history = eventsOf(value);
  // Fauna folded a set of events over its events, as Paginate shows them.
  if (history !== undefined) return { values: readableEvents(ctx, call, history, argSite(call, index)).map((event) => eventValue(event)), wrap: (result) => result };
  if (isSetValue(value)) return { values: allElements(ctx, setOf(ctx, value, argSite(call, index))).map(shown), wrap: (result) => result };
  throw queryError(Errors.invalidArgument, argSite(call, index), ["Array", "Set", "Page"], typeName(value));
}

/** A fold that looks at every element (Fauna billed each as a call). */
function fold(combine: (values: Value[], call: CallExpr) => Value): Implementation {
  return (ctx, call, scope) => {
    const { values, wrap } = foldInput(ctx, call, 0, evalArg(ctx, call, 0, scope));
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

/**
 * Max and Min by Fauna's order. An array holding just one array, page or set
 * stands for that (and so on down), as in Fauna.
 */
function extreme(sign: 1 | -1): Implementation {
  return (ctx, call, scope) => {
    let input = evalArg(ctx, call, 0, scope);
    while (Array.isArray(input) && input.length === 1 && (Array.isArray(input[0]) || input[0] instanceof Page || input[0] instanceof SetRef)) input = input[0];
    const { values, wrap } = foldInput(ctx, call, 0, input);
    if (values.length === 0) throw queryError(Errors.emptyArray, argSite(call, 0));
    return wrap(values.reduce((best, value) => (compareValues(value, best) * sign > 0 ? value : best)));
  };
}

/** IsEmpty and IsNonEmpty: of an array, a page's data, or a set (its first element is enough). */
function emptiness(empty: boolean): Implementation {
  return (ctx, call, scope) => {
    const value = evalArg(ctx, call, 0, scope);
    let size: number;
    if (Array.isArray(value)) size = value.length;
    else if (value instanceof Page) size = value.data.length;
    else if (eventsOf(value) !== undefined) size = readableEvents(ctx, call, eventsOf(value)!, argSite(call, 0)).length;
    else if (isSetValue(value)) size = paginateElements(ctx, setOf(ctx, value, argSite(call, 0)), 1).length;
    else throw queryError(Errors.invalidArgument, argSite(call, 0), ["Array", "Set", "Page"], typeName(value));
    return (size === 0) === empty;
  };
}

const evalReduce: Implementation = (ctx, call, scope) => {
  const { lambda, site } = lambdaArg(ctx, call, 0, scope);
  const initial = evalArg(ctx, call, 1, scope);
  const { values, wrap } = foldInput(ctx, call, 2, evalArg(ctx, call, 2, scope));
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
