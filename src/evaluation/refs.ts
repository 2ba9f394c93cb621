/**
 * From refs to storage: which database a ref is scoped to, which collection it
 * is in, and under which key its document is stored.
 */
import { Errors } from "../error/catalog";
import { FaunaError, queryError, type ErrorSite } from "../error/FaunaError";
import { LONG_MAX, LONG_MIN, Ref, type NativeCollectionId, type Value } from "../language/values";
import { FIRST_USER_COLLECTION_ID, nativeCollection, nativeCollections, type NativeCollection } from "../schema/native";
import type { StoredVersion } from "../store/codec";
import type { DocumentAddress } from "../store/documents";
import { idKey, type CollectionId, type DatabaseId } from "../store/keys";
import type { QueryContext } from "./context";

/** A collection documents can live in: a native one, or a user collection with its schema document. */
export interface CollectionInfo {
  readonly db: DatabaseId;
  readonly internalId: CollectionId;
  /** The ref documents of this collection carry as their `collection`. */
  readonly ref: Ref;
  readonly native?: NativeCollection;
  readonly schema?: StoredVersion;
}

export interface ResolvedDocument {
  readonly ref: Ref;
  readonly address: DocumentAddress;
  readonly collection: CollectionInfo;
}

/** The internal number kept in a schema document (of a user collection or a database). */
export function internalIdOf(schema: StoredVersion): number {
  return Number(schema.hidden!.get("id") as bigint);
}

/** Where the internal numbers of new collections, indexes and databases come from: a counter each, and its first number. */
const internalIdCounters = {
  collections: ["lastCollectionId", BigInt(FIRST_USER_COLLECTION_ID)],
  indexes: ["lastIndexId", 1n],
  databases: ["lastDatabaseId", 1n],
} as const;

/** The schema documents that have contents stored under an internal number. */
export type InternalIdKind = keyof typeof internalIdCounters;

export function hasInternalId(kind: NativeCollectionId): kind is InternalIdKind {
  return Object.hasOwn(internalIdCounters, kind);
}

/** A new internal number for a schema document that has contents stored under it. */
export function newInternalId(ctx: QueryContext, kind: InternalIdKind): bigint {
  const [counter, first] = internalIdCounters[kind];
  return ctx.nextCounter(counter, first);
}

/** The ids a document id may be written as: a Long, or a string that parses as one. */
export function parseDocumentId(id: string | bigint, site: ErrorSite): bigint {
  if (typeof id === "bigint") return id;
  if (!/^[+-]?\d+$/.test(id)) throw queryError(Errors.nonNumericId, site, id);
  const value = BigInt(id);
  if (value > LONG_MAX || value < LONG_MIN) throw queryError(Errors.idTooLarge, site, id);
  return value;
}

/** A collection's ref (whether it exists or not) or a native collection's: what Ref and Documents take. */
export function isCollectionRef(value: Value): value is Ref {
  return value instanceof Ref && (value.isNative || (value.collection!.isNative && value.collection!.id === "collections"));
}

export function isNativeCollectionRef(ref: Ref, id?: NativeCollectionId): boolean {
  return ref.isNative && (id === undefined || ref.id === id);
}

/** The database a scope ref (`Database("a", Database("b"))`) names, from the query's database. */
export function resolveDatabase(ctx: QueryContext, scope: Ref | undefined, site: ErrorSite): DatabaseId {
  if (!scope) return ctx.database;
  const parent = resolveDatabase(ctx, scope.database, site);
  const schema = schemaDocument(ctx, parent, "databases", scope.id);
  if (!schema) throw queryError(Errors.invalidRef, site, "database", scope.id);
  return internalIdOf(schema);
}

/** The current schema document named `name` in a native schema collection, if it exists. */
export function schemaDocument(ctx: QueryContext, db: DatabaseId, kind: NativeCollectionId, name: string): StoredVersion | undefined {
  const address = { db, collection: nativeCollection(kind).internalId, key: name };
  return ctx.schemaMemo(`${db}/${address.collection}/${name}`, () => ctx.documents.current(address));
}

/** The collection a collection ref (`Collection("users")`, `Tokens()`) names. */
export function resolveCollection(ctx: QueryContext, ref: Ref, site: ErrorSite): CollectionInfo {
  if (ref.isNative) {
    const native = nativeCollections.get(ref.id as NativeCollectionId);
    if (!native) throw queryError(Errors.invalidRef, site, "collection", ref.id);
    return { db: resolveDatabase(ctx, ref.database, site), internalId: native.internalId, ref, native };
  }
  if (!isNativeCollectionRef(ref.collection!, "collections")) throw queryError(Errors.invalidArgument, site, ["Collection Ref"], "Ref");
  const db = resolveDatabase(ctx, ref.database, site);
  const schema = schemaDocument(ctx, db, "collections", ref.id);
  if (!schema) throw queryError(Errors.invalidRef, site, "collection", ref.id);
  return { db, internalId: internalIdOf(schema), ref, schema };
}

/** Where the document a ref points to is stored. */
export function resolveDocument(ctx: QueryContext, ref: Ref, site: ErrorSite): ResolvedDocument {
  if (ref.isNative) throw queryError(Errors.invalidArgument, site, ["Ref"], "Set");
  const collectionRef = ref.collection!;
  if (collectionRef.isNative) {
    const native = nativeCollections.get(collectionRef.id as NativeCollectionId);
    if (!native) throw queryError(Errors.invalidRef, site, "collection", collectionRef.id);
    // A schema document is scoped by its own ref's database; a key or token by its collection's.
    const db = resolveDatabase(ctx, native.named ? ref.database : collectionRef.database, site);
    const collection: CollectionInfo = { db, internalId: native.internalId, ref: collectionRef, native };
    const key = native.named ? ref.id : idKey(parseDocumentId(ref.id, site));
    return { ref, address: { db, collection: native.internalId, key }, collection };
  }
  const collection = resolveCollection(ctx, collectionRef, site);
  return { ref, address: { db: collection.db, collection: collection.internalId, key: idKey(parseDocumentId(ref.id, site)) }, collection };
}

/** Document `id` of a numbered native collection (keys, tokens, credentials) kept in `db`; `scope` is how the query names `db`. */
export function nativeDocument(kind: "keys" | "tokens" | "credentials", db: DatabaseId, id: bigint, scope?: Ref): ResolvedDocument {
  const native = nativeCollection(kind);
  const ref = Ref.native(kind, scope);
  return { ref: new Ref(id.toString(), ref), address: { db, collection: native.internalId, key: idKey(id) }, collection: { db, internalId: native.internalId, ref, native } };
}

/**
 * Resolves a ref as far as Fauna did before comparing or inspecting it: its
 * database, its collection and, for a schema ref, the schema document it names.
 * Returns the document it names (none for a native collection's ref).
 */
export function checkRefResolves(ctx: QueryContext, ref: Ref, site: ErrorSite): ResolvedDocument | undefined {
  if (ref.isNative) {
    resolveCollection(ctx, ref, site);
    return undefined;
  }
  const document = resolveDocument(ctx, ref, site);
  const native = document.collection.native;
  if (native?.named && !schemaDocument(ctx, document.address.db, native.id, ref.id)) throw queryError(Errors.invalidRef, site, native.refKind, ref.id);
  return document;
}

/** Whether a ref names a database, collection or schema document that exists (an "unresolved" ref does not). */
export function refResolves(ctx: QueryContext, ref: Ref, site: ErrorSite): boolean {
  try {
    checkRefResolves(ctx, ref, site);
    return true;
  } catch (error) {
    if (error instanceof FaunaError && error.code === "invalid ref") return false;
    throw error;
  }
}
