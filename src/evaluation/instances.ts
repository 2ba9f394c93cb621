/**
 * Tokens and credentials by the identity they belong to (their `instance`),
 * as Fauna's native indexes kept them: Login finds an identity's credentials,
 * `Logout(true)` every token of an identity. Kept up to date by every write
 * of a token or credentials document.
 */
import { Ref, type Value } from "../language/values";
import type { StoredVersion } from "../store/codec";
import { instanceKey, instanceRange, type DatabaseId } from "../store/keys";
import { termsKey } from "../store/value-keys";
import { nativeCollection } from "../schema/native";
import type { QueryContext } from "./context";
import type { ResolvedDocument } from "./refs";

type OwnedCollection = "tokens" | "credentials";

function instanceOf(version: StoredVersion | undefined): Value | undefined {
  const instance = version?.fields.get("instance");
  return instance instanceof Ref ? instance : undefined;
}

/** Moves a token or credentials document to the identity its new version names. */
export function reindexInstance(ctx: QueryContext, document: ResolvedDocument, before: StoredVersion | undefined, after: StoredVersion | undefined): void {
  const native = document.collection.native?.id;
  if (native !== "tokens" && native !== "credentials") return;
  const { db, collection, key } = document.address;
  const old = instanceOf(before);
  const next = instanceOf(after);
  if (old) ctx.writeTxn().delete(instanceKey(db, collection, termsKey([old]), key));
  if (next) ctx.writeTxn().put(instanceKey(db, collection, termsKey([next]), key), new Uint8Array(0));
}

/** The document keys of an identity's tokens or credentials, in a database. */
export function documentsOfInstance(ctx: QueryContext, db: DatabaseId, kind: OwnedCollection, instance: Ref): string[] {
  const range = instanceRange(db, nativeCollection(kind).internalId, termsKey([instance]));
  return [...ctx.txn.range(range)].map((entry) => entry.key[4] as string);
}
