/**
 * The tree of databases: which database holds which, under what name, with
 * what global id. Keys and scoped secrets name databases by path, token
 * secrets by global id, and a query shows a descendant's refs with the path
 * that leads there.
 */
import { Ref, type NativeCollectionId, type Value } from "../language/values";
import { nativeCollection } from "../schema/native";
import { ROOT_DATABASE, type DatabaseId } from "../store/keys";
import type { QueryContext } from "./context";
import { refEquals } from "./equality";
import { internalIdOf, schemaDocument } from "./refs";

interface DatabaseNode {
  readonly parent: DatabaseId;
  readonly name: string;
}

interface DatabaseTree {
  readonly nodes: ReadonlyMap<DatabaseId, DatabaseNode>;
  readonly byGlobalId: ReadonlyMap<bigint, DatabaseId>;
}

function databaseTree(ctx: QueryContext): DatabaseTree {
  return ctx.schemaMemo("databases/tree", () => {
    const nodes = new Map<DatabaseId, DatabaseNode>();
    const byGlobalId = new Map<bigint, DatabaseId>([[ctx.databaseGlobalId(ROOT_DATABASE), ROOT_DATABASE]]);
    const visit = (parent: DatabaseId) => {
      for (const [name, version] of ctx.documents.scan(parent, nativeCollection("databases").internalId)) {
        const id = internalIdOf(version);
        nodes.set(id, { parent, name });
        byGlobalId.set(ctx.databaseGlobalId(id), id);
        visit(id);
      }
    };
    visit(ROOT_DATABASE);
    return { nodes, byGlobalId };
  });
}

/** The child database `name` of `parent`, if there is one. */
export function childDatabase(ctx: QueryContext, parent: DatabaseId, name: string): DatabaseId | undefined {
  const schema = schemaDocument(ctx, parent, "databases", name);
  return schema && internalIdOf(schema);
}

/** The database a token secret names by its global id. */
export function databaseWithGlobalId(ctx: QueryContext, globalId: bigint): DatabaseId | undefined {
  return databaseTree(ctx).byGlobalId.get(globalId);
}

/** Whether `db` is `ancestor` or lies somewhere below it. */
export function isWithin(ctx: QueryContext, db: DatabaseId, ancestor: DatabaseId): boolean {
  const { nodes } = databaseTree(ctx);
  for (let current: DatabaseId | undefined = db; current !== undefined; current = nodes.get(current)?.parent) {
    if (current === ancestor) return true;
  }
  return false;
}

/** `Database("b", Database("a"))` for a database `b` in `a` in `from`; undefined for `from` itself. */
export function databaseRefFrom(ctx: QueryContext, from: DatabaseId, db: DatabaseId): Ref | undefined {
  if (db === from) return undefined;
  const node = databaseTree(ctx).nodes.get(db);
  if (!node) throw new Error(`Database ${db} is not below database ${from}.`);
  return Ref.schema("databases", node.name, databaseRefFrom(ctx, from, node.parent));
}

/** A database chain with `path` as the place its outermost database is in. */
function within(chain: Ref | undefined, path: Ref): Ref {
  return chain ? new Ref(chain.id, chain.collection, within(chain.database, path)) : path;
}

/** Whether a ref's scope is its own database chain (native collections and schema documents), rather than its collection's. */
function scopedByItself(ref: Ref): boolean {
  return !ref.collection || (ref.collection.isNative && nativeCollection(ref.collection.id as NativeCollectionId).named);
}

/** A ref stored in a database, as seen from a database `path` leads down from. */
function refSeenFrom(ref: Ref, path: Ref): Ref {
  if (scopedByItself(ref)) return new Ref(ref.id, ref.collection, within(ref.database, path));
  return new Ref(ref.id, refSeenFrom(ref.collection!, path), ref.database);
}

/** `chain` with `path` taken off where `within` put it; false when `chain` does not lie in `path`. */
function outOf(chain: Ref | undefined, path: Ref): Ref | undefined | false {
  if (!chain) return false;
  if (refEquals(chain, path)) return undefined;
  const inner = outOf(chain.database, path);
  return inner === false ? false : new Ref(chain.id, chain.collection, inner);
}

/** A ref as seen from a database `path` leads down from, as the database at the end of `path` stores it; false when it names nothing there. */
function refStoredFrom(ref: Ref, path: Ref): Ref | false {
  if (scopedByItself(ref)) {
    const database = outOf(ref.database, path);
    return database === false ? false : new Ref(ref.id, ref.collection, database);
  }
  const collection = refStoredFrom(ref.collection!, path);
  return collection === false ? false : new Ref(ref.id, collection, ref.database);
}

/** Every ref in a value (in arrays and objects, where stored values keep refs), rewritten. */
function mapRefs(value: Value, rewrite: (ref: Ref) => Ref): Value {
  if (value instanceof Ref) return rewrite(value);
  if (Array.isArray(value)) return value.map((element) => mapRefs(element, rewrite));
  if (value instanceof Map) return new Map([...value].map(([key, entry]) => [key, mapRefs(entry, rewrite)]));
  return value;
}

/** A value stored in database `db`, with its refs as a query in the current database names them. */
export function seenFromQuery(ctx: QueryContext, db: DatabaseId, value: Value): Value {
  if (db === ctx.database) return value;
  const path = databaseRefFrom(ctx, ctx.database, db)!;
  return mapRefs(value, (ref) => refSeenFrom(ref, path));
}

/**
 * The other way round from `seenFromQuery`: a value with its refs as a query
 * in the current database names them, as database `db` stores it; or the
 * first ref in it that names nothing in `db`.
 */
export function storedFromQuery(ctx: QueryContext, db: DatabaseId, value: Value): { stored: Value } | { outside: Ref } {
  if (db === ctx.database) return { stored: value };
  const path = databaseRefFrom(ctx, ctx.database, db)!;
  let outside: Ref | undefined;
  const stored = mapRefs(value, (ref) => {
    const inside = refStoredFrom(ref, path);
    outside ??= inside === false ? ref : undefined;
    return inside === false ? ref : inside;
  });
  return outside ? { outside } : { stored };
}
