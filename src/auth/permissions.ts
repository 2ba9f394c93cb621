/**
 * What a query may do, judged action by action as Fauna judged it.
 *
 *  - Built-in key roles: `admin` reads its database and every database below
 *    it and writes its own; `server` likewise, but not keys, databases, roles
 *    or access providers; `server-readonly` only reads (and calls nothing);
 *    `client` only what legacy `permissions` make public.
 *  - Identities (tokens, `@doc` secrets) read their own tokens and
 *    credentials and delete their own tokens; everything else comes from the
 *    roles they are members of, or, for resources no role names, from the
 *    legacy `permissions` of collections, indexes and functions.
 *  - Keys with user roles: what those roles allow, then legacy permissions.
 *  - Role predicates: reads of everything but keys, databases, roles and
 *    access providers, `unrestricted_read`, and calls in their database.
 *
 * Roles only ever apply in the query's own database.
 */
import { Errors } from "../error/catalog";
import { queryError, type ErrorSite } from "../error/FaunaError";
import { Ref, type ObjectValue, type Timestamp, type Value } from "../language/values";
import type { NativeCollectionId } from "../language/values";
import type { StoredVersion } from "../store/codec";
import type { DatabaseId } from "../store/keys";
import type { QueryContext } from "../evaluation/context";
import { isWithin } from "../evaluation/databases";
import { valuesEqual } from "../evaluation/equality";
import type { ResolvedIndex } from "../evaluation/indexing";
import type { CollectionInfo, ResolvedDocument } from "../evaluation/refs";
import { isRoleResource, policiesFor, policyAllows, roleTable, type PredicateArgument } from "./roles";

export type ActionName = "read" | "write" | "create" | "create_with_id" | "delete" | "history_read" | "history_write" | "unrestricted_read" | "call";

type LegacyField = "read" | "write" | "create" | "call";

export interface Action {
  readonly name: ActionName;
  /** The database the target lives in. */
  readonly db: DatabaseId;
  /** What privileges name: the collection for document actions, the index, the function, `Collections()` for a native listing. */
  readonly resource: Ref;
  /** Keys, databases, roles and access providers: beyond server keys and predicates. */
  readonly rootClass: boolean;
  /** What a predicate is given. */
  readonly argument: PredicateArgument;
  /** For an identity's own tokens and credentials: the identity the target belongs to. */
  readonly owner?: () => Value | undefined;
  /** The legacy `permissions` that decide where no role names the resource. */
  readonly legacy?: { readonly holder: () => ObjectValue | undefined; readonly field: LegacyField };
}

const rootClasses: ReadonlySet<string> = new Set<NativeCollectionId>(["databases", "keys", "roles", "access_providers"]);
const writingActions: ReadonlySet<ActionName> = new Set(["write", "create", "create_with_id", "delete", "history_write"]);

const legacyFields: Record<ActionName, LegacyField | undefined> = {
  read: "read",
  history_read: "read",
  unrestricted_read: undefined,
  write: "write",
  delete: "write",
  history_write: "write",
  create: "create",
  create_with_id: "create",
  call: "call",
};

function isIndexRead(action: Action): boolean {
  return action.resource.collection?.isNative === true && action.resource.collection.id === "indexes";
}

function builtinAllows(ctx: QueryContext, role: string, action: Action): boolean {
  if (role === "client" || action.name === "unrestricted_read") return false;
  if (role !== "admin" && action.rootClass) return false;
  if (role === "server-readonly" && (writingActions.has(action.name) || action.name === "call")) return false;
  if (action.db === ctx.database) return true;
  return !writingActions.has(action.name) && isWithin(ctx, action.db, ctx.database);
}

function predicateRightsAllow(ctx: QueryContext, action: Action): boolean {
  switch (action.name) {
    case "unrestricted_read":
      return true;
    case "call":
      return action.db === ctx.database;
    case "read":
      return !isIndexRead(action) && !action.rootClass && isWithin(ctx, action.db, ctx.database);
    default:
      return false;
  }
}

/** Legacy permissions: "public" for anyone, a document for its tokens, a collection for its documents' tokens. */
function legacyAllows(ctx: QueryContext, action: Action): boolean {
  const rule = action.legacy;
  if (!rule || action.db !== ctx.database || isRoleResource(ctx, action.db, action.resource)) return false;
  const permissions = rule.holder()?.get("permissions");
  const granted = permissions instanceof Map ? permissions.get(rule.field) : undefined;
  if (granted === "public") return true;
  const identity = ctx.access.identity;
  if (!(granted instanceof Ref) || !identity) return false;
  return valuesEqual(granted, identity) || (identity.collection !== undefined && valuesEqual(granted, identity.collection));
}

export function allows(ctx: QueryContext, action: Action): boolean {
  const { access } = ctx;
  const { grants } = access;
  switch (grants.kind) {
    case "builtin":
      return builtinAllows(ctx, grants.role, action) || (grants.role === "client" && legacyAllows(ctx, action));
    case "predicate":
      return predicateRightsAllow(ctx, action);
    case "roles":
    case "identity": {
      if (action.db !== access.database) return false;
      if (grants.kind === "identity" && action.owner && access.identity && valuesEqual(action.owner() ?? null, access.identity)) return true;
      const policies = policiesFor(roleTable(ctx, access.database, grants.roles), action.resource, action.name);
      return policyAllows(ctx, access, policies, action.argument) || legacyAllows(ctx, action);
    }
  }
}

export function requirePermission(ctx: QueryContext, action: Action, site: ErrorSite): void {
  if (!allows(ctx, action)) throw queryError(Errors.permissionDenied, site);
}

function isRootClass(collection: CollectionInfo): boolean {
  return collection.native !== undefined && rootClasses.has(collection.native.id);
}

/** Tokens and credentials belong to their `instance`: an identity may read (and delete its tokens) without a role. */
function ownerOf(name: ActionName, document: ResolvedDocument, version: StoredVersion | undefined): (() => Value | undefined) | undefined {
  const native = document.collection.native?.id;
  const owned = (native === "tokens" && (name === "read" || name === "delete")) || (native === "credentials" && name === "read");
  return owned ? () => version?.fields.get("instance") : undefined;
}

/** An action on one document (its collection's privileges decide). */
export function documentAction(name: ActionName, document: ResolvedDocument, argument: PredicateArgument, version?: StoredVersion): Action {
  const collection = document.collection;
  const field = legacyFields[name];
  return {
    name,
    db: collection.db,
    resource: collection.ref,
    rootClass: isRootClass(collection),
    argument,
    owner: ownerOf(name, document, version),
    legacy: collection.schema && field ? { holder: () => collection.schema!.fields, field } : undefined,
  };
}

/** Creating a document in a collection. */
export function createAction(collection: CollectionInfo, ref: Ref | undefined, fields: ObjectValue): Action {
  return {
    name: ref ? "create_with_id" : "create",
    db: collection.db,
    resource: collection.ref,
    rootClass: isRootClass(collection),
    argument: (arity) => (ref && arity !== undefined ? [fields, ref] : fields),
    legacy: collection.schema ? { holder: () => collection.schema!.fields, field: "create" } : undefined,
  };
}

/** Reading every document of a collection, unfiltered (`Documents(…)`). */
export function collectionReadAction(collection: CollectionInfo): Action {
  return { name: "unrestricted_read", db: collection.db, resource: collection.ref, rootClass: isRootClass(collection), argument: () => null };
}

/** Listing a native collection (`Paginate(Tokens())`): a read of `Collections()`, given the native collection. */
export function listingAction(collection: CollectionInfo): Action {
  return { name: "read", db: collection.db, resource: Ref.native("collections"), rootClass: isRootClass(collection), argument: () => collection.ref };
}

/**
 * Reading an index's entries: `read` (entries then filtered document by
 * document) or `unrestricted_read`. A legacy `read` permission on an index
 * gives its entries whole, covered values and all (the Tokens page's
 * `permissions: { read: 'public' }`).
 */
export function indexAction(name: "read" | "unrestricted_read", index: ResolvedIndex, terms: readonly Value[], fields: ObjectValue | undefined): Action {
  return { name, db: index.db, resource: index.ref, rootClass: false, argument: () => [...terms], legacy: { holder: () => fields, field: "read" } };
}

/** Calling a user-defined function. */
export function callAction(db: DatabaseId, ref: Ref, fields: ObjectValue, args: Value): Action {
  return { name: "call", db, resource: ref, rootClass: false, argument: () => args, legacy: { holder: () => fields, field: "call" } };
}

export function readAction(document: ResolvedDocument, version?: StoredVersion): Action {
  return documentAction("read", document, () => document.ref, version);
}

/** Update and Replace: a predicate gets the old and new fields (and the ref, when it takes three parameters). */
export function writeAction(document: ResolvedDocument, before: ObjectValue, after: ObjectValue): Action {
  return documentAction("write", document, (arity) => (arity === 3 ? [before, after, document.ref] : [before, after]));
}

export function deleteAction(document: ResolvedDocument, version?: StoredVersion): Action {
  return documentAction("delete", document, () => document.ref, version);
}

export function historyReadAction(document: ResolvedDocument): Action {
  return documentAction("history_read", document, () => document.ref);
}

/** Insert and Remove: a predicate gets the ref, the event's time, its action and its data. */
export function historyWriteAction(document: ResolvedDocument, ts: Timestamp, event: string, data: Value): Action {
  return documentAction("history_write", document, () => [document.ref, ts, event, data]);
}

/**
 * Creating a document: with an id of one's choosing, `create_with_id` — or,
 * as Fauna fell back, both `create` and a `history_write` of its creation.
 */
export function createAllowed(ctx: QueryContext, document: ResolvedDocument, fields: ObjectValue, givenId: boolean): boolean {
  if (!givenId) return allows(ctx, createAction(document.collection, undefined, fields));
  return (
    allows(ctx, createAction(document.collection, document.ref, fields)) ||
    (allows(ctx, createAction(document.collection, undefined, fields)) && allows(ctx, historyWriteAction(document, ctx.now, "create", fields)))
  );
}
