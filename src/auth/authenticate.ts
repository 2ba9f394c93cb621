/**
 * From a secret to who a query runs as. A secret is the root secret (the top
 * database's admin), a key's (`fnA…`) or a token's (`fnE…`), optionally
 * scoped (`secret:child/db:server`, `:@role/name`, `:@doc/users/1`). Anything
 * that does not resolve — unknown, deleted, expired, a token whose identity is
 * gone, a scope the secret may not take — is `unauthorized`, and nothing runs.
 *
 * Checking a secret against its bcrypt hash is deliberately slow; a secret
 * that matched a hash once is remembered (by its SHA-256, never in plain
 * text) for as long as its document keeps that hash.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { Errors } from "../error/catalog";
import { FaunaError, queryError } from "../error/FaunaError";
import { Ref, type Value } from "../language/values";
import type { StoredVersion } from "../store/codec";
import { metaKey, type DatabaseId } from "../store/keys";
import type { QueryContext } from "../evaluation/context";
import { childDatabase, databaseWithGlobalId } from "../evaluation/databases";
import { readVersion } from "../evaluation/docs";
import { valuesEqual } from "../evaluation/equality";
import { nativeDocument, resolveDocument, schemaDocument, type ResolvedDocument } from "../evaluation/refs";
import { decodeValue } from "../store/codec";
import { ROOT_ACCESS, type Access, type Grants } from "./access";
import { membershipRoles } from "./roles";
import { isBuiltinRole } from "../schema/kinds";
import type { SecretScope } from "./scoped-secret";
import { parseScopedSecret } from "./scoped-secret";
import { decodeSecret, secretMatches, type DecodedSecret } from "./secrets";

const MAX_REMEMBERED = 10_000;

/** Where a key's document is kept: recorded when the key is made, as Fauna kept a global lookup of key ids. */
function keyLookupName(keyId: bigint): string {
  return `key/${keyId}`;
}

/**
 * The database a key is for, by its internal number: Fauna kept a key's
 * `database` as the database's id, not its name, so that a key for a deleted
 * database stays dead when another database is made with the same name (or
 * takes it by a rename). FQLite keeps the name in the document, as shown, and
 * this binding beside it.
 */
function keyDatabaseName(keyId: bigint): string {
  return `key/${keyId}/database`;
}

/** What a key is bound to when its database could not be found as it was written: nothing. */
const NO_DATABASE = -1;

/**
 * Records what finding a key needs, as its document is written: where it is
 * kept (when it is made), and which database it is for (when it is made, or
 * its `database` changes; other writes keep the binding, as Fauna kept the id).
 */
export function recordKeyWrite(ctx: QueryContext, key: ResolvedDocument, before: StoredVersion | undefined, after: StoredVersion): void {
  const id = BigInt(key.ref.id);
  if (!before) ctx.writeMeta(keyLookupName(id), BigInt(key.address.db));
  const database = after.fields.get("database") ?? null;
  if (before && valuesEqual(before.fields.get("database") ?? null, database)) return;
  const target = database instanceof Ref ? childDatabase(ctx, key.address.db, database.id) : key.address.db;
  ctx.writeMeta(keyDatabaseName(id), BigInt(target ?? NO_DATABASE));
}

/** What a key's `role` grants. */
export function keyGrants(role: Value | undefined): Grants {
  if (role !== undefined && isBuiltinRole(role)) return { kind: "builtin", role };
  const names = (Array.isArray(role) ? role : [role]).flatMap((entry) => (typeof entry === "string" ? [entry] : entry instanceof Ref ? [entry.id] : []));
  return { kind: "roles", roles: names };
}

/** Secrets known to match a hash, by their SHA-256: bcrypt is slow on purpose, and a secret is checked on every query. */
const remembered = new Map<string, string>();

function matches(secret: string, decoded: DecodedSecret, version: StoredVersion): boolean {
  const hashed = version.fields.get("hashed_secret");
  if (typeof hashed !== "string") return false;
  const digest = createHash("sha256").update(secret).digest("hex");
  if (remembered.get(digest) === hashed) return true;
  if (!secretMatches(secret, decoded, hashed)) return false;
  if (remembered.size >= MAX_REMEMBERED) remembered.delete(remembered.keys().next().value!);
  remembered.set(digest, hashed);
  return true;
}

/** The live key or token document a secret is the secret of, and the database it is kept in. */
export interface SecretDocument {
  readonly kind: "keys" | "tokens";
  readonly db: DatabaseId;
  readonly id: bigint;
  readonly version: StoredVersion;
}

/** Finds the key or token a (plain, unscoped) secret belongs to; undefined for any other text, or a secret that no longer works. */
export function findSecretDocument(ctx: QueryContext, secret: string): SecretDocument | undefined {
  const decoded = decodeSecret(secret);
  if (!decoded) return undefined;
  const kind = decoded.kind === "key" ? "keys" : "tokens";
  const db = decoded.kind === "key" ? keyDatabase(ctx, decoded.id) : databaseWithGlobalId(ctx, decoded.globalId);
  if (db === undefined) return undefined;
  const version = readVersion(ctx, nativeDocument(kind, db, decoded.id));
  return version && matches(secret, decoded, version) ? { kind, db, id: decoded.id, version } : undefined;
}

function keyDatabase(ctx: QueryContext, keyId: bigint): DatabaseId | undefined {
  const stored = ctx.txn.get(metaKey(keyLookupName(keyId)));
  return stored ? Number(decodeValue(stored)) : undefined;
}

/** The database a key was bound to as it was written; undefined for a key written before bindings were kept. */
function boundDatabase(ctx: QueryContext, keyId: bigint): DatabaseId | undefined {
  const stored = ctx.txn.get(metaKey(keyDatabaseName(keyId)));
  return stored ? Number(decodeValue(stored)) : undefined;
}

export class Authenticator {
  private readonly rootSecret: Buffer;

  constructor(rootSecret: string) {
    this.rootSecret = Buffer.from(rootSecret);
  }

  /** `ctx` reads at the query's snapshot, as the top database's admin, without billing the query. */
  authenticate(ctx: QueryContext, text: string): Access {
    const access = this.resolve(ctx, text);
    if (!access) throw queryError(Errors.unauthorized, undefined);
    return access;
  }

  private resolve(ctx: QueryContext, text: string): Access | undefined {
    if (this.isRootSecret(text)) return ROOT_ACCESS;
    const parsed = parseScopedSecret(text);
    if (parsed === "refused") return undefined;
    if (this.isRootSecret(parsed.secret)) return parsed.scope ? scopedAccess(ctx, ROOT_ACCESS, parsed.scope) : ROOT_ACCESS;
    const found = findSecretDocument(ctx, parsed.secret);
    // A token's secret carries no scope: whatever follows it is ignored, as in Fauna.
    if (found?.kind === "tokens") return tokenAccess(ctx, found);
    const base = found && keyAccess(ctx, found);
    return base && parsed.scope ? scopedAccess(ctx, base, parsed.scope) : base;
  }

  /** Compared in constant time, so that response times say nothing about the root secret. */
  private isRootSecret(text: string): boolean {
    const given = Buffer.from(text);
    return given.length === this.rootSecret.length && timingSafeEqual(given, this.rootSecret);
  }
}

function keyAccess(ctx: QueryContext, key: SecretDocument): Access | undefined {
  const database = key.version.fields.get("database");
  const target = database instanceof Ref ? childDatabase(ctx, key.db, database.id) : key.db;
  const bound = boundDatabase(ctx, key.id);
  // A database of that name that is not the one the key was made for is out of the key's reach.
  if (target === undefined || (bound !== undefined && bound !== target)) return undefined;
  return { database: target, grants: keyGrants(key.version.fields.get("role")), key: { ref: new Ref(String(key.id), Ref.native("keys")), db: key.db } };
}

function tokenAccess(ctx: QueryContext, token: SecretDocument): Access | undefined {
  const instance = token.version.fields.get("instance");
  if (!(instance instanceof Ref)) return undefined;
  return identityAccess(ctx, { database: token.db, grants: { kind: "identity", roles: [] }, token: new Ref(String(token.id), Ref.native("tokens")) }, instance);
}

function scopedAccess(ctx: QueryContext, base: Access, scope: SecretScope): Access | undefined {
  const role = base.grants.kind === "builtin" ? base.grants.role : undefined;
  const isDocument = "document" in scope.target;
  // Admins (and the root) may take any scope; a server key may only act as one of its documents.
  if (!base.root && role !== "admin" && !(role === "server" && isDocument && scope.database.length === 0)) return undefined;
  let db: DatabaseId | undefined = base.database;
  for (const name of scope.database) {
    db = childDatabase(ctx, db, name);
    if (db === undefined) return undefined;
  }
  const source = { key: base.key, root: base.root };
  const target = scope.target;
  if ("builtin" in target) return { database: db, grants: { kind: "builtin", role: target.builtin }, ...source };
  if ("role" in target) return schemaDocument(ctx, db, "roles", target.role) ? { database: db, grants: { kind: "roles", roles: [target.role] }, ...source } : undefined;
  const identity = new Ref(target.document.id, Ref.schema("collections", target.document.collection));
  return identityAccess(ctx, { database: db, grants: { kind: "identity", roles: [] }, ...source }, identity);
}

/** An identity's rights, once its document is known to exist (and not to have expired): its roles, found now. */
function identityAccess(ctx: QueryContext, base: Access, identity: Ref): Access | undefined {
  const access: Access = { ...base, identity };
  const exists = ctx.actingAs(access, () => {
    try {
      const document = resolveDocument(ctx, identity, undefined);
      return !document.collection.native && readVersion(ctx, document) !== undefined;
    } catch (error) {
      if (error instanceof FaunaError) return false;
      throw error;
    }
  });
  if (!exists) return undefined;
  return { ...access, grants: { kind: "identity", roles: ctx.actingAs(access, () => membershipRoles(ctx, access, identity)) } };
}
