/**
 * What a committed write changed, for those who follow documents and sets
 * (the server's streams): each document written, and each index entry added
 * or removed. A query records them only when someone follows.
 */
import type { Ref, Value } from "../language/values";
import type { StoredVersion } from "../store/codec";
import type { CollectionId, DatabaseId, IndexId } from "../store/keys";

export interface DocumentChange {
  readonly db: DatabaseId;
  readonly collection: CollectionId;
  readonly key: string;
  /** As a query in `db` names it. */
  readonly ref: Ref;
  readonly ts: bigint;
  readonly action: "create" | "update" | "delete";
  /** A change of the document's history (Insert, Remove) rather than a new version. */
  readonly historyRewrite: boolean;
  readonly before?: StoredVersion;
  readonly after?: StoredVersion;
}

export interface EntryChange {
  readonly db: DatabaseId;
  readonly index: IndexId;
  readonly indexRef: Ref;
  readonly termsKey: string;
  readonly terms: readonly Value[];
  readonly values: readonly Value[];
  readonly ref: Ref;
  readonly ts: bigint;
  readonly action: "add" | "remove";
}

export interface Changes {
  readonly documents: DocumentChange[];
  readonly entries: EntryChange[];
}
