/**
 * The evaluator: walks an expression tree and computes its value. Function
 * calls are dispatched through the catalog to the implementations of
 * `functions/*`, one file per family.
 */
import type { FunctionSpec } from "../catalog/functions";
import { Errors } from "../error/catalog";
import { FaunaError, queryError, type ErrorSite, type QueryErrorEntry } from "../error/FaunaError";
import type { CallExpr, Expr } from "../language/ast";
import { LambdaValue, Page, QueryValue, SetRef, type LambdaParams, type Scope, type Value } from "../language/values";
import type { QueryContext } from "./context";
import { isShownDocument } from "./docs";
import { implementations } from "./functions";

export type Implementation = (ctx: QueryContext, call: CallExpr, scope: Scope | undefined) => Value;

const historyWrites = new Set(["Insert", "Remove"]);

/** Forms Fauna did not bill as function calls. */
const specialForms = new Set(["Let", "Var", "If", "Do", "And", "Or", "Select", "Lambda"]);

export function implementationOf(fn: FunctionSpec): Implementation | undefined {
  return implementations.get(fn.aliasOf ?? fn.name);
}

/**
 * How deeply a value built while a query runs may nest (arrays, objects, sets,
 * pages). FQLite's own limit: the evaluator, the storage codec and the printers
 * walk values on the stack. It matches the nesting Fauna took in a request.
 */
export const MAX_VALUE_NESTING = 1000;

/** Nesting depths of the values already measured: a value is measured once, however often it is passed on. */
const measuredDepths = new WeakMap<object, number>();

function isContainer(value: object): boolean {
  return Array.isArray(value) || value instanceof Map || value instanceof SetRef || value instanceof Page;
}

function childrenOfValue(value: object): Value[] | undefined {
  if (Array.isArray(value)) return value;
  if (value instanceof Map) return [...value.values()];
  if (value instanceof SetRef) return [value.parts];
  if (value instanceof Page) return [value.data, value.before ?? null, value.after ?? null];
  return undefined;
}

/**
 * The nesting depth of a value (a scalar, ref or lambda is 0), up to `MAX_VALUE_NESTING + 1`.
 * Walks with its own stack, so that a value of any depth is measured safely.
 */
function nestingOf(value: Value): number {
  if (typeof value !== "object" || value === null || !isContainer(value)) return 0;
  const known = measuredDepths.get(value);
  if (known !== undefined) return known;
  const children = childrenOfValue(value)!;
  const pending: { value: object; children: Value[]; next: number; depth: number }[] = [{ value, children, next: 0, depth: 0 }];
  let result = 0;
  while (pending.length > 0) {
    const top = pending[pending.length - 1]!;
    if (top.next < top.children.length) {
      const child = top.children[top.next++]!;
      if (typeof child !== "object" || child === null) continue;
      const childDepth = measuredDepths.get(child);
      if (childDepth !== undefined) {
        top.depth = Math.max(top.depth, childDepth);
        continue;
      }
      const grandchildren = childrenOfValue(child);
      // Deeper than the limit: no need to look further.
      if (pending.length > MAX_VALUE_NESTING) return MAX_VALUE_NESTING + 1;
      if (grandchildren) pending.push({ value: child, children: grandchildren, next: 0, depth: 0 });
      continue;
    }
    pending.pop();
    result = Math.min(top.depth + 1, MAX_VALUE_NESTING + 1);
    measuredDepths.set(top.value, result);
    const parent = pending[pending.length - 1];
    if (parent) parent.depth = Math.max(parent.depth, result);
  }
  return result;
}

/** A value the query built, refused (at the expression that built it) when it nests deeper than FQLite takes. */
function checkedNesting(value: Value, expr: Expr): Value {
  // A document read from the store nests no deeper than the value written, which was checked then.
  if (isShownDocument(value)) return value;
  if (nestingOf(value) > MAX_VALUE_NESTING) throw queryError(Errors.valueNestingLimit, expr, MAX_VALUE_NESTING);
  return value;
}

export function evaluate(ctx: QueryContext, expr: Expr, scope: Scope | undefined): Value {
  switch (expr.kind) {
    case "literal":
      return expr.value;
    case "array":
      return checkedNesting(evaluateAll(ctx, expr.elements, scope), expr);
    case "object": {
      const values = evaluateAll(
        ctx,
        expr.entries.map(([, value]) => value),
        scope,
      );
      return checkedNesting(new Map(expr.entries.map(([key], index) => [key, values[index]!])), expr);
    }
    case "call": {
      const implementation = implementationOf(expr.fn);
      if (!implementation) throw queryError(Errors.unsupportedFunction, expr, expr.fn.name);
      if (!specialForms.has(expr.fn.name)) ctx.metrics.call();
      ctx.checkLimits();
      // Inside At(ts, …) the past can be read, not written (Insert and Remove carry their own time).
      if (ctx.readTime !== undefined && expr.fn.family === "write" && !historyWrites.has(expr.fn.name)) throw queryError(Errors.invalidWriteTime, expr);
      // A function called from such a place may still read; what it does is judged call by call.
      if (ctx.effectLimit !== undefined && expr.fn.mayWrite && expr.fn.name !== "Call") throw queryError(Errors.invalidEffect, expr, ctx.effectLimit);
      return checkedNesting(implementation(ctx, expr, scope), expr);
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

/** Fauna's limit on lambdas applied one inside another (`stack overflow`). */
export const MAX_LAMBDA_DEPTH = 200;

/** Applies a lambda to one argument (an array argument is destructured by an array of parameters). */
export function applyLambda(ctx: QueryContext, lambda: LambdaValue, argument: Value, site: ErrorSite): Value {
  ctx.metrics.call();
  // As Fauna's evaluator did: lambdas that apply lambdas (Map in Map, closures built by Reduce) stop at 200.
  if (ctx.lambdaDepth >= MAX_LAMBDA_DEPTH) throw queryError(Errors.stackOverflow, site);
  ctx.lambdaDepth++;
  try {
    return evaluate(ctx, lambda.body, bindParams(lambda.scope, lambda.params, argument, site));
  } finally {
    ctx.lambdaDepth--;
  }
}
