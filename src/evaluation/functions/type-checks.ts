/**
 * The type predicates IsNumber … IsToken. They take any value and never fail:
 * Fauna matched on the value's type, and for refs on what they name.
 */
import { Bytes, DateValue, LambdaValue, Page, QueryValue, Ref, SetRef, Timestamp, type NativeCollectionId, type Value } from "../../language/values";
import { argSite, evalArg } from "../args";
import type { QueryContext } from "../context";
import { isShownDocument } from "../docs";
import type { Implementation } from "../execute";
import { refResolves } from "../refs";

type Predicate = (value: Value, resolves: (ref: Ref) => boolean) => boolean;

function typeCheck(predicate: Predicate): Implementation {
  return (ctx: QueryContext, call, scope) => predicate(evalArg(ctx, call, 0, scope), (ref) => refResolves(ctx, ref, argSite(call, 0)));
}

/** The ref a value stands for as a document: a ref itself, or a document's own ref. */
function documentRef(value: Value): Ref | undefined {
  if (value instanceof Ref) return value;
  if (isShownDocument(value)) return value.get("ref") as Ref;
  return undefined;
}

/**
 * A ref or document of a native collection. A native collection ref (`Databases()`)
 * was itself a ref in Fauna's `collections`, so it counts as a collection.
 */
function inNativeCollection(kind: NativeCollectionId): Predicate {
  return (value, resolves) => {
    const ref = documentRef(value);
    if (!ref) return false;
    const collection = ref.isNative ? "collections" : ref.collection!.isNative ? ref.collection!.id : undefined;
    return collection === kind && resolves(ref);
  };
}

export const typeCheckFunctions: Record<string, Implementation> = {
  IsNumber: typeCheck((value) => typeof value === "bigint" || typeof value === "number"),
  IsDouble: typeCheck((value) => typeof value === "number"),
  IsInteger: typeCheck((value) => typeof value === "bigint"),
  IsBoolean: typeCheck((value) => typeof value === "boolean"),
  IsNull: typeCheck((value) => value === null),
  IsBytes: typeCheck((value) => value instanceof Bytes),
  IsTimestamp: typeCheck((value) => value instanceof Timestamp),
  IsDate: typeCheck((value) => value instanceof DateValue),
  IsString: typeCheck((value) => typeof value === "string"),
  IsArray: typeCheck((value) => Array.isArray(value)),
  // Documents, pages and events were objects to Fauna.
  IsObject: typeCheck((value) => value instanceof Map || value instanceof Page),
  // Refs whether or not they name anything.
  IsRef: typeCheck((value) => value instanceof Ref),
  // A native collection ref (`Keys()`) is read as the set of its documents.
  IsSet: typeCheck((value) => value instanceof SetRef || (value instanceof Ref && value.isNative)),
  // Any ref that resolves, to a document or to schema, and any document.
  IsDoc: typeCheck((value, resolves) => isShownDocument(value) || (value instanceof Ref && resolves(value))),
  IsLambda: typeCheck((value) => value instanceof LambdaValue || value instanceof QueryValue),
  IsCollection: typeCheck(inNativeCollection("collections")),
  IsDatabase: typeCheck(inNativeCollection("databases")),
  IsIndex: typeCheck(inNativeCollection("indexes")),
  IsFunction: typeCheck(inNativeCollection("functions")),
  IsKey: typeCheck(inNativeCollection("keys")),
  IsToken: typeCheck(inNativeCollection("tokens")),
  IsCredentials: typeCheck(inNativeCollection("credentials")),
  IsRole: typeCheck(inNativeCollection("roles")),
};
