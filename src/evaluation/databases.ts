/**
 * The tree of databases: which database holds which, under what name, with
 * what global id. Keys and scoped secrets name databases by path, token
 * secrets by global id, and a query shows a descendant's refs with the path
 * that leads there.
 */
import { Ref } from "../language/values";
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
