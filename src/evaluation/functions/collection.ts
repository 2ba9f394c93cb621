/** Collections: Map and Foreach over arrays and pages. */
import { Errors } from "../../error/catalog";
import { queryError, type ErrorSite } from "../../error/FaunaError";
import type { CallExpr, Expr } from "../../language/ast";
import { Page, type LambdaValue, type Scope, type Value } from "../../language/values";
import { argSite, evalArg } from "../args";
import type { QueryContext } from "../context";
import { applyLambda, asLambda, type Implementation } from "../execute";
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

export const collectionFunctions: Record<string, Implementation> = {
  Map: evalMap,
  Foreach: evalForeach,
};
