/** Basic forms: At, Call, Let, Var, Lambda, If, Do, Select, SelectAll, Merge, NewId, Abort, Query. */
import { keyGrants } from "../../auth/authenticate";
import { callAction, requirePermission } from "../../auth/permissions";
import { Errors } from "../../error/catalog";
import { errorEntry, FaunaError, queryError, type ErrorSite, type QueryErrorEntry } from "../../error/FaunaError";
import { bindingsOf, type Arg, type BindingsArg, type CallExpr, type Expr } from "../../language/ast";
import { LambdaValue, QueryValue, Ref, type ObjectValue, type Value } from "../../language/values";
import { argSite, elementSite, evalArg, expectArg, hasArg, isBoolean, isString, microsOf, restValues } from "../args";
import type { Implementation } from "../execute";
import { applyLambda, asLambda, bind, evaluate, lambdaParams, lookupVariable } from "../execute";
import { resolveDatabase, schemaDocument } from "../refs";
import { pathArg, valueAtPath, valuesAtPath } from "../value-paths";
import { typeName } from "../types";

const evalLet: Implementation = (ctx, call, scope) => {
  let inner = scope;
  for (const [name, expr] of bindingsOf(call.args[0] as BindingsArg)) inner = bind(inner, name, evaluate(ctx, expr, inner));
  return evaluate(ctx, call.args[1] as Expr, inner);
};

/** Var's name was checked before the query ran (validate.ts): a string, as written. */
const evalVar: Implementation = (_ctx, call, scope) => {
  const name = (call.args[0] as Extract<Arg, { kind: "literal" }>).value as string;
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
export const MAX_CALL_DEPTH = 200;

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

/** Query's argument was checked before the query ran (validate.ts): a Lambda, as written. */
const evalQuery: Implementation = (_ctx, call) => new QueryValue(call.args[0] as CallExpr);

const evalSelect: Implementation = (ctx, call, scope) => {
  const path = pathArg(evalArg(ctx, call, 0, scope), call, 0);
  const value = valueAtPath(evalArg(ctx, call, 1, scope), path);
  if (value !== undefined) return value;
  // The default is evaluated only when the path leads nowhere.
  if (hasArg(call, 2)) return evalArg(ctx, call, 2, scope);
  throw queryError(Errors.valueNotFound, { node: call, path: ["from"] }, path.map(String));
};

/** SelectAll(path, from): every value the path reaches, through arrays, in one flat array; never an error for a missing path. */
const evalSelectAll: Implementation = (ctx, call, scope) => {
  const path = pathArg(evalArg(ctx, call, 0, scope), call, 0);
  return valuesAtPath(evalArg(ctx, call, 1, scope), path);
};

/** A value Merge takes as an object: an object, or a document as its fields. */
function mergeableObject(value: Value, site: ErrorSite): ObjectValue | QueryErrorEntry[] {
  return value instanceof Map ? value : queryError(Errors.invalidArgument, site, ["Object"], typeName(value)).errors;
}

/**
 * Merge(object, with, lambda?): a shallow merge of `with` (one object or an
 * array of them, in order) into `object`. The lambda decides each key's value
 * from [key, left, right] (by default the right one); null removes the key.
 */
const evalMerge: Implementation = (ctx, call, scope) => {
  const target = mergeableObject(evalArg(ctx, call, 0, scope), argSite(call, 0));
  const { values, isArray } = restValues(ctx, call, 1, scope);
  const sources = values.map((value, index) => mergeableObject(value, elementSite(call, 1, index, isArray)));
  const lambda = hasArg(call, 2) ? (evalArg(ctx, call, 2, scope) as LambdaValue) : undefined;
  // Fauna reported every argument that is not an object, the target's first.
  const errors = [target, ...sources].flatMap((result) => (Array.isArray(result) ? result : []));
  if (errors.length > 0) throw new FaunaError(errors);
  const merged: ObjectValue = new Map(target as ObjectValue);
  for (const source of sources as ObjectValue[]) {
    for (const [key, right] of source) {
      const value = lambda ? applyLambda(ctx, lambda, [key, merged.get(key) ?? null, right], call.args[2]!) : right;
      if (value === null) merged.delete(key);
      else merged.set(key, value);
    }
  }
  return merged;
};

/** NewId(): a fresh document id, as a string. */
const evalNewId: Implementation = (ctx) => ctx.newId().toString();

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
  SelectAll: evalSelectAll,
  Merge: evalMerge,
  NewId: evalNewId,
};
