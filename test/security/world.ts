/**
 * The database the security tests run against: the same schema in the top
 * database, in its child `sub` and in `sub`'s own child `sub`, so that a
 * credential acting in `sub` meets exactly what one acting in the top
 * database meets, and every action of a table reads the same everywhere.
 *
 * Each database holds posts (one to read, one to update, one to delete, one
 * with an older version), a spare collection, index, function and roles to
 * update or delete, users without a role and editors, who are members of the
 * role `editor`.
 */
import type { Engine } from "../../src/engine";
import { openEngine } from "../../src/engine";
import { FaunaError } from "../../src/error/FaunaError";
import type { Value } from "../../src/language/values";
import { errorJson, secretOf, testClock, value } from "../helpers";

export const USER_PASSWORD = "user password 1";
export const EDITOR_PASSWORD = "editor password 2";

/** What the role `editor` grants its members: posts, their index, and one function. */
const EDITOR_ROLE = `CreateRole({
  name: "editor",
  membership: [{ resource: Collection("editors") }],
  privileges: [
    { resource: Collection("posts"), actions: { read: true, write: true, create: true, delete: true, history_read: true } },
    { resource: Index("post_titles"), actions: { read: true } },
    { resource: Function("double"), actions: { call: true } }
  ]
})`;

const SCHEMA = [
  `CreateCollection({ name: "posts" })`,
  `Foreach([["1", "first"], ["2", "second"], ["3", "third"], ["4", "old"]], (id, title) => Create(Ref(Collection("posts"), id), { data: { title: title } }))`,
  `CreateCollection({ name: "spare" })`,
  `CreateCollection({ name: "users" })`,
  `Create(Ref(Collection("users"), "1"), { credentials: { password: "${USER_PASSWORD}" }, data: { name: "una" } })`,
  `CreateCollection({ name: "editors" })`,
  `Create(Ref(Collection("editors"), "1"), { credentials: { password: "${EDITOR_PASSWORD}" }, data: { name: "eda" } })`,
  `CreateIndex({ name: "post_titles", source: Collection("posts"), values: [{ field: ["data", "title"] }] })`,
  `CreateIndex({ name: "spare_index", source: Collection("posts") })`,
  `CreateFunction({ name: "double", body: Query(Lambda("x", Multiply(2, Var("x")))) })`,
  `CreateFunction({ name: "spare_fn", body: Query(Lambda("x", Var("x"))) })`,
  EDITOR_ROLE,
  `CreateRole({ name: "spare_role", privileges: [] })`,
  `CreateRole({ name: "doomed_role", privileges: [] })`,
];

/** The keys each database of the tree holds, by role: the same in the top database and in `sub`. */
export const KEY_ROLES = ["admin", "server", "server-readonly", "client", "editor"] as const;
export type KeyRole = (typeof KEY_ROLES)[number];

/** The secrets each database of the tree gives out. */
export interface Secrets {
  readonly keys: Record<KeyRole, string>;
  /** Tokens of users/1 (no role) and of editors/1 (a member of `editor`). */
  readonly userToken: string;
  readonly editorToken: string;
}

/** The two databases credentials act in: the top one, and its child `sub`. */
export type Place = "top" | "sub";

export interface World {
  readonly db: Engine;
  /** A time (µs) at which post 4's title was still "old" (it is "new" now), in each place. */
  readonly beforeUpdate: Record<Place, bigint>;
  readonly secrets: Record<Place, Secrets>;
}

/** The root secret scoped to a database of the tree: "" for the top one, "sub", "sub/sub". */
export function adminOf(path: string): string {
  return path === "" ? "secret" : `secret:${path}:admin`;
}

async function schemaIn(db: Engine, path: string, withChild: boolean): Promise<bigint> {
  const secret = adminOf(path);
  for (const query of SCHEMA) await db.query(query, { secret });
  const ts = (await value(db, `Select("ts", Get(Ref(Collection("posts"), "4")))`, { secret })) as bigint;
  await db.query(`Update(Ref(Collection("posts"), "4"), { data: { title: "new" } })`, { secret });
  if (withChild) await db.query(`CreateDatabase({ name: "sub" })`, { secret });
  return ts;
}

async function secretsOf(db: Engine, path: string): Promise<Secrets> {
  const secret = adminOf(path);
  const keys = {} as Record<KeyRole, string>;
  for (const role of KEY_ROLES) keys[role] = await secretOf(db, `CreateKey({ role: "${role}" })`, { secret });
  const login = (ref: string, password: string) => secretOf(db, `Login(${ref}, { password: "${password}" })`, { secret });
  return { keys, userToken: await login(`Ref(Collection("users"), "1")`, USER_PASSWORD), editorToken: await login(`Ref(Collection("editors"), "1")`, EDITOR_PASSWORD) };
}

/** A fresh temporary database with the schema at every level, and its secrets (removed on close). */
export async function openWorld(): Promise<World> {
  const db = await openEngine({ clock: testClock() });
  const beforeUpdate = { top: await schemaIn(db, "", true), sub: await schemaIn(db, "sub", true) };
  await schemaIn(db, "sub/sub", false);
  return { db, beforeUpdate, secrets: { top: await secretsOf(db, ""), sub: await secretsOf(db, "sub") } };
}

/** What a query gives, or the error it fails with (its wire form without the text location, and its status). */
export type Outcome = { readonly value: Value } | { readonly status: number; readonly errors: unknown[] };

export async function outcome(db: Engine, query: string, secret: string): Promise<Outcome> {
  try {
    return { value: (await db.query(query, { secret })).value };
  } catch (error) {
    if (error instanceof FaunaError) return { status: error.status, errors: errorJson(error) };
    throw error;
  }
}

/** Fauna's refusal of an action the secret may not take, at the position where it was refused. */
export function denied(position: (string | number)[]): Outcome {
  return { status: 403, errors: [{ position, code: "permission denied", description: "Insufficient privileges to perform the action." }] };
}

/** Fauna's answer to a secret it does not know, or no longer knows. */
export const UNAUTHORIZED: Outcome = { status: 401, errors: [{ code: "unauthorized", description: "Unauthorized" }] };
