/** Writes: Create, Update, Replace, Delete, CreateCollection, CreateDatabase, CreateIndex. */
import { formatGlobalId, newTokenSecret, randomGlobalId } from "../../auth/secrets";
import type { FunctionSpec } from "../../catalog/functions";
import { Errors, ValidationFailures } from "../../error/catalog";
import { errorEntry, FaunaError, queryError, type ErrorSite, type ValidationFailure } from "../../error/FaunaError";
import type { CallExpr } from "../../language/ast";
import { Ref, Timestamp, type NativeCollectionId, type ObjectValue, type Scope, type Value } from "../../language/values";
import { defaultPartitions } from "../../schema/indexes";
import { accessProviderKind, collectionKind, databaseKind, functionKind, indexKind, roleKind, tokenKind, userDocumentKind, type DocumentKind } from "../../schema/kinds";
import { DEFAULT_HISTORY_DAYS, FIRST_USER_COLLECTION_ID, nativeCollection, nativeCollections } from "../../schema/native";
import { validateFields } from "../../schema/validation";
import type { StoredVersion } from "../../store/codec";
import { idKey, type DatabaseId } from "../../store/keys";
import { argSite, evalArg, expectArg, isRef, microsOf } from "../args";
import type { QueryContext } from "../context";
import { mergePatch, notFoundNoun, readVersion, renderDocument, withoutNulls } from "../docs";
import { valuesEqual } from "../equality";
import type { Implementation } from "../execute";
import { buildsAtOnce, startBuild } from "../index-builds";
import { buildIndex, dropIndexEntries, indexesFor, indexesOf, liveDocuments, reindex, resolvedIndex, type ResolvedIndex } from "../indexing";
import { internalIdOf, resolveCollection, resolveDocument, schemaDocument, type CollectionInfo, type ResolvedDocument } from "../refs";
import { typeName } from "../types";

const MICROS_PER_DAY = 86_400_000_000n;

/** The object argument of a write; a missing or null one is empty. */
function paramsArg(ctx: QueryContext, call: CallExpr, index: number, scope: Scope | undefined): ObjectValue {
  const value = evalArg(ctx, call, index, scope);
  if (value === null) return new Map();
  if (value instanceof Map) return value;
  throw queryError(Errors.invalidArgument, argSite(call, index), ["Object"], typeName(value));
}

function failValidation(site: ErrorSite, failures: readonly ValidationFailure[]): never {
  throw new FaunaError([errorEntry(Errors.validationFailed, site, [], { failures })]);
}

/** The key of a function's own form: where Fauna reported what went wrong with the write itself. */
function formSite(call: CallExpr): ErrorSite {
  return { node: call, path: [call.fn.key] };
}

const kindsByNative: Partial<Record<NativeCollectionId, DocumentKind>> = {
  tokens: tokenKind,
  collections: collectionKind,
  databases: databaseKind,
  indexes: indexKind,
  functions: functionKind,
  roles: roleKind,
  access_providers: accessProviderKind,
};

function kindOf(collection: CollectionInfo, site: ErrorSite, fn: FunctionSpec): DocumentKind {
  if (!collection.native) return userDocumentKind;
  const kind = kindsByNative[collection.native.id];
  if (!kind) throw queryError(Errors.unsupportedFunction, site, `${fn.name} on ${collection.native.id}`);
  return kind;
}

/** Checks the fields of a new version, failing the write when any is wrong. */
function validated(kind: DocumentKind, params: ObjectValue, site: ErrorSite): ObjectValue {
  if (params.has("credentials")) throw queryError(Errors.unsupportedFunction, site, "Credentials");
  const { fields, failures } = validateFields(params, kind.schema);
  if (failures.length > 0) failValidation(site, failures);
  const result = kind.defaults?.() ?? new Map<string, Value>();
  for (const [name, value] of fields) result.set(name, withoutNulls(value));
  return withoutEmptyObjects(result);
}

/** A top-level object left empty is no field at all, as in Fauna (`data: {}` is not stored). */
function withoutEmptyObjects(fields: ObjectValue): ObjectValue {
  for (const [name, value] of fields) if (value instanceof Map && value.size === 0) fields.delete(name);
  return fields;
}

function historyDays(collection: CollectionInfo): bigint {
  const days = collection.schema?.fields.get("history_days");
  return typeof days === "bigint" ? days : DEFAULT_HISTORY_DAYS;
}

/**
 * A version without a `ttl` in a collection with `ttl_days` expires that many
 * days after the write, as in Fauna: so Update keeps a ttl, Replace renews it.
 */
function withCollectionTtl(ctx: QueryContext, collection: CollectionInfo, fields: ObjectValue): ObjectValue {
  const days = collection.schema?.fields.get("ttl_days");
  if (typeof days !== "bigint" || fields.has("ttl")) return fields;
  return new Map(fields).set("ttl", Timestamp.fromMicros(ctx.txnTime + days * MICROS_PER_DAY));
}

/** Writes a document's new version, and its entries in the indexes over its collection. */
function writeVersion(ctx: QueryContext, document: ResolvedDocument, newFields: ObjectValue, site: ErrorSite, hidden?: ObjectValue): StoredVersion {
  const fields = withCollectionTtl(ctx, document.collection, newFields);
  const version: StoredVersion = hidden ? { ts: ctx.txnTime, fields, hidden } : { ts: ctx.txnTime, fields };
  const before = ctx.documents.current(document.address);
  ctx.documents.put(document.address, version);
  // A new document has no older versions to let go of.
  if (before) ctx.documents.pruneHistory(document.address, ctx.txnTime - historyDays(document.collection) * MICROS_PER_DAY);
  reindex(ctx, document, before, version, site);
  return version;
}

/** Deletes a document, and its index entries. */
function deleteDocument(ctx: QueryContext, document: ResolvedDocument, site: ErrorSite): void {
  const before = ctx.documents.current(document.address);
  ctx.documents.delete(document.address, ctx.txnTime);
  reindex(ctx, document, before, undefined, site);
}

function writeResult(kind: DocumentKind, ref: Ref, version: StoredVersion, secret?: string): ObjectValue {
  const result = renderDocument(ref, version, kind.hiddenInWriteResults);
  if (secret !== undefined) result.set("secret", secret);
  return result;
}

/** A token without a given `hashed_secret` gets a new secret; the result shows it once. */
function issueSecretIfNeeded(ctx: QueryContext, kind: DocumentKind, document: ResolvedDocument, fields: ObjectValue): string | undefined {
  if (kind !== tokenKind || fields.has("hashed_secret")) return undefined;
  const { secret, hashedSecret } = newTokenSecret(BigInt(document.ref.id), ctx.databaseGlobalId(document.address.db));
  fields.set("hashed_secret", hashedSecret);
  return secret;
}

function isUserCollectionRef(ref: Ref): boolean {
  return ref.collection !== undefined && ref.collection.isNative && ref.collection.id === "collections";
}

function isLive(ctx: QueryContext, document: ResolvedDocument): boolean {
  return readVersion(ctx, document) !== undefined;
}

const evalCreate: Implementation = (ctx, call, scope) => {
  const target = expectArg(ctx, call, 0, scope, isRef, ["Ref"]);
  const params = paramsArg(ctx, call, 1, scope);
  let document: ResolvedDocument;
  if (target.isNative || isUserCollectionRef(target)) {
    // A collection: the new document gets a fresh id. Schema documents are made by CreateCollection & co.
    if (nativeCollections.get(target.id as NativeCollectionId)?.named && target.isNative) throw queryError(Errors.schemaMetaCreate, formSite(call));
    const collection = resolveCollection(ctx, target, argSite(call, 0));
    const ref = new Ref(ctx.newId().toString(), target);
    document = { ref, address: { db: collection.db, collection: collection.internalId, key: idKey(BigInt(ref.id)) }, collection };
  } else {
    document = resolveDocument(ctx, target, argSite(call, 0));
    if (document.collection.native?.named) throw queryError(Errors.schemaMetaCreate, formSite(call));
    if (isLive(ctx, document)) throw queryError(Errors.instanceAlreadyExists, formSite(call), notFoundNoun(document));
  }
  const kind = kindOf(document.collection, formSite(call), call.fn);
  const fields = validated(kind, params, formSite(call));
  const secret = issueSecretIfNeeded(ctx, kind, document, fields);
  return writeResult(kind, document.ref, writeVersion(ctx, document, fields, formSite(call)), secret);
};

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

const evalUpdate: Implementation = (ctx, call, scope) => {
  const { document, current } = existingDocument(ctx, call, scope, formSite(call));
  const kind = kindOf(document.collection, formSite(call), call.fn);
  const params = paramsArg(ctx, call, 1, scope);
  const { fields: patch, failures } = validateFields(params, kind.schema, true);
  if (failures.length > 0) failValidation(call, failures);
  // Nulls remove fields: validateFields leaves them out, so carry them over for the merge.
  for (const [name, value] of params) if (value === null && Object.hasOwn(kind.schema, name)) patch.set(name, null);
  const merged = withoutEmptyObjects(mergePatch(current.fields, patch));
  const missing = validateFields(merged, kind.schema).failures;
  if (missing.length > 0) failValidation(call, missing);
  return rewrite(ctx, call, document, current, merged, kind);
};

const evalReplace: Implementation = (ctx, call, scope) => {
  const { document, current } = existingDocument(ctx, call, scope, formSite(call));
  const kind = kindOf(document.collection, formSite(call), call.fn);
  const params = paramsArg(ctx, call, 1, scope);
  const fields = validated(kind, params, call);
  // A schema document keeps its name and history unless they are replaced too.
  for (const kept of ["name", "history_days"]) {
    const previous = current.fields.get(kept);
    if (document.collection.native?.named && previous !== undefined && !params.has(kept)) fields.set(kept, previous);
  }
  return rewrite(ctx, call, document, current, fields, kind);
};

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
    const fields = validated(kind, paramsArg(ctx, call, 0, scope), formSite(call));
    const native = nativeCollection(kindName);
    const name = fields.get("name") as string;
    const document: ResolvedDocument = {
      ref: Ref.schema(kindName, name),
      address: { db: ctx.database, collection: native.internalId, key: name },
      collection: { db: ctx.database, internalId: native.internalId, ref: Ref.native(kindName), native },
    };
    if (isLive(ctx, document)) throw queryError(Errors.instanceAlreadyExists, formSite(call), native.noun);
    const hidden = complete(ctx, fields, call);
    const version = writeVersion(ctx, document, fields, formSite(call), hidden);
    afterWrite?.(ctx, version, call);
    return writeResult(kind, document.ref, version);
  };
}

const evalCreateCollection = createSchemaDocument("collections", collectionKind, (ctx) =>
  new Map([["id", ctx.nextCounter("lastCollectionId", BigInt(FIRST_USER_COLLECTION_ID))]]),
);

const evalCreateDatabase = createSchemaDocument("databases", databaseKind, (ctx, fields) => {
  const globalId = randomGlobalId();
  const id = ctx.nextCounter("lastDatabaseId", 1n);
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
    const hidden = new Map([["id", ctx.nextCounter("lastIndexId", 1n)]]);
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
  return document;
}

/** Insert(ref, ts, action, params): records a version in a document's history (an update is recorded whole, as a create). */
const evalInsert: Implementation = (ctx, call, scope) => {
  const document = historyDocument(ctx, call, scope, Errors.insertRefused);
  const ts = microsOf(evalArg(ctx, call, 1, scope), argSite(call, 1));
  const action = actionArg(ctx, call, 2, scope);
  if (ts > ctx.txnTime) throw queryError(Errors.invalidWriteTime, call);
  const fields = action === "delete" ? new Map<string, Value>() : withCollectionTtl(ctx, document.collection, validated(userDocumentKind, paramsArg(ctx, call, 3, scope), call));
  const before = ctx.documents.current(document.address);
  ctx.documents.putHistory(document.address, action === "delete" ? { ts, fields, deleted: true } : { ts, fields });
  reindex(ctx, document, before, ctx.documents.settleCurrent(document.address), call);
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
  actionArg(ctx, call, 2, scope);
  const before = ctx.documents.current(document.address);
  ctx.documents.deleteHistory(document.address, ts);
  reindex(ctx, document, before, ctx.documents.settleCurrent(document.address), call);
  return null;
};

export const writeFunctions: Record<string, Implementation> = {
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
