/** References: Ref, Collection, Index, Database, Function, Role, AccessProvider, and the native collections. */
import { Errors } from "../../error/catalog";
import { queryError } from "../../error/FaunaError";
import type { CallExpr } from "../../language/ast";
import { Ref, type NativeCollectionId, type Scope, type Value } from "../../language/values";
import { nativeCollections } from "../../schema/native";
import { argSite, evalArg, expectArg, isRef, isString } from "../args";
import type { QueryContext } from "../context";
import type { Implementation } from "../execute";
import { parseDocumentId } from "../refs";
import { typeName } from "../types";

/** An optional `Database(…)` scope argument. */
function scopeArg(ctx: QueryContext, call: CallExpr, index: number, scope: Scope | undefined): Ref | undefined {
  const value = evalArg(ctx, call, index, scope);
  if (value === null) return undefined;
  if (value instanceof Ref && value.collection?.isNative && value.collection.id === "databases") return value;
  throw queryError(Errors.invalidArgument, argSite(call, index), ["Database Ref"], typeName(value));
}

function schemaRef(kind: NativeCollectionId): Implementation {
  return (ctx, call, scope) => {
    const name = expectArg(ctx, call, 0, scope, isString, ["String"]);
    return Ref.schema(kind, name, call.fn.args.length > 1 ? scopeArg(ctx, call, 1, scope) : undefined);
  };
}

function nativeRef(kind: NativeCollectionId): Implementation {
  return (ctx, call, scope) => Ref.native(kind, scopeArg(ctx, call, 0, scope));
}

const evalRef: Implementation = (ctx, call, scope) => {
  const collection = expectArg(ctx, call, 0, scope, isRef, ["Collection Ref"]);
  const id: Value = evalArg(ctx, call, 1, scope);
  if (typeof id !== "string" && typeof id !== "bigint") throw queryError(Errors.invalidArgument, argSite(call, 1), ["String", "Number"], typeName(id));
  const native = collection.isNative ? nativeCollections.get(collection.id as NativeCollectionId) : undefined;
  // Ref(Collections(), "users") is Collection("users"): schema documents are named.
  if (native?.named) return new Ref(String(id), Ref.native(native.id), collection.database);
  return new Ref(parseDocumentId(id, argSite(call, 1)).toString(), collection);
};

export const referenceFunctions: Record<string, Implementation> = {
  Ref: evalRef,
  Collection: schemaRef("collections"),
  Index: schemaRef("indexes"),
  Database: schemaRef("databases"),
  Function: schemaRef("functions"),
  Role: schemaRef("roles"),
  AccessProvider: schemaRef("access_providers"),
  Collections: nativeRef("collections"),
  Indexes: nativeRef("indexes"),
  Databases: nativeRef("databases"),
  Functions: nativeRef("functions"),
  Roles: nativeRef("roles"),
  AccessProviders: nativeRef("access_providers"),
  Keys: nativeRef("keys"),
  Tokens: nativeRef("tokens"),
  Credentials: nativeRef("credentials"),
};
