/** Logic and comparison: Equals, Not, And, Or, LT, LTE, GT, GTE, ContainsPath, ContainsField, ContainsValue. */
import { Errors } from "../../error/catalog";
import { FaunaError, queryError } from "../../error/FaunaError";
import type { CallExpr, Expr } from "../../language/ast";
import { LambdaValue, Page, QueryValue, Ref, type Scope, type Value } from "../../language/values";
import { argSite, elementSite, evalArg, expectArg, isBoolean, isString, restValues } from "../args";
import type { QueryContext } from "../context";
import { isShownDocument } from "../docs";
import { topLevelEquals, valuesEqual } from "../equality";
import { compareValues } from "../ordering";
import { checkRefResolves, refResolves } from "../refs";
import { cursorBound, isSetValue, paginateElements, setOf, shown } from "../sets";
import { pathArg, selectStep, valueAtPath } from "../value-paths";
import { evaluate, type Implementation } from "../execute";
import { typeName } from "../types";

const evalEquals: Implementation = (ctx, call, scope) => {
  const { values } = restValues(ctx, call, 0, scope);
  if (values.length === 0) throw queryError(Errors.emptyArray, argSite(call, 0));
  return values.every((value) => topLevelEquals(values[0]!, value));
};

const evalNot: Implementation = (ctx, call, scope) => !expectArg(ctx, call, 0, scope, isBoolean, ["Boolean"]);

/**
 * And/Or look at their arguments left to right and stop at the first that
 * decides. One argument written bare (`And(x)`) was Fauna's list of one, so
 * its error is at index 0 too; an array it evaluates to is not spread.
 */
function shortCircuit(stopAt: boolean): Implementation {
  return (ctx: QueryContext, call: CallExpr, scope: Scope | undefined) => {
    const arg = call.args[0] as Expr;
    const exprs = arg.kind === "array" ? arg.elements : [arg];
    for (const [index, expr] of exprs.entries()) {
      const value = evaluate(ctx, expr, scope);
      if (!isBoolean(value)) throw queryError(Errors.invalidArgument, elementSite(call, 0, index, true), ["Boolean"], typeName(value));
      if (value === stopAt) return stopAt;
    }
    return !stopAt;
  };
}

/**
 * LT, LTE, GT, GTE: whether each value stands in the relation to the next, in
 * the one order over all values that indexes use, so any two values compare.
 * Refs that name nothing are errors, one per ref.
 */
function comparison(holds: (order: number) => boolean): Implementation {
  return (ctx, call, scope) => {
    const { values } = restValues(ctx, call, 0, scope);
    if (values.length === 0) throw queryError(Errors.emptyArray, argSite(call, 0));
    const unresolved = values.flatMap((value) => {
      if (!(value instanceof Ref)) return [];
      try {
        checkRefResolves(ctx, value, argSite(call, 0));
        return [];
      } catch (error) {
        if (error instanceof FaunaError && error.code === "invalid ref") return error.errors;
        throw error;
      }
    });
    if (unresolved.length > 0) throw new FaunaError(unresolved);
    return values.every((value, index) => index === 0 || holds(compareValues(values[index - 1]!, value)));
  };
}

/** ContainsPath(path, in): whether Select would find something at the path. */
const evalContainsPath: Implementation = (ctx, call, scope) => {
  const path = pathArg(evalArg(ctx, call, 0, scope), call, 0);
  return valueAtPath(evalArg(ctx, call, 1, scope), path) !== undefined;
};

/** ContainsField(field, in): whether a field is present at the top level; arrays have no fields. */
const evalContainsField: Implementation = (ctx, call, scope) => {
  const field = expectArg(ctx, call, 0, scope, isString, ["String"]);
  const target = evalArg(ctx, call, 1, scope);
  if (Array.isArray(target)) throw queryError(Errors.invalidArgument, argSite(call, 1), ["Object"], "Array");
  return selectStep(target, field) !== undefined;
};

function present(...values: (Value | undefined)[]): Value[] {
  return values.filter((value) => value !== undefined);
}

/** The values ContainsValue looks among: top-level ones only (a page's whole data, not its elements). */
function containedValues(target: Value): Value[] | undefined {
  if (Array.isArray(target)) return target;
  if (target instanceof Page) return present(target.data, target.before, target.after);
  if (isShownDocument(target)) return [...target.values(), (target.get("ref") as Ref).collection!];
  if (target instanceof Map) return [...target.values()];
  if (target instanceof Ref) return present(target.id, target.collection, target.database);
  return undefined;
}

/**
 * ContainsValue(value, in): whether `value` is one of the top-level values of
 * `in`: an element, a field value, a ref's id or collection, or a member of a
 * set (found by seeking to it, not by reading the set).
 */
const evalContainsValue: Implementation = (ctx, call, scope) => {
  const sought = evalArg(ctx, call, 0, scope);
  const target = evalArg(ctx, call, 1, scope);
  const site = argSite(call, 1);
  const resolves = !(target instanceof Ref) || refResolves(ctx, target, site);
  if (isSetValue(target) && resolves) {
    const set = setOf(ctx, target, site);
    const [found] = paginateElements(ctx, set, 1, "ascending", cursorBound(set, Array.isArray(sought) ? sought : [sought], true));
    return found !== undefined && valuesEqual(shown(found), sought);
  }
  // A ref that names nothing counts as a scalar.
  const candidates = resolves ? containedValues(target) : undefined;
  if (candidates) return candidates.some((candidate) => valuesEqual(candidate, sought));
  if (target instanceof LambdaValue || target instanceof QueryValue) return false;
  throw queryError(Errors.invalidArgument, site, ["Object", "Array", "Page", "Set", "Ref"], "Scalar");
};

export const logicFunctions: Record<string, Implementation> = {
  Equals: evalEquals,
  Not: evalNot,
  And: shortCircuit(false),
  Or: shortCircuit(true),
  LT: comparison((order) => order < 0),
  LTE: comparison((order) => order <= 0),
  GT: comparison((order) => order > 0),
  GTE: comparison((order) => order >= 0),
  ContainsPath: evalContainsPath,
  ContainsField: evalContainsField,
  ContainsValue: evalContainsValue,
};
