/**
 * Removing documents whose ttl has passed — tokens, keys, credentials and
 * user documents — with their history, index entries and lookups. Reads
 * already treat them as gone; this takes the space back. The work is done in
 * bounded batches (each its own transaction) from the list of expiry hints
 * every write of a ttl leaves.
 */
import { ROOT_ACCESS } from "../auth/access";
import { Ref } from "../language/values";
import { nativeCollections } from "../schema/native";
import type { DocumentAddress } from "../store/documents";
import type { CollectionId, DatabaseId } from "../store/keys";
import type { QueryContext } from "./context";
import { isExpired } from "./docs";
import { refInCollection, reindex } from "./indexing";
import { reindexInstance } from "./instances";
import { internalIdOf, type CollectionInfo } from "./refs";
import { nativeCollection } from "../schema/native";

export interface ExpungedCounts {
  tokens: number;
  keys: number;
  credentials: number;
  documents: number;
}

export function noneExpunged(): ExpungedCounts {
  return { tokens: 0, keys: 0, credentials: 0, documents: 0 };
}

/** The collection with this internal number in `db`, named as a query in `db` names it. */
function collectionWithId(ctx: QueryContext, db: DatabaseId, internalId: CollectionId): CollectionInfo | undefined {
  for (const native of nativeCollections.values()) if (native.internalId === internalId) return { db, internalId, ref: Ref.native(native.id), native };
  for (const [name, schema] of ctx.documents.scan(db, nativeCollection("collections").internalId)) {
    if (internalIdOf(schema) === internalId) return { db, internalId, ref: Ref.schema("collections", name), schema };
  }
  return undefined;
}

function countFor(counts: ExpungedCounts, collection: CollectionInfo): void {
  const native = collection.native?.id;
  if (native === "tokens" || native === "keys" || native === "credentials") counts[native]++;
  else counts.documents++;
}

/** Removes one expired document, seen from its own database (where its index entries name it). */
function expunge(ctx: QueryContext, address: DocumentAddress, counts: ExpungedCounts): void {
  const version = ctx.documents.current(address);
  if (!version || !isExpired(version, ctx.txnTime)) return;
  ctx.actingAs({ ...ROOT_ACCESS, database: address.db }, () => {
    const collection = collectionWithId(ctx, address.db, address.collection);
    if (!collection) return;
    const document = { ref: refInCollection(collection, address.key), address, collection };
    reindex(ctx, document, version, undefined, undefined);
    reindexInstance(ctx, document, version, undefined);
    ctx.documents.purge(address);
    countFor(counts, collection);
  });
}

/** One batch: up to `limit` due expiry hints, each dropped and its document removed if it has really expired. */
export function expungeBatch(ctx: QueryContext, limit: number): { counts: ExpungedCounts; more: boolean } {
  const counts = noneExpunged();
  const due = [...ctx.documents.dueExpiries(ctx.txnTime, limit)];
  for (const [hint, address] of due) {
    ctx.documents.forget(hint);
    expunge(ctx, address, counts);
  }
  return { counts, more: due.length === limit };
}
