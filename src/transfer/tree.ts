/**
 * What an export walks, in an order an import can replay: every database of
 * the tree, each before the databases in it; in each, the schema (databases,
 * collections, indexes, functions, roles, access providers), then keys,
 * tokens and credentials, then the user collections by name; in each
 * collection, every document with all its stored versions, oldest first
 * (`Documents.histories`). Collection refs are as the top database names them.
 */
import { internalIdOf, type CollectionInfo } from "../evaluation/refs";
import type { QueryContext } from "../evaluation/context";
import { Ref, type NativeCollectionId } from "../language/values";
import { nativeCollection } from "../schema/native";
import { ROOT_DATABASE, type DatabaseId } from "../store/keys";

/** A database, and how the top database names it (undefined for itself). */
export interface DatabaseScope {
  readonly db: DatabaseId;
  readonly path?: Ref;
}

/** Every database of the tree, each before those in it. */
export function databaseScopes(ctx: QueryContext, scope: DatabaseScope = { db: ROOT_DATABASE }): DatabaseScope[] {
  const children = [...ctx.documents.scan(scope.db, nativeCollection("databases").internalId)].map(([name, version]) => ({
    db: internalIdOf(version),
    path: Ref.schema("databases", name, scope.path),
  }));
  return [scope, ...children.flatMap((child) => databaseScopes(ctx, child))];
}

const NATIVE_ORDER: readonly NativeCollectionId[] = ["databases", "collections", "indexes", "functions", "roles", "access_providers", "keys", "tokens", "credentials"];

/** The collections of a database, in the order they are exported. */
export function collectionsOf(ctx: QueryContext, scope: DatabaseScope): CollectionInfo[] {
  const natives = NATIVE_ORDER.map((id) => ({ db: scope.db, internalId: nativeCollection(id).internalId, ref: Ref.native(id, scope.path), native: nativeCollection(id) }));
  const users = [...ctx.documents.scan(scope.db, nativeCollection("collections").internalId)].map(([name, schema]) => ({
    db: scope.db,
    internalId: internalIdOf(schema),
    ref: Ref.schema("collections", name, scope.path),
    schema,
  }));
  return [...natives, ...users];
}
