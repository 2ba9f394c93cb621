/** Sets: Match, Singleton, Union, Intersection, Difference, Distinct, Join, Range, Reverse, Documents. */
import { Errors } from "../../error/catalog";
import { FaunaError, queryError } from "../../error/FaunaError";
import type { CallExpr } from "../../language/ast";
import { Page, Ref, SetRef, type ObjectValue, type Scope, type Value } from "../../language/values";
import { argSite, elementSite, evalArg, expectArg, hasArg, isRef, restValues } from "../args";
import type { QueryContext } from "../context";
import { valuesEqual } from "../equality";
import { asLambda, type Implementation } from "../execute";
import { isCollectionRef } from "../refs";
import { carryCursors, indexNamed, isHistoricalSet, isSetValue, matchSetRef, placeLambdaSet, setOf } from "../sets";
import { typeName } from "../types";

function setRef(entries: [string, Value][]): SetRef {
  return new SetRef(new Map(entries) as ObjectValue);
}

/** One value travels bare, several as an array (as Fauna wrote a set's terms and members). */
function oneOrMany(values: Value[]): Value {
  return values.length === 1 ? values[0]! : values;
}

/** The index argument of Match: an index ref, or a name (one no index has is reported at `index`, as Fauna did). */
function indexArg(ctx: QueryContext, call: CallExpr, scope: Scope | undefined): Ref {
  const value = evalArg(ctx, call, 0, scope);
  const ref = typeof value === "string" ? Ref.schema("indexes", value) : value;
  if (!(ref instanceof Ref) || typeName(ref) !== "Index Ref") throw queryError(Errors.invalidArgument, argSite(call, 0), ["Identifier"], typeName(value));
  const index = indexNamed(ctx, ref, typeof value === "string" ? { node: call, path: ["index"] } : argSite(call, 0));
  if (!index.active) throw queryError(Errors.indexInactive, argSite(call, 0), ref.id);
  return index.ref;
}

const evalMatch: Implementation = (ctx, call, scope) => {
  const index = indexArg(ctx, call, scope);
  const terms = hasArg(call, 1) ? restValues(ctx, call, 1, scope).values : [];
  return matchSetRef(index, terms);
};

const evalEvents: Implementation = (ctx, call, scope) => {
  const target = evalArg(ctx, call, 0, scope);
  if (!(target instanceof Ref) && !isSetValue(target)) throw queryError(Errors.invalidArgument, argSite(call, 0), ["Ref", "Set"], typeName(target));
  // A set of events has no events of its own; Fauna said so at the call.
  if (isHistoricalSet(target)) throw queryError(Errors.noEventsHistory, call);
  return setRef([["events", target]]);
};

const evalSingleton: Implementation = (ctx, call, scope) => setRef([["singleton", expectArg(ctx, call, 0, scope, isRef, ["Ref"])]]);

const evalDocuments: Implementation = (ctx, call, scope) => setRef([["documents", expectArg(ctx, call, 0, scope, isCollectionRef, ["Collection Ref"])]]);

/** Counts of equal values, for the array forms of the set algebra. */
function countOf(values: readonly Value[], value: Value): number {
  return values.filter((other) => valuesEqual(other, value)).length;
}

const arrayAlgebra: Record<"union" | "intersection" | "difference", (arrays: Value[][]) => Value[]> = {
  // Each value as often as the array that has it most often, grouped where it first appears.
  union: (arrays) => {
    const result: Value[] = [];
    for (const value of arrays.flat()) {
      if (result.some((seen) => valuesEqual(seen, value))) continue;
      const most = Math.max(...arrays.map((array) => countOf(array, value)));
      for (let copy = 0; copy < most; copy++) result.push(value);
    }
    return result;
  },
  // The first array's values, each as often as the array that has it least often.
  intersection: ([first = [], ...rest]) => {
    const remaining = rest.map((array) => [...array]);
    return first.filter((value) =>
      remaining.every((array) => {
        const at = array.findIndex((other) => valuesEqual(other, value));
        if (at < 0) return false;
        array.splice(at, 1);
        return true;
      }),
    );
  },
  // The first array, less one copy per occurrence in the others.
  difference: ([first = [], ...rest]) => {
    const removals = rest.flat();
    return first.filter((value) => {
      const at = removals.findIndex((other) => valuesEqual(other, value));
      if (at < 0) return true;
      removals.splice(at, 1);
      return false;
    });
  },
};

/** Union, Intersection, Difference: of sets (a set) or of arrays (an array), never mixed. */
function algebra(operation: "union" | "intersection" | "difference"): Implementation {
  return (ctx, call, scope) => {
    const { values, isArray } = restValues(ctx, call, 0, scope);
    // Every element is checked (a page is not allowed; what is not an array, set or page is reported as not one), then emptiness.
    const bad = values.flatMap((value, index) => {
      if (Array.isArray(value) || isSetValue(value)) return [];
      const expected = value instanceof Page ? ["Set", "Array"] : ["Array", "Set", "Page"];
      return queryError(Errors.invalidArgument, elementSite(call, 0, index, isArray), expected, typeName(value)).errors;
    });
    if (bad.length > 0) throw new FaunaError(bad);
    if (values.length === 0) throw queryError(Errors.emptyArray, argSite(call, 0));
    if (values.every(Array.isArray)) return arrayAlgebra[operation](values as Value[][]);
    if (values.some(Array.isArray)) throw queryError(Errors.mixedArguments, argSite(call, 0), ["Set", "Array"]);
    // Sets of events and sets of documents do not mix.
    for (let index = 1; index < values.length; index++) {
      if (isHistoricalSet(values[index - 1]!) !== isHistoricalSet(values[index]!)) throw queryError(Errors.incompatibleSets, argSite(call, 0));
    }
    for (const value of values) setOf(ctx, value, argSite(call, 0));
    return setRef([[operation, oneOrMany(values)]]);
  };
}

const evalDistinct: Implementation = (ctx, call, scope) => {
  const value = evalArg(ctx, call, 0, scope);
  const unique = (values: Value[]) => values.filter((element, index) => values.findIndex((other) => valuesEqual(other, element)) === index);
  if (Array.isArray(value)) return unique(value);
  // A page keeps the cursors of all its elements, as in Fauna.
  if (value instanceof Page) return carryCursors(new Page(unique(value.data), value.before, value.after), value);
  if (!isSetValue(value)) throw queryError(Errors.invalidArgument, argSite(call, 0), ["Array", "Set", "Page"], typeName(value));
  setOf(ctx, value, argSite(call, 0));
  return setRef([["distinct", value]]);
};

const evalReverse: Implementation = (ctx, call, scope) => {
  const value = evalArg(ctx, call, 0, scope);
  if (Array.isArray(value)) return [...value].reverse();
  // A page keeps its elements' cursors in their first order, as in Fauna.
  if (value instanceof Page) return carryCursors(new Page([...value.data].reverse(), value.before, value.after), value);
  if (!isSetValue(value)) throw queryError(Errors.invalidArgument, argSite(call, 0), ["Array", "Set", "Page"], typeName(value));
  setOf(ctx, value, argSite(call, 0));
  return setRef([["reverse", value]]);
};

const evalRange: Implementation = (ctx, call, scope) => {
  const set = evalArg(ctx, call, 0, scope);
  if (!isSetValue(set)) throw queryError(Errors.invalidArgument, argSite(call, 0), ["Set"], typeName(set));
  setOf(ctx, set, argSite(call, 0));
  return setRef([
    ["range", set],
    ["from", evalArg(ctx, call, 1, scope)],
    ["to", evalArg(ctx, call, 2, scope)],
  ]);
};

const evalJoin: Implementation = (ctx, call, scope) => {
  const source = evalArg(ctx, call, 0, scope);
  if (!isSetValue(source)) throw queryError(Errors.invalidArgument, argSite(call, 0), ["Set"], typeName(source));
  setOf(ctx, source, argSite(call, 0));
  const target = evalArg(ctx, call, 1, scope);
  if (target instanceof Ref && typeName(target) === "Index Ref") indexNamed(ctx, target, argSite(call, 1));
  else if (!asLambda(target)) throw queryError(Errors.invalidArgument, argSite(call, 1), ["Lambda", "Index Ref"], typeName(target));
  const set = setRef([
    ["join", source],
    ["with", target],
  ]);
  return target instanceof Ref ? set : placeLambdaSet(set, call, "with");
};

export const setFunctions: Record<string, Implementation> = {
  Match: evalMatch,
  Singleton: evalSingleton,
  Events: evalEvents,
  Documents: evalDocuments,
  Union: algebra("union"),
  Intersection: algebra("intersection"),
  Difference: algebra("difference"),
  Distinct: evalDistinct,
  Reverse: evalReverse,
  Range: evalRange,
  Join: evalJoin,
};
