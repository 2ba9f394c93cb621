/** Writes: Create, Update, Replace, Delete, CreateCollection, CreateDatabase, CreateIndex. */
import { createAllowed, createAction, deleteAction, historyWriteAction, requirePermission, writeAction } from "../../auth/permissions";
import { formatGlobalId, randomGlobalId } from "../../auth/secrets";
import { Errors, ValidationFailures } from "../../error/catalog";
import { queryError, type ErrorSite, type ValidationFailure } from "../../error/FaunaError";
import type { CallExpr } from "../../language/ast";
import { Ref, Timestamp, type NativeCollectionId, type ObjectValue, type Scope, type Value } from "../../language/values";
import { defaultPartitions } from "../../schema/indexes";
import { accessProviderKind, collectionKind, credentialsKind, databaseKind, type DocumentKind, functionKind, indexKind, keyKind, roleKind, userDocumentKind } from "../../schema/kinds";
import { nativeCollection, nativeCollections } from "../../schema/native";
import { validateFields } from "../../schema/validation";
import type { StoredVersion } from "../../store/codec";
import { idKey, type DatabaseId } from "../../store/keys";
import { argSite, evalArg, expectArg, isRef, microsOf } from "../args";
import type { QueryContext } from "../context";
import { mergePatch, notFoundNoun, readVersion, renderDocument } from "../docs";
import { valuesEqual } from "../equality";
import type { Implementation } from "../execute";
import { buildsAtOnce, startBuild } from "../index-builds";
import { buildIndex, dropDocumentEntries, dropIndexEntries, indexesFor, indexesOf, indexMadeAt, liveDocuments, reindex, replayIndexHistory, resolvedIndex, type ResolvedIndex } from "../indexing";
import { internalIdOf, newInternalId, resolveCollection, resolveDocument, schemaDocument, type CollectionInfo, type ResolvedDocument } from "../refs";
import { typeName } from "../types";
import {
  deleteDocument,
  createdResult,
  credentialsFields,
  failValidation,
  formSite,
  isLive,
  isUserCollectionRef,
  issueSecretIfNeeded,
  kindFields,
  kindOf,
  kindsByNative,
  noteChange,
  paramsArg,
  passwordHashParam,
  requireCurrentPassword,
  validated,
  withCollectionTtl,
  withoutEmptyObjects,
  writeCredentials,
  writeResult,
  writeVersion,
} from "../writing";
import { wellFormedFields } from "../well-formed-text";

const evalCreate: Implementation = (ctx, call, scope) => createDocument(ctx, call, expectArg(ctx, call, 0, scope, isRef, ["Ref"]), paramsArg(ctx, call, 1, scope));

/** CreateKey(params): Create(Keys(), params). */
const evalCreateKey: Implementation = (ctx, call, scope) => createDocument(ctx, call, Ref.native("keys"), paramsArg(ctx, call, 0, scope));

/** Creates a document in a collection (with a new id) or at a ref (with its id). */
function createDocument(ctx: QueryContext, call: CallExpr, target: Ref, params: ObjectValue): Value {
  const site = formSite(call);
  let document: ResolvedDocument;
  const givenId = !(target.isNative || isUserCollectionRef(target));
  if (!givenId) {
    // A collection: the new document gets a fresh id. Schema documents are made by CreateCollection & co.
    if (nativeCollections.get(target.id as NativeCollectionId)?.named && target.isNative) throw queryError(Errors.schemaMetaCreate, site);
    const collection = resolveCollection(ctx, target, argSite(call, 0));
    const ref = new Ref(ctx.newId().toString(), target);
    document = { ref, address: { db: collection.db, collection: collection.internalId, key: idKey(BigInt(ref.id)) }, collection };
  } else {
    document = resolveDocument(ctx, target, argSite(call, 0));
    if (document.collection.native?.named) throw queryError(Errors.schemaMetaCreate, site);
  }
  refuseScopedWrite(ctx, document, site);
  if (!createAllowed(ctx, document, params, givenId)) throw queryError(Errors.permissionDenied, site);
  if (givenId && isLive(ctx, document)) throw queryError(Errors.instanceAlreadyExists, site, notFoundNoun(document));
  const kind = kindOf(document.collection, site, call.fn);
  const fields = kindFields(ctx, kind, params, site);
  const hashedPassword = kind === userDocumentKind ? passwordHashParam(ctx, params.get("credentials"), site, ["credentials"]) : undefined;
  const secret = issueSecretIfNeeded(ctx, kind, document, fields);
  const version = writeVersion(ctx, document, fields, site);
  if (hashedPassword !== undefined) writeCredentials(ctx, document, hashedPassword, site);
  return createdResult(ctx, writeResult(kind, document.ref, version, secret));
}

/** Writes go to the query's own database only (MoveDatabase aside), as in Fauna. */
function refuseScopedWrite(ctx: QueryContext, document: ResolvedDocument, site: ErrorSite): void {
  if (document.address.db !== ctx.database) throw queryError(Errors.scopedRefWrite, site);
}

/** Resolves the document an Update, Replace or Delete is about, which must exist. */
function existingDocument(ctx: QueryContext, call: CallExpr, scope: Scope | undefined, notFoundSite: ErrorSite) {
  const ref = expectArg(ctx, call, 0, scope, isRef, ["Ref"]);
  const document = resolveDocument(ctx, ref, argSite(call, 0));
  const current = readVersion(ctx, document);
  if (!current) throw queryError(Errors.instanceNotFound, notFoundSite, notFoundNoun(document));
  return { document, current };
}

/** Writes a new version of an existing document; a renamed schema document moves to its new name. */
function rewrite(ctx: QueryContext, call: CallExpr, document: ResolvedDocument, current: StoredVersion, fields: ObjectValue, kind: DocumentKind): ObjectValue {
  const secret = issueSecretIfNeeded(ctx, kind, document, fields);
  const native = document.collection.native;
  const newName = fields.get("name");
  if (native?.named && typeof newName === "string" && newName !== document.address.key) {
    const moved: ResolvedDocument = {
      ref: Ref.schema(native.id, newName, document.ref.database),
      address: { ...document.address, key: newName },
      collection: document.collection,
    };
    if (isLive(ctx, moved)) throw queryError(Errors.instanceNotUnique, call);
    deleteDocument(ctx, document, call);
    const version = writeVersion(ctx, moved, fields, call, current.hidden);
    if (native.id === "collections") renameCollectionInIndexes(ctx, document.address.db, document.address.key, newName, call);
    return writeResult(kind, moved.ref, version, secret);
  }
  return writeResult(kind, document.ref, writeVersion(ctx, document, fields, call, current.hidden), secret);
}

/** Update and Replace: the document must exist, be in the query's database, and be writable by the query. */
function rewriteChecked(
  ctx: QueryContext,
  call: CallExpr,
  scope: Scope | undefined,
  write: "update" | "replace",
  newFields: (document: ResolvedDocument, current: StoredVersion, kind: DocumentKind, params: ObjectValue) => ObjectValue,
): Value {
  const { document, current } = existingDocument(ctx, call, scope, formSite(call));
  refuseScopedWrite(ctx, document, formSite(call));
  const kind = kindOf(document.collection, formSite(call), call.fn);
  const params = paramsArg(ctx, call, 1, scope);
  const fields = newFields(document, current, kind, params);
  requirePermission(ctx, writeAction(document, current.fields, fields), call);
  // Fauna's password validator saw the fields an Update patches; a Replace started from none, so asked for no current password.
  if (kind === credentialsKind && write === "update") requireCurrentPassword(ctx, params, current.fields.get("hashed_password"), call);
  const hashedPassword = kind === userDocumentKind ? passwordHashParam(ctx, params.get("credentials"), call, ["credentials"]) : undefined;
  const result = rewrite(ctx, call, document, current, fields, kind);
  if (hashedPassword !== undefined) writeCredentials(ctx, document, hashedPassword, call);
  return result;
}

const evalUpdate: Implementation = (ctx, call, scope) =>
  rewriteChecked(ctx, call, scope, "update", (_document, current, kind, params) => {
    const given = kind === credentialsKind ? credentialsFields(ctx, params, call) : params;
    const { fields: patch, failures } = validateFields(given, kind.schema, true);
    if (failures.length > 0) failValidation(call, failures);
    // Nulls remove fields: validateFields leaves them out, so carry them over for the merge.
    for (const [name, value] of given) if (value === null && Object.hasOwn(kind.schema, name)) patch.set(name, null);
    const merged = withoutEmptyObjects(mergePatch(current.fields, patch));
    const missing = validateFields(merged, kind.schema).failures;
    if (missing.length > 0) failValidation(call, missing);
    return merged;
  });

const evalReplace: Implementation = (ctx, call, scope) =>
  rewriteChecked(ctx, call, scope, "replace", (document, current, kind, params) => {
    const fields = kindFields(ctx, kind, params, call);
    // A schema document keeps its name and history unless they are replaced too.
    if (document.collection.native?.named) {
      for (const name of ["name", "history_days"]) {
        const previous = current.fields.get(name);
        if (previous !== undefined && !params.has(name)) fields.set(name, previous);
      }
    }
    // A key keeps its secret's hash, first, as Fauna showed it.
    const hash = current.fields.get("hashed_secret");
    return kind === keyKind && hash !== undefined && !fields.has("hashed_secret") ? new Map([["hashed_secret", hash], ...fields]) : fields;
  });

/** Deletes what a schema document stands for: a collection's documents and sole indexes, an index's entries, a database's contents. */
function dropContents(ctx: QueryContext, document: ResolvedDocument, version: StoredVersion, site: ErrorSite): void {
  const native = document.collection.native?.id;
  const db = document.address.db;
  if (native === "collections") {
    const collection: CollectionInfo = { db, internalId: internalIdOf(version), ref: document.ref, schema: version };
    for (const { index } of indexesFor(ctx, collection)) {
      if (index.definition.sources.length === 1) {
        deleteDocument(ctx, resolveDocument(ctx, index.ref, site), site);
        dropIndexEntries(ctx, index);
      } else {
        for (const [member, memberVersion] of liveDocuments(ctx, collection)) reindex(ctx, member, memberVersion, undefined, site);
      }
    }
    ctx.documents.dropScope(db, collection.internalId);
  }
  if (native === "indexes") dropIndexEntries(ctx, resolvedIndex(db, version));
  if (native === "databases") dropDatabase(ctx, internalIdOf(version));
}

function dropDatabase(ctx: QueryContext, db: DatabaseId): void {
  for (const [, child] of ctx.documents.scan(db, nativeCollection("databases").internalId)) dropDatabase(ctx, internalIdOf(child));
  ctx.documents.dropScope(db);
}

const evalDelete: Implementation = (ctx, call, scope) => {
  const { document, current } = existingDocument(ctx, call, scope, call);
  refuseScopedWrite(ctx, document, formSite(call));
  requirePermission(ctx, deleteAction(document, current), call);
  if (document.collection.native && !kindsByNative[document.collection.native.id]) throw queryError(Errors.unsupportedFunction, call, `Delete on ${document.collection.native.id}`);
  dropContents(ctx, document, current, call);
  deleteDocument(ctx, document, call);
  return renderDocument(document.ref, current);
};

/** A renamed collection's indexes name it anew, and their entries (which hold refs) are made again. */
function renameCollectionInIndexes(ctx: QueryContext, db: DatabaseId, oldName: string, newName: string, site: ErrorSite): void {
  const rename = (value: Value): Value => {
    if (value instanceof Ref && !value.isNative && value.collection!.isNative && value.collection!.id === "collections" && value.id === oldName && !value.database) {
      return Ref.schema("collections", newName);
    }
    if (Array.isArray(value)) return value.map(rename);
    if (value instanceof Map) return new Map([...value].map(([key, entry]) => [key, rename(entry)]));
    return value;
  };
  for (const index of indexesOf(ctx, db)) {
    const document = resolveDocument(ctx, index.ref, site);
    const current = ctx.documents.current(document.address)!;
    const source = current.fields.get("source")!;
    const renamed = rename(source);
    if (valuesEqual(renamed, source)) continue;
    const fields = new Map(current.fields).set("source", renamed);
    const version = writeVersion(ctx, document, fields, site, current.hidden);
    dropIndexEntries(ctx, index);
    buildIndex(ctx, resolvedIndex(db, version));
  }
}

type SchemaCompletion = (ctx: QueryContext, fields: ObjectValue, call: CallExpr) => ObjectValue | undefined;

/** CreateCollection, CreateDatabase, CreateIndex: a schema document in the query's database. */
function createSchemaDocument(kindName: NativeCollectionId, kind: DocumentKind, complete: SchemaCompletion, afterWrite?: (ctx: QueryContext, version: StoredVersion, call: CallExpr) => void): Implementation {
  return (ctx, call, scope) => {
    const params = paramsArg(ctx, call, 0, scope);
    const native = nativeCollection(kindName);
    const collection: CollectionInfo = { db: ctx.database, internalId: native.internalId, ref: Ref.native(kindName), native };
    requirePermission(ctx, createAction(collection, undefined, params), formSite(call));
    const fields = validated(kind, params, formSite(call));
    const name = fields.get("name") as string;
    const document: ResolvedDocument = { ref: Ref.schema(kindName, name), address: { db: ctx.database, collection: native.internalId, key: name }, collection };
    if (isLive(ctx, document)) throw queryError(Errors.instanceAlreadyExists, formSite(call), native.noun);
    const hidden = complete(ctx, fields, call);
    const version = writeVersion(ctx, document, fields, formSite(call), hidden);
    afterWrite?.(ctx, version, call);
    return createdResult(ctx, writeResult(kind, document.ref, version));
  };
}

const evalCreateCollection = createSchemaDocument("collections", collectionKind, (ctx) =>
  new Map([["id", newInternalId(ctx, "collections")]]),
);

const evalCreateDatabase = createSchemaDocument("databases", databaseKind, (ctx, fields) => {
  const globalId = randomGlobalId();
  const id = newInternalId(ctx, "databases");
  ctx.setDatabaseGlobalId(Number(id), globalId);
  fields.set("global_id", formatGlobalId(globalId));
  return new Map([["id", id]]);
});

/** Every collection an index's source names must exist (Fauna's "invalid reference" failure). */
function checkSourceRefs(ctx: QueryContext, source: Value, call: CallExpr): void {
  const failures: ValidationFailure[] = [];
  const visit = (value: Value, field: string[]): void => {
    if (value instanceof Ref) {
      if (value.database) failures.push({ field, ...ValidationFailures.scopedReference });
      else if (!value.isNative && !schemaDocument(ctx, ctx.database, "collections", value.id)) failures.push({ field, ...ValidationFailures.invalidReference });
    } else if (Array.isArray(value)) {
      value.forEach((element, index) => visit(element, [...field, String(index)]));
    } else if (value instanceof Map) {
      for (const [key, entry] of value) if (key === "collection" || key === "class") visit(entry, [...field, key]);
    }
  };
  visit(source, ["source"]);
  if (failures.length > 0) failValidation(call, failures);
}

/**
 * A small index is built in the query that creates it and is active at once;
 * a bigger one is built in the background and inactive until then (unless the
 * caller asked for `active: true`, which makes it usable, partly built).
 */
const evalCreateIndex = createSchemaDocument(
  "indexes",
  indexKind,
  (ctx, fields, call) => {
    checkSourceRefs(ctx, fields.get("source")!, call);
    if (!fields.has("partitions")) fields.set("partitions", BigInt(defaultPartitions(fields.get("terms"))));
    const hidden = new Map([["id", newInternalId(ctx, "indexes")]]);
    const atOnce = buildsAtOnce(ctx, resolvedIndex(ctx.database, { ts: ctx.txnTime, fields, hidden }));
    if (atOnce) fields.set("active", true);
    return hidden;
  },
  (ctx, version) => {
    const index = resolvedIndex(ctx.database, version);
    if (!buildsAtOnce(ctx, index)) {
      startBuild(ctx, index);
      ctx.startedIndexBuild = true;
    } else buildIndex(ctx, index);
  },
);

/** Marks an index built in the background as active. */
export function activateIndex(ctx: QueryContext, index: ResolvedIndex): void {
  const document = resolveDocument(ctx, index.ref, undefined);
  const current = ctx.documents.current(document.address);
  if (current) writeVersion(ctx, document, new Map(current.fields).set("active", true), undefined, current.hidden);
}

/** A function's body must be a lambda; Fauna read a string as source code of its later language, and refused it in v4. */
const evalCreateFunction = createSchemaDocument("functions", functionKind, (_ctx, fields, call) => {
  if (typeof fields.get("body") === "string") throw queryError(Errors.schemaValidationFailed, formSite(call), "Invalid type provided for field `body`.");
  return undefined;
});

const evalCreateRole = createSchemaDocument("roles", roleKind, () => undefined);

/** An access provider's issuer is unique in its database; its audience is the database's own address. */
const evalCreateAccessProvider = createSchemaDocument("access_providers", accessProviderKind, (ctx, fields, call) => {
  const issuer = fields.get("issuer");
  for (const [, provider] of ctx.documents.scan(ctx.database, nativeCollection("access_providers").internalId)) {
    if (provider.fields.get("issuer") === issuer) failValidation(formSite(call), [{ field: ["issuer"], ...ValidationFailures.duplicateValue }]);
  }
  fields.set("audience", `https://db.fauna.com/db/${formatGlobalId(ctx.databaseGlobalId(ctx.database))}`);
  return undefined;
});

/** The database a ref names, and the chain of databases that leads to it. */
function databaseChain(ctx: QueryContext, ref: Value, site: ErrorSite): { db: DatabaseId; chain: DatabaseId[]; ref: Ref } {
  if (!(ref instanceof Ref) || !ref.collection?.isNative || ref.collection.id !== "databases") throw queryError(Errors.invalidArgument, site, ["Database Ref"], typeName(ref));
  const parent = ref.database ? databaseChain(ctx, ref.database, site) : undefined;
  const schema = schemaDocument(ctx, parent?.db ?? ctx.database, "databases", ref.id);
  if (!schema) throw queryError(Errors.invalidRef, site, "database", ref.id);
  const db = internalIdOf(schema);
  return { db, chain: [...(parent?.chain ?? []), db], ref };
}

/** MoveDatabase(from, to): `from`, with everything in it, becomes a child of `to`. */
const evalMoveDatabase: Implementation = (ctx, call, scope) => {
  const from = databaseChain(ctx, evalArg(ctx, call, 0, scope), argSite(call, 0));
  const to = databaseChain(ctx, evalArg(ctx, call, 1, scope), argSite(call, 1));
  if (to.chain.includes(from.db)) throw queryError(Errors.moveDatabase, call, from.ref.id, to.ref.id, "Cannot move database from ancestor to descendant.");
  const source = resolveDocument(ctx, from.ref, argSite(call, 0));
  const current = readVersion(ctx, source)!;
  requirePermission(ctx, deleteAction(source, current), call);
  const moved: ResolvedDocument = {
    ref: Ref.schema("databases", from.ref.id, to.ref),
    address: { db: to.db, collection: source.address.collection, key: from.ref.id },
    collection: { ...source.collection, db: to.db },
  };
  if (isLive(ctx, moved)) throw queryError(Errors.instanceAlreadyExists, call, "Database");
  deleteDocument(ctx, source, call);
  return renderDocument(moved.ref, writeVersion(ctx, moved, current.fields, call, current.hidden));
};

/** The action of an event: create, update or delete. */
function actionArg(ctx: QueryContext, call: CallExpr, index: number, scope: Scope | undefined): "create" | "update" | "delete" {
  const action = evalArg(ctx, call, index, scope);
  if (action === "create" || action === "update" || action === "delete") return action;
  throw queryError(Errors.invalidDocAction, argSite(call, index), typeName(action));
}

/** The document an Insert or a Remove rewrites the history of: a document of a user collection. */
function historyDocument(ctx: QueryContext, call: CallExpr, scope: Scope | undefined, refused: typeof Errors.insertRefused): ResolvedDocument {
  const ref = expectArg(ctx, call, 0, scope, isRef, ["Ref"]);
  const document = ref.isNative ? undefined : resolveDocument(ctx, ref, argSite(call, 0));
  if (!document || document.collection.native) throw queryError(refused, call);
  refuseScopedWrite(ctx, document, formSite(call));
  return document;
}

/**
 * After a document's history was rewritten (Insert, Remove): its entries in
 * every index over its collection, with their history, made again from its
 * versions, each at its own time, so that reads at any moment agree with the
 * history as it now is. `earlier` is the history before, whose entries go.
 */
function reindexHistory(ctx: QueryContext, document: ResolvedDocument, earlier: readonly StoredVersion[]): void {
  const versions = [...ctx.documents.recorded(document.address)];
  for (const { index, source } of indexesFor(ctx, document.collection)) {
    dropDocumentEntries(ctx, index, source, document, [...earlier, ...versions]);
    replayIndexHistory((ts) => ctx.writingAt(ts), index, source, document, versions, indexMadeAt(ctx, index));
  }
}

/** Insert(ref, ts, action, params): records a version in a document's history (an update is recorded whole, as a create). */
const evalInsert: Implementation = (ctx, call, scope) => {
  const document = historyDocument(ctx, call, scope, Errors.insertRefused);
  const ts = microsOf(evalArg(ctx, call, 1, scope), argSite(call, 1));
  const action = actionArg(ctx, call, 2, scope);
  if (ts > ctx.txnTime) throw queryError(Errors.invalidWriteTime, call);
  const params = action === "delete" ? new Map<string, Value>() : paramsArg(ctx, call, 3, scope);
  requirePermission(ctx, historyWriteAction(document, Timestamp.fromMicros(ts), action, params), call);
  const fields = action === "delete" ? params : wellFormedFields(withCollectionTtl(ctx, document.collection, validated(userDocumentKind, params, call)));
  const earlier = [...ctx.documents.recorded(document.address)];
  const inserted: StoredVersion = action === "delete" ? { ts, fields, deleted: true } : { ts, fields };
  ctx.checkVersionSize(ctx.documents.putHistory(document.address, inserted));
  ctx.documents.settleCurrent(document.address);
  reindexHistory(ctx, document, earlier);
  noteChange(ctx, document, action, undefined, inserted, true);
  return new Map<string, Value>([
    ["ts", ts],
    ["action", action === "delete" ? "delete" : "create"],
    ["document", document.ref],
    ["data", action === "delete" ? null : (fields.get("data") ?? null)],
  ]);
};

/** Remove(ref, ts, action): forgets the version a document's history records at ts. */
const evalRemove: Implementation = (ctx, call, scope) => {
  const document = historyDocument(ctx, call, scope, Errors.removeRefused);
  const ts = microsOf(evalArg(ctx, call, 1, scope), argSite(call, 1));
  const action = actionArg(ctx, call, 2, scope);
  const removed = ctx.documents.at(document.address, ts);
  requirePermission(ctx, historyWriteAction(document, Timestamp.fromMicros(ts), action, removed?.ts === ts ? removed.fields : new Map()), call);
  const earlier = [...ctx.documents.recorded(document.address)];
  ctx.documents.deleteHistory(document.address, ts);
  ctx.documents.settleCurrent(document.address);
  reindexHistory(ctx, document, earlier);
  if (removed?.ts === ts) noteChange(ctx, document, action, removed, undefined, true);
  return null;
};

export const writeFunctions: Record<string, Implementation> = {
  CreateKey: evalCreateKey,
  CreateFunction: evalCreateFunction,
  CreateRole: evalCreateRole,
  CreateAccessProvider: evalCreateAccessProvider,
  MoveDatabase: evalMoveDatabase,
  Insert: evalInsert,
  Remove: evalRemove,
  Create: evalCreate,
  Update: evalUpdate,
  Replace: evalReplace,
  Delete: evalDelete,
  CreateCollection: evalCreateCollection,
  CreateDatabase: evalCreateDatabase,
  CreateIndex: evalCreateIndex,
};
