/**
 * What a stream follows: a document of a user collection (from its ref or
 * a version of it), the entries of `Match(index, terms)`, or the documents
 * of `Documents(collection)`. Anything else cannot be streamed, as in Fauna.
 */
import { Errors } from "../error/catalog";
import { queryError } from "../error/FaunaError";
import { Ref, SetRef, type Value } from "../language/values";
import type { CollectionId, DatabaseId, IndexId } from "../store/keys";
import { termsKey } from "../store/value-keys";
import type { QueryContext } from "./context";
import { resolveCollection, resolveDocument } from "./refs";
import { indexNamed } from "./sets";
import { typeName } from "./types";

export type StreamTarget =
  | { readonly kind: "document"; readonly db: DatabaseId; readonly collection: CollectionId; readonly key: string; readonly ref: Ref }
  | { readonly kind: "index"; readonly db: DatabaseId; readonly index: IndexId; readonly termsKey: string }
  | { readonly kind: "documents"; readonly db: DatabaseId; readonly collection: CollectionId };

function refused(value: Value): never {
  throw queryError(Errors.notStreamable, undefined, typeName(value));
}

/** The stream a query's value stands for. */
export function streamTarget(ctx: QueryContext, value: Value): StreamTarget {
  const ref = value instanceof Map && value.get("ref") instanceof Ref ? (value.get("ref") as Ref) : value;
  if (ref instanceof Ref) {
    if (ref.isNative || ref.collection!.isNative) refused(value);
    const document = resolveDocument(ctx, ref, undefined);
    return { kind: "document", db: document.address.db, collection: document.address.collection, key: document.address.key, ref };
  }
  if (!(value instanceof SetRef)) refused(value);
  const [kind] = value.parts.keys();
  if (kind === "match") {
    const index = indexNamed(ctx, value.parts.get("match")!, undefined);
    const terms = value.parts.get("terms");
    return { kind: "index", db: index.db, index: index.id, termsKey: termsKey(terms === undefined ? [] : Array.isArray(terms) ? terms : [terms]) };
  }
  if (kind === "documents") {
    const collection = resolveCollection(ctx, value.parts.get("documents") as Ref, undefined);
    return { kind: "documents", db: collection.db, collection: collection.internalId };
  }
  return refused(value);
}
