/**
 * Writing documents: checking a new version's fields against its kind,
 * storing it (with its history, ttl, index entries and instance lookup),
 * issuing secrets of keys and tokens, and results as Fauna showed them.
 * Shared by the write and auth functions.
 */
import { recordKeyWrite } from "../auth/authenticate";
import { hashSecret, newKeySecret, newTokenSecret, passwordMatchesHash } from "../auth/secrets";
import type { FunctionSpec } from "../catalog/functions";
import { Errors, ValidationFailures } from "../error/catalog";
import { errorEntry, FaunaError, queryError, type ErrorSite, type ValidationFailure } from "../error/FaunaError";
import type { CallExpr } from "../language/ast";
import { Ref, Timestamp, type NativeCollectionId, type ObjectValue, type Scope, type Value } from "../language/values";
import {
  accessProviderKind,
  collectionKind,
  credentialsKind,
  databaseKind,
  isBuiltinRole,
  functionKind,
  indexKind,
  keyKind,
  roleKind,
  tokenKind,
  userDocumentKind,
  type DocumentKind,
} from "../schema/kinds";
import { DEFAULT_HISTORY_DAYS } from "../schema/native";
import { storageTypeName, validateFields } from "../schema/validation";
import type { StoredVersion } from "../store/codec";
import { idFromKey, type DatabaseId } from "../store/keys";
import { argSite, evalArg } from "./args";
import type { QueryContext } from "./context";
import { childDatabase, databaseRefFrom } from "./databases";
import { readVersion, renderDocument, withoutNulls } from "./docs";
import { reindex } from "./indexing";
import { documentsOfInstance, reindexInstance } from "./instances";
import { nativeDocument, schemaDocument, type CollectionInfo, type ResolvedDocument } from "./refs";
import { typeName } from "./types";
import { wellFormedFields } from "./well-formed-text";

const MICROS_PER_DAY = 86_400_000_000n;

/** The object argument of a write; a missing or null one is empty. */
export function paramsArg(ctx: QueryContext, call: CallExpr, index: number, scope: Scope | undefined): ObjectValue {
  const value = evalArg(ctx, call, index, scope);
  if (value === null) return new Map();
  if (value instanceof Map) return value;
  throw queryError(Errors.invalidArgument, argSite(call, index), ["Object"], typeName(value));
}

export function failValidation(site: ErrorSite, failures: readonly ValidationFailure[]): never {
  throw new FaunaError([errorEntry(Errors.validationFailed, site, [], { failures })]);
}

/** The key of a function's own form: where Fauna reported what went wrong with the write itself. */
export function formSite(call: CallExpr): ErrorSite {
  return { node: call, path: [call.fn.key] };
}

export const kindsByNative: Partial<Record<NativeCollectionId, DocumentKind>> = {
  tokens: tokenKind,
  keys: keyKind,
  credentials: credentialsKind,
  collections: collectionKind,
  databases: databaseKind,
  indexes: indexKind,
  functions: functionKind,
  roles: roleKind,
  access_providers: accessProviderKind,
};

export function kindOf(collection: CollectionInfo, site: ErrorSite, fn: FunctionSpec): DocumentKind {
  if (!collection.native) return userDocumentKind;
  const kind = kindsByNative[collection.native.id];
  if (!kind) throw queryError(Errors.unsupportedFunction, site, `${fn.name} on ${collection.native.id}`);
  return kind;
}

/** Checks the fields of a new version, failing the write when any is wrong. */
export function validated(kind: DocumentKind, params: ObjectValue, site: ErrorSite): ObjectValue {
  const { fields, failures } = validateFields(params, kind.schema);
  if (failures.length > 0) failValidation(site, failures);
  const result = kind.defaults?.() ?? new Map<string, Value>();
  for (const [name, value] of fields) result.set(name, withoutNulls(value));
  return withoutEmptyObjects(result);
}

/** A top-level object left empty is no field at all, as in Fauna (`data: {}` is not stored). */
export function withoutEmptyObjects(fields: ObjectValue): ObjectValue {
  for (const [name, value] of fields) if (value instanceof Map && value.size === 0) fields.delete(name);
  return fields;
}

export function historyDays(collection: CollectionInfo): bigint {
  const days = collection.schema?.fields.get("history_days");
  return typeof days === "bigint" ? days : DEFAULT_HISTORY_DAYS;
}

/**
 * A version without a `ttl` in a collection with `ttl_days` expires that many
 * days after the write, as in Fauna: so Update keeps a ttl, Replace renews it.
 */
export function withCollectionTtl(ctx: QueryContext, collection: CollectionInfo, fields: ObjectValue): ObjectValue {
  const days = collection.schema?.fields.get("ttl_days");
  if (typeof days !== "bigint" || fields.has("ttl")) return fields;
  return new Map(fields).set("ttl", Timestamp.fromMicros(ctx.txnTime + days * MICROS_PER_DAY));
}

/** Writes a document's new version, and its entries in the indexes over its collection. */
export function writeVersion(ctx: QueryContext, document: ResolvedDocument, newFields: ObjectValue, site: ErrorSite, hidden?: ObjectValue): StoredVersion {
  const fields = wellFormedFields(withCollectionTtl(ctx, document.collection, newFields));
  const version: StoredVersion = hidden ? { ts: ctx.txnTime, fields, hidden } : { ts: ctx.txnTime, fields };
  const before = ctx.documents.current(document.address);
  ctx.checkVersionSize(ctx.documents.put(document.address, version));
  // A new document has no older versions to let go of.
  if (before) ctx.documents.pruneHistory(document.address, ctx.txnTime - historyDays(document.collection) * MICROS_PER_DAY);
  reindex(ctx, document, before, version, site);
  reindexInstance(ctx, document, before, version);
  noteChange(ctx, document, before ? "update" : "create", before, version);
  // A key is found by its id alone, wherever its document is kept (its secret may have been made elsewhere, as one moved
  // from Fauna), and works only in the very database it was made for.
  if (document.collection.native?.id === "keys") recordKeyWrite(ctx, document, before, version);
  return version;
}

/** Deletes a document, and its index entries. */
export function deleteDocument(ctx: QueryContext, document: ResolvedDocument, site: ErrorSite): void {
  const before = ctx.documents.current(document.address);
  ctx.documents.delete(document.address, ctx.txnTime);
  reindex(ctx, document, before, undefined, site);
  reindexInstance(ctx, document, before, undefined);
  noteChange(ctx, document, "delete", before, undefined);
}

/** Records a write for those who follow documents (streams). */
export function noteChange(
  ctx: QueryContext,
  document: ResolvedDocument,
  action: "create" | "update" | "delete",
  before: StoredVersion | undefined,
  after: StoredVersion | undefined,
  historyRewrite = false,
): void {
  const { db, collection, key } = document.address;
  ctx.changes?.documents.push({ db, collection, key, ref: document.ref, ts: after?.ts ?? ctx.txnTime, action, historyRewrite, before, after });
}

/** A write's result: the document, with a new secret shown this once. */
export function writeResult(kind: DocumentKind, ref: Ref, version: StoredVersion, secret?: string): ObjectValue {
  const result = renderDocument(ref, version, kind.hiddenInWriteResults);
  if (secret === undefined) return result;
  if (!kind.secretBefore || !result.has(kind.secretBefore)) return result.set("secret", secret);
  const ordered: ObjectValue = new Map();
  for (const [name, value] of result) {
    if (name === kind.secretBefore) ordered.set("secret", secret);
    ordered.set(name, value);
  }
  return ordered;
}

/** The result of a query's new document, marked as one (Fauna answered 201 for it). */
export function createdResult(ctx: QueryContext, result: ObjectValue): ObjectValue {
  ctx.created.add(result);
  return result;
}

/** A token or key without a given `hashed_secret` gets a new secret, kept only as a hash; the result shows it once. */
export function issueSecretIfNeeded(ctx: QueryContext, kind: DocumentKind, document: ResolvedDocument, fields: ObjectValue): string | undefined {
  if ((kind !== tokenKind && kind !== keyKind) || fields.has("hashed_secret")) return undefined;
  const id = BigInt(document.ref.id);
  const { secret, hashedSecret } = kind === keyKind ? newKeySecret(id) : newTokenSecret(id, ctx.databaseGlobalId(document.address.db));
  fields.set("hashed_secret", hashedSecret);
  return secret;
}

export function isUserCollectionRef(ref: Ref): boolean {
  return ref.collection !== undefined && ref.collection.isNative && ref.collection.id === "collections";
}

export function isLive(ctx: QueryContext, document: ResolvedDocument): boolean {
  return readVersion(ctx, document) !== undefined;
}

/** Whether the query runs with server rights: Fauna's server password validator then took a hash as given and asked for no current password. */
function hasServerRights(ctx: QueryContext): boolean {
  const { grants } = ctx.access;
  return grants.kind === "builtin" && (grants.role === "server" || grants.role === "server-readonly");
}

/**
 * The password fields of a write as Fauna's password validators read them:
 * `password` and, with server rights, `hashed_password`, otherwise
 * `current_password` (a hash given is then ignored). Both are read before
 * the write fails, so a wrong type of each is reported. `credentials` is a
 * document's `credentials`, at `field`, or a credentials document's own fields.
 */
function passwordFields(ctx: QueryContext, credentials: Value, site: ErrorSite, field: readonly string[]): { password?: string; hashed?: string } {
  const serverRights = hasServerRights(ctx);
  const names = ["password", serverRights ? "hashed_password" : "current_password"] as const;
  if (!(credentials instanceof Map)) failValidation(site, names.map((name) => ({ field: [...field, name], ...ValidationFailures.invalidType(storageTypeName(credentials), "Map") })));
  const failures: ValidationFailure[] = [];
  const [password, other] = names.map((name) => {
    const given = credentials.get(name);
    if (given === undefined || given === null || typeof given === "string") return given ?? undefined;
    failures.push({ field: [...field, name], ...ValidationFailures.invalidType(storageTypeName(given), "String") });
    return undefined;
  });
  if (failures.length > 0) failValidation(site, failures);
  return { password, hashed: serverRights ? other : undefined };
}

/**
 * The password hash a write sets from a `credentials: {password}` (or, with
 * server rights, `{hashed_password}`), or undefined when it sets none.
 *
 * A document's password change asks for no current password: Fauna compared
 * `current_password` with a hash in the fields being written, and a
 * document's own fields never hold one (its `credentials` go to its
 * credentials document, written with server rights). Only a credentials
 * document updated directly is checked, by requireCurrentPassword.
 */
export function passwordHashParam(ctx: QueryContext, credentials: Value | undefined, site: ErrorSite, field: readonly string[]): string | undefined {
  if (credentials === undefined || credentials === null) return undefined;
  const { password, hashed } = passwordFields(ctx, credentials, site, field);
  return password !== undefined ? hashSecret(password) : hashed;
}

/** The fields of a credentials document written directly: its `password` kept only as `hashed_password`, `current_password` not at all. */
export function credentialsFields(ctx: QueryContext, params: ObjectValue, site: ErrorSite): ObjectValue {
  const fields = new Map(params);
  for (const name of ["password", "current_password", "hashed_password"]) fields.delete(name);
  const hashed = passwordHashParam(ctx, params, site, []);
  if (hashed !== undefined) fields.set("hashed_password", hashed);
  // A null hash removes the password (in an Update's patch) only with server rights: without them a hash given is ignored, null or not.
  else if (hasServerRights(ctx) && params.get("hashed_password") === null) fields.set("hashed_password", null);
  return fields;
}

/**
 * Fauna's client password validator, for every write without server rights:
 * a new `password` for a credentials document that has one takes
 * `current_password` to be that one, else the write fails with `invalid
 * password`. Run after the permission check, so that only those who may
 * write the document learn whether it was right; and always one bcrypt
 * comparison, so that the time taken tells no more than the answer.
 */
export function requireCurrentPassword(ctx: QueryContext, params: ObjectValue, storedHash: Value | undefined, site: ErrorSite): void {
  const password = params.get("password");
  if (hasServerRights(ctx) || password === undefined || password === null) return;
  const current = params.get("current_password");
  const hash = typeof storedHash === "string" ? storedHash : undefined;
  const matches = passwordMatchesHash(typeof current === "string" ? current : undefined, hash);
  // Without a password there is none to know: a first one is set freely.
  if (hash === undefined || matches) return;
  const field = ["current_password"];
  failValidation(site, [{ field, ...ValidationFailures.invalidPassword(field) }]);
}

/** The credentials document of an identity, if it has one. */
export function credentialsOf(ctx: QueryContext, db: DatabaseId, identity: Ref): { document: ResolvedDocument; version: StoredVersion } | undefined {
  const [key] = documentsOfInstance(ctx, db, "credentials", identity);
  if (key === undefined) return undefined;
  const document = nativeDocument("credentials", db, idFromKey(key), databaseRefFrom(ctx, ctx.database, db));
  const version = readVersion(ctx, document);
  return version && { document, version };
}

/** Sets an identity's password: its credentials document is made or updated, with server rights as in Fauna. */
export function writeCredentials(ctx: QueryContext, identity: ResolvedDocument, hashedPassword: string, site: ErrorSite): void {
  const db = identity.address.db;
  const existing = credentialsOf(ctx, db, identity.ref);
  if (existing) {
    writeVersion(ctx, existing.document, new Map(existing.version.fields).set("hashed_password", hashedPassword), site);
    return;
  }
  const document = nativeDocument("credentials", db, ctx.newId());
  writeVersion(ctx, document, new Map<string, Value>([["hashed_password", hashedPassword], ["instance", identity.ref]]), site);
}

/** A role a key names must exist in the query's database; so must the child database it is for. */
function checkKeyReferences(ctx: QueryContext, fields: ObjectValue, site: ErrorSite): void {
  const failures: ValidationFailure[] = [];
  const role = fields.get("role");
  for (const entry of Array.isArray(role) ? role : [role]) {
    if (entry instanceof Ref && !schemaDocument(ctx, ctx.database, "roles", entry.id)) failures.push({ field: ["role"], ...ValidationFailures.invalidReference });
    if (typeof entry === "string" && !isBuiltinRole(entry) && !schemaDocument(ctx, ctx.database, "roles", entry)) failures.push({ field: ["role"], ...ValidationFailures.unknownRole(entry) });
  }
  const database = fields.get("database");
  if (database instanceof Ref && childDatabase(ctx, ctx.database, database.id) === undefined) failures.push({ field: ["database"], ...ValidationFailures.invalidReference });
  if (failures.length > 0) failValidation(site, failures);
}

/** The fields of a new version of a document of this kind, checked (a key's roles and database must exist). */
export function kindFields(ctx: QueryContext, kind: DocumentKind, params: ObjectValue, site: ErrorSite): ObjectValue {
  const fields = validated(kind, kind === credentialsKind ? credentialsFields(ctx, params, site) : params, site);
  if (kind === keyKind) checkKeyReferences(ctx, fields, site);
  return fields;
}
