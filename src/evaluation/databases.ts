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

/** A ref stored in a database, as seen from a database `path` leads down from. */
function refSeenFrom(ref: Ref, path: Ref): Ref {
  // The scope sits on a native collection or a schema document; a document of a collection takes its collection's.
  if (!ref.collection || (ref.collection.isNative && nativeCollection(ref.collection.id as NativeCollectionId).named)) return new Ref(ref.id, ref.collection, within(ref.database, path));
  return new Ref(ref.id, refSeenFrom(ref.collection, path), ref.database);
}

/** A value stored in database `db`, with its refs as a query in the current database names them. */
export function seenFromQuery(ctx: QueryContext, db: DatabaseId, value: Value): Value {
  if (db === ctx.database) return value;
  const path = databaseRefFrom(ctx, ctx.database, db)!;
  const visit = (inner: Value): Value => {
    if (inner instanceof Ref) return refSeenFrom(inner, path);
    if (Array.isArray(inner)) return inner.map(visit);
    if (inner instanceof Map) return new Map([...inner].map(([key, entry]) => [key, visit(entry)]));
    return inner;
  };
  return visit(value);
}
