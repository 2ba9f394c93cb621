/**
 * The evaluator: walks an expression tree and computes its value. Function
 * calls are dispatched through the catalog to the implementations of
 * `functions/*`, one file per family.
 */
import type { FunctionSpec } from "../catalog/functions";
import { Errors } from "../error/catalog";
import { FaunaError, queryError, type ErrorSite, type QueryErrorEntry } from "../error/FaunaError";
import type { CallExpr, Expr } from "../language/ast";
import { LambdaValue, QueryValue, type LambdaParams, type Scope, type Value } from "../language/values";
import type { QueryContext } from "./context";
import { implementations } from "./functions";

export type Implementation = (ctx: QueryContext, call: CallExpr, scope: Scope | undefined) => Value;

const historyWrites = new Set(["Insert", "Remove"]);

/** Forms Fauna did not bill as function calls. */
const specialForms = new Set(["Let", "Var", "If", "Do", "And", "Or", "Select", "Lambda"]);

export function implementationOf(fn: FunctionSpec): Implementation | undefined {
  return implementations.get(fn.aliasOf ?? fn.name);
}

export function evaluate(ctx: QueryContext, expr: Expr, scope: Scope | undefined): Value {
  switch (expr.kind) {
    case "literal":
      return expr.value;
    case "array":
      return evaluateAll(ctx, expr.elements, scope);
    case "object": {
      const values = evaluateAll(
        ctx,
        expr.entries.map(([, value]) => value),
        scope,
      );
      return new Map(expr.entries.map(([key], index) => [key, values[index]!]));
    }
    case "call": {
      const implementation = implementationOf(expr.fn);
      if (!implementation) throw queryError(Errors.unsupportedFunction, expr, expr.fn.name);
      if (!specialForms.has(expr.fn.name)) ctx.metrics.call();
      if (ctx.deadline !== undefined && performance.now() > ctx.deadline) throw queryError(Errors.timedOut, undefined, "Query eval has timed out.");
      // Inside At(ts, …) the past can be read, not written (Insert and Remove carry their own time).
      if (ctx.readTime !== undefined && expr.fn.family === "write" && !historyWrites.has(expr.fn.name)) throw queryError(Errors.invalidWriteTime, expr);
      // A function called from such a place may still read; what it does is judged call by call.
      if (ctx.effectLimit !== undefined && expr.fn.mayWrite && expr.fn.name !== "Call") throw queryError(Errors.invalidEffect, expr, ctx.effectLimit);
      return implementation(ctx, expr, scope);
    }
  }
}

/** Evaluates every expression; as Fauna did for array and object literals, reports every error, not just the first. */
function evaluateAll(ctx: QueryContext, exprs: readonly Expr[], scope: Scope | undefined): Value[] {
  const values: Value[] = [];
  let errors: QueryErrorEntry[] | undefined;
  for (const expr of exprs) {
    try {
      values.push(evaluate(ctx, expr, scope));
    } catch (error) {
      if (!(error instanceof FaunaError)) throw error;
      (errors ??= []).push(...error.errors);
    }
  }
  if (errors) throw new FaunaError(errors);
  return values;
}

export function lookupVariable(scope: Scope | undefined, name: string): Value | undefined {
  for (let frame = scope; frame; frame = frame.parent) if (frame.name === name) return frame.value;
  return undefined;
}

export function bind(scope: Scope | undefined, name: string, value: Value): Scope {
  return { name, value, parent: scope };
}

function bindName(scope: Scope | undefined, name: string, value: Value): Scope | undefined {
  return name === "_" ? scope : bind(scope, name, value);
}

/** Binds a lambda's parameters to its arguments: a name takes the value, `_` ignores it, an array destructures. */
function bindParams(scope: Scope | undefined, params: LambdaParams, value: Value, site: ErrorSite): Scope | undefined {
  if (typeof params === "string") return bindName(scope, params, value);
  if (!Array.isArray(value)) {
    if (params.length === 1) return bindName(scope, params[0]!, value);
    throw queryError(Errors.lambdaArity, site, params.length, 1);
  }
  if (value.length !== params.length) throw queryError(Errors.lambdaArity, site, params.length, value.length);
  return params.reduce<Scope | undefined>((frame, param, index) => bindName(frame, param, value[index]!), scope);
}

/** A lambda's parameters as its `Lambda(…)` expression names them (checked by validation). */
export function lambdaParams(expr: Expr): LambdaParams {
  if (expr.kind === "literal") return expr.value as string;
  if (expr.kind === "array") return expr.elements.map((element) => (element as Extract<Expr, { kind: "literal" }>).value as string);
  throw new Error("Lambda parameters must be checked before evaluation");
}

/** A lambda value, from a Lambda or from a Query of one (which closes over nothing). */
export function asLambda(value: Value): LambdaValue | undefined {
  if (value instanceof LambdaValue) return value;
  if (value instanceof QueryValue && value.lambda.kind === "call") {
    const [params, body] = value.lambda.args as Expr[];
    return new LambdaValue(lambdaParams(params!), body!, value.lambda, undefined);
  }
  return undefined;
}

/** Applies a lambda to one argument (an array argument is destructured by an array of parameters). */
export function applyLambda(ctx: QueryContext, lambda: LambdaValue, argument: Value, site: ErrorSite): Value {
  ctx.metrics.call();
  return evaluate(ctx, lambda.body, bindParams(lambda.scope, lambda.params, argument, site));
}
