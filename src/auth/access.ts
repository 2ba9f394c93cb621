/**
 * Who a query runs as: the database it sees as its own, what it may do there,
 * and where its rights came from (the root secret, a key, a token), which
 * `CurrentIdentity()`, `CurrentToken()` and `Logout` report on.
 */
import type { Ref } from "../language/values";
import { ROOT_DATABASE, type DatabaseId } from "../store/keys";
import type { BuiltinRole } from "../schema/kinds";

export type Grants =
  /** A built-in key role (the root secret is an admin). */
  | { readonly kind: "builtin"; readonly role: BuiltinRole }
  /** User-defined roles, by name, in the query's database: a key with roles, `@role/…`, a function with a role. */
  | { readonly kind: "roles"; readonly roles: readonly string[] }
  /** An identity (a token, `@doc/…`): what every identity may do with its own tokens and credentials, and its roles. */
  | { readonly kind: "identity"; readonly roles: readonly string[] }
  /** What role predicates run with: reads of everything but keys, databases, roles and access providers. */
  | { readonly kind: "predicate" };

export interface Access {
  /** The database the query sees as its own; refs without a scope are in it. */
  readonly database: DatabaseId;
  readonly grants: Grants;
  /** The identity document, as seen from `database`. */
  readonly identity?: Ref;
  /** The token the query runs with. */
  readonly token?: Ref;
  /** The key the query runs with, and the database its document is kept in. */
  readonly key?: { readonly ref: Ref; readonly db: DatabaseId };
  /** Whether the rights came from the root secret. */
  readonly root?: boolean;
}

export const ROOT_ACCESS: Access = { database: ROOT_DATABASE, grants: { kind: "builtin", role: "admin" }, root: true };
