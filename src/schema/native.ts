/**
 * Fauna's native collections: their fixed internal numbers, how errors name
 * them, and whether their documents are named (schema documents such as
 * `Collection("users")`) or numbered (`Ref(Tokens(), "1")`).
 */
import type { NativeCollectionId } from "../language/values";
import type { CollectionId } from "../store/keys";

export interface NativeCollection {
  readonly id: NativeCollectionId;
  readonly internalId: CollectionId;
  /** "Token not found.", "Collection already exists." */
  readonly noun: string;
  /** "Ref refers to undefined collection 'x'" */
  readonly refKind: string;
  /** Documents are schema documents, identified by a name. */
  readonly named: boolean;
}

const natives: readonly NativeCollection[] = [
  { id: "collections", internalId: 1, noun: "Collection", refKind: "collection", named: true },
  { id: "indexes", internalId: 2, noun: "Index", refKind: "index", named: true },
  { id: "databases", internalId: 3, noun: "Database", refKind: "database", named: true },
  { id: "keys", internalId: 4, noun: "Key", refKind: "key", named: false },
  { id: "tokens", internalId: 5, noun: "Token", refKind: "token", named: false },
  { id: "credentials", internalId: 6, noun: "Credentials", refKind: "credentials", named: false },
  { id: "functions", internalId: 7, noun: "Function", refKind: "function", named: true },
  { id: "roles", internalId: 8, noun: "Role", refKind: "role", named: true },
  { id: "access_providers", internalId: 9, noun: "Access provider", refKind: "access_provider", named: true },
];

export const nativeCollections: ReadonlyMap<NativeCollectionId, NativeCollection> = new Map(natives.map((native) => [native.id, native]));

const schemaCollectionIds: ReadonlySet<CollectionId> = new Set(natives.filter((native) => native.named).map((native) => native.internalId));

/** Whether documents of this collection are schema documents (their writes change the schema). */
export function isSchemaCollection(collection: CollectionId): boolean {
  return schemaCollectionIds.has(collection);
}

export function nativeCollection(id: NativeCollectionId): NativeCollection {
  return nativeCollections.get(id)!;
}

/** User collections are numbered from here on. */
export const FIRST_USER_COLLECTION_ID: CollectionId = 1024;

/** History kept by default, in days (`history_days`). */
export const DEFAULT_HISTORY_DAYS = 30n;
