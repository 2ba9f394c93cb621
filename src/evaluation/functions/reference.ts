/** References: Ref, Collection, Index, Database, Function, Role, AccessProvider, and the native collections. */
import { Errors } from "../../error/catalog";
import { FaunaError, queryError, type QueryErrorEntry } from "../../error/FaunaError";
import { Ref, type NativeCollectionId, type Value } from "../../language/values";
import { nativeCollections } from "../../schema/native";
import { argSite, evalArg, expectArg, expectValue, hasArg, isString } from "../args";
import type { Implementation } from "../execute";
import { isCollectionRef, parseDocumentId } from "../refs";
import { typeName } from "../types";

function isDatabaseRef(value: Value): value is Ref {
  return value instanceof Ref && value.collection?.isNative === true && value.collection.id === "databases";
}

/**
 * Collection(name, scope?), Index(…), …: a scope written out must be a
 * database's ref, even when it is null (the driver sends that null for all
 * but Role, whose null it leaves out).
 */
function schemaRef(kind: NativeCollectionId): Implementation {
  return (ctx, call, scope) => {
    const name = expectArg(ctx, call, 0, scope, isString, ["String"]);
    if (!hasArg(call, 1)) return Ref.schema(kind, name);
    return Ref.schema(kind, name, expectArg(ctx, call, 1, scope, isDatabaseRef, ["Database Ref"]));
  };
}

/** Collections(scope?), Keys(…), …: null is the query's own database; Fauna's message said so. */
function nativeRef(kind: NativeCollectionId): Implementation {
  return (ctx, call, scope) => {
    const database = evalArg(ctx, call, 0, scope);
    if (database === null) return Ref.native(kind);
    return Ref.native(kind, expectValue(database, isDatabaseRef, ["Database Ref", "Null"], argSite(call, 0)));
  };
}

/** The errors a check throws, to report them together with others. */
function errorsOf(check: () => void): QueryErrorEntry[] {
  try {
    check();
    return [];
  } catch (error) {
    if (error instanceof FaunaError) return error.errors;
    throw error;
  }
}

/** Ref(collection, id): Fauna checked both arguments and reported every problem, the collection's first. */
const evalRef: Implementation = (ctx, call, scope) => {
  const collection = evalArg(ctx, call, 0, scope);
  const id: Value = evalArg(ctx, call, 1, scope);
  const native = collection instanceof Ref && collection.isNative ? nativeCollections.get(collection.id as NativeCollectionId) : undefined;
  let documentId: bigint | undefined;
  const errors = [
    ...errorsOf(() => expectValue(collection, isCollectionRef, ["Collection Ref"], argSite(call, 0))),
    ...errorsOf(() => {
      if (typeof id !== "string" && typeof id !== "bigint") throw queryError(Errors.invalidArgument, argSite(call, 1), ["String", "Number"], typeName(id));
      if (!native?.named) documentId = parseDocumentId(id, argSite(call, 1));
    }),
  ];
  if (errors.length > 0) throw new FaunaError(errors);
  const ref = collection as Ref;
  // Ref(Collections(), "users") is Collection("users"): schema documents are named.
  if (native?.named) return new Ref(String(id), Ref.native(native.id), ref.database);
  return new Ref(documentId!.toString(), ref);
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
