/** Basic forms: At, Call, Let, Var, Lambda, If, Do, Select, Abort, Query. */
import { keyGrants } from "../../auth/authenticate";
import { callAction, requirePermission } from "../../auth/permissions";
import { Errors } from "../../error/catalog";
import { errorEntry, FaunaError, queryError } from "../../error/FaunaError";
import { bindingsOf, type BindingsArg, type CallExpr, type Expr } from "../../language/ast";
import { LambdaValue, Page, QueryValue, Ref, type Value } from "../../language/values";
import { argSite, evalArg, expectArg, hasArg, isBoolean, isString, microsOf } from "../args";
import type { Implementation } from "../execute";
import { applyLambda, asLambda, bind, evaluate, lambdaParams, lookupVariable } from "../execute";
import { resolveDatabase, schemaDocument } from "../refs";
import { typeName } from "../types";

const evalLet: Implementation = (ctx, call, scope) => {
  let inner = scope;
  for (const [name, expr] of bindingsOf(call.args[0] as BindingsArg)) inner = bind(inner, name, evaluate(ctx, expr, inner));
  return evaluate(ctx, call.args[1] as Expr, inner);
};

const evalVar: Implementation = (ctx, call, scope) => {
  const name = expectArg(ctx, call, 0, scope, isString, ["String"]);
  const value = lookupVariable(scope, name);
  if (value === undefined) throw queryError(Errors.unboundVariable, call, name);
  return value;
};

const evalLambda: Implementation = (_ctx, call, scope) =>
  new LambdaValue(lambdaParams(call.args[0] as Expr), call.args[1] as Expr, call, scope);

const evalIf: Implementation = (ctx, call, scope) => {
  const condition = expectArg(ctx, call, 0, scope, isBoolean, ["Boolean"]);
  return evalArg(ctx, call, condition ? 1 : 2, scope);
};

const evalDo: Implementation = (ctx, call, scope) => {
  const list = call.args[0] as Expr;
  if (list.kind !== "array") return evaluate(ctx, list, scope);
  let last: Value = null;
  for (const expr of list.elements) last = evaluate(ctx, expr, scope);
  return last;
};

const evalAbort: Implementation = (ctx, call, scope) => {
  const message = expectArg(ctx, call, 0, scope, isString, ["String"]);
  throw queryError(Errors.transactionAborted, call, message);
};

/** Fauna's limit on nested calls of user-defined functions. */
const MAX_CALL_DEPTH = 200;

/** Call(fn, args…): runs a user-defined function; what goes wrong inside is a `call error` with the cause. */
const evalCall: Implementation = (ctx, call, scope) => {
  const target = evalArg(ctx, call, 0, scope);
  const ref = typeof target === "string" ? Ref.schema("functions", target) : target;
  if (!(ref instanceof Ref) || !ref.collection?.isNative || ref.collection.id !== "functions") throw queryError(Errors.invalidArgument, argSite(call, 0), ["Identifier"], typeName(target));
  const db = resolveDatabase(ctx, ref.database, argSite(call, 0));
  const fields = schemaDocument(ctx, db, "functions", ref.id)?.fields;
  const body = fields?.get("body");
  if (!fields || !body) throw queryError(Errors.invalidRef, argSite(call, 0), "function", ref.id);
  const lambda = asLambda(body)!;
  const args = hasArg(call, 1) ? evalArg(ctx, call, 1, scope) : [];
  requirePermission(ctx, callAction(db, ref, fields, args), call);
  if (ctx.callDepth >= MAX_CALL_DEPTH) throw queryError(Errors.stackOverflow, call);
  // A function with a role runs with that role's rights; who called it (identity, token) stays the same.
  const role = fields.get("role");
  const access = role === undefined ? ctx.access : { ...ctx.access, grants: keyGrants(role) };
  ctx.callDepth++;
  try {
    return ctx.actingAs(access, () => applyLambda(ctx, lambda, args, { node: lambda.source, path: ["lambda"] }));
  } catch (error) {
    if (!(error instanceof FaunaError) || error.code === "stack overflow") throw error;
    throw new FaunaError([errorEntry(Errors.callError, call, [], { cause: error.locate(lambda.source).errors })]);
  } finally {
    ctx.callDepth--;
  }
};

/** At(ts, expr): expr reads the database as it was at ts. */
const evalAt: Implementation = (ctx, call, scope) => {
  const ts = microsOf(evalArg(ctx, call, 0, scope), argSite(call, 0));
  return ctx.readingAt(ts, () => evalArg(ctx, call, 1, scope));
};

const evalQuery: Implementation = (ctx, call, scope) => {
  const arg = call.args[0] as Expr;
  if (arg.kind === "call" && arg.fn.name === "Lambda") return new QueryValue(arg);
  const value = evaluate(ctx, arg, scope);
  if (value instanceof QueryValue) return value;
  if (value instanceof LambdaValue) return new QueryValue(value.source);
  throw queryError(Errors.invalidArgument, arg, ["Lambda"], typeName(value));
};

type PathSegment = string | bigint;

/** Select's path: one segment or an array of them, each a string or an integer. */
function selectPath(value: Value, call: CallExpr): PathSegment[] {
  const isSegment = (segment: Value): segment is PathSegment => typeof segment === "string" || typeof segment === "bigint";
  const segments = Array.isArray(value) ? value : [value];
  const bad = segments.findIndex((segment) => !isSegment(segment));
  if (bad >= 0) {
    const site = Array.isArray(value) ? { node: call.args[0]!, path: [bad] } : argSite(call, 0);
    throw queryError(Errors.invalidArgument, site, ["String", "Integer"], typeName(segments[bad]!));
  }
  return segments as PathSegment[];
}

/** One step of Select into objects, arrays, pages and refs; undefined when there is nothing there. */
export function selectStep(from: Value, segment: PathSegment): Value | undefined {
  if (typeof segment === "bigint") {
    const list = Array.isArray(from) ? from : from instanceof Page ? from.data : undefined;
    return list && segment >= 0n && segment < BigInt(list.length) ? list[Number(segment)] : undefined;
  }
  if (from instanceof Map) return from.get(segment);
  if (from instanceof Page) return segment === "data" ? from.data : segment === "before" ? from.before : segment === "after" ? from.after : undefined;
  if (from instanceof Ref) {
    if (segment === "id") return from.id;
    if (segment === "collection") return from.collection;
    if (segment === "database") return from.database;
  }
  return undefined;
}

const evalSelect: Implementation = (ctx, call, scope) => {
  const path = selectPath(evalArg(ctx, call, 0, scope), call);
  let value: Value | undefined = evalArg(ctx, call, 1, scope);
  for (const segment of path) {
    value = selectStep(value, segment);
    if (value === undefined) break;
  }
  if (value !== undefined) return value;
  // The default is evaluated only when the path leads nowhere.
  if (hasArg(call, 2)) return evalArg(ctx, call, 2, scope);
  throw queryError(Errors.valueNotFound, { node: call, path: ["from"] }, path.map(String));
};

export const basicFunctions: Record<string, Implementation> = {
  At: evalAt,
  Call: evalCall,
  Let: evalLet,
  Var: evalVar,
  Lambda: evalLambda,
  If: evalIf,
  Do: evalDo,
  Abort: evalAbort,
  Query: evalQuery,
  Select: evalSelect,
};
