/** Logic and comparison: Equals, Not, And, Or. */
import { Errors } from "../../error/catalog";
import { queryError } from "../../error/FaunaError";
import type { CallExpr, Expr } from "../../language/ast";
import type { Scope } from "../../language/values";
import { elementSite, expectArg, isBoolean, restValues, argSite } from "../args";
import type { QueryContext } from "../context";
import { topLevelEquals } from "../equality";
import { evaluate, type Implementation } from "../execute";
import { typeName } from "../types";

const evalEquals: Implementation = (ctx, call, scope) => {
  const { values } = restValues(ctx, call, 0, scope);
  if (values.length === 0) throw queryError(Errors.emptyArray, argSite(call, 0));
  return values.every((value) => topLevelEquals(values[0]!, value));
};

const evalNot: Implementation = (ctx, call, scope) => !expectArg(ctx, call, 0, scope, isBoolean, ["Boolean"]);

/** And/Or look at their arguments left to right and stop at the first that decides. */
function shortCircuit(stopAt: boolean): Implementation {
  return (ctx: QueryContext, call: CallExpr, scope: Scope | undefined) => {
    const arg = call.args[0] as Expr;
    const exprs = arg.kind === "array" ? arg.elements : [arg];
    for (const [index, expr] of exprs.entries()) {
      const value = evaluate(ctx, expr, scope);
      if (!isBoolean(value)) throw queryError(Errors.invalidArgument, elementSite(call, 0, index, arg.kind === "array"), ["Boolean"], typeName(value));
      if (value === stopAt) return stopAt;
    }
    return !stopAt;
  };
}

export const logicFunctions: Record<string, Implementation> = {
  Equals: evalEquals,
  Not: evalNot,
  And: shortCircuit(false),
  Or: shortCircuit(true),
};
