/**
 * What every kind of credential may do: each credential × each action, with
 * the real result when allowed and Fauna's exact refusal when not.
 *
 * Built-in key roles, as Fauna v4 had them
 * (https://docs.fauna.com/fauna/v4/security/keys,
 * https://docs.fauna.com/fauna/v4/security/roles):
 *  - admin: everything in its database (keys, roles, child databases
 *    included) and reads in the databases below it;
 *  - server: the same but for keys, roles, databases and access providers;
 *    it may make functions that run as admin, as Fauna's documentation says;
 *  - server-readonly: the reads of a server key, nothing else, calls included;
 *  - client: only what legacy `permissions` make public (here: nothing).
 * Tokens and keys with user-defined roles get what their roles grant, in
 * their own database only (https://docs.fauna.com/fauna/v4/security/abac);
 * an identity no role names gets nothing but its own tokens and credentials.
 * Anyone may log in with a password (https://docs.fauna.com/fauna/v4/api/fql/functions/login).
 */
import type { Page, Ref, Value } from "../../src/language/values";
import { denied, openWorld, outcome, USER_PASSWORD, type Outcome, type Place, type World } from "./world";

/** What a credential acts as: a built-in role, an identity without a role, or the user-defined role `editor`. */
type Profile = "admin" | "server" | "server-readonly" | "client" | "identity" | "editor";

interface Credential {
  readonly kind: string;
  readonly actsAs: Profile;
  /** The database it acts in: the same schema either way. */
  readonly place: Place;
  readonly secret: (world: World) => string;
}

const CREDENTIALS: readonly Credential[] = [
  { kind: "the root secret", actsAs: "admin", place: "top", secret: () => "secret" },
  { kind: "an admin key", actsAs: "admin", place: "top", secret: (w) => w.secrets.top.keys.admin },
  { kind: "a server key", actsAs: "server", place: "top", secret: (w) => w.secrets.top.keys.server },
  { kind: "a server-readonly key", actsAs: "server-readonly", place: "top", secret: (w) => w.secrets.top.keys["server-readonly"] },
  { kind: "a client key", actsAs: "client", place: "top", secret: (w) => w.secrets.top.keys.client },
  { kind: "a key with a user-defined role", actsAs: "editor", place: "top", secret: (w) => w.secrets.top.keys.editor },
  { kind: "a token of a document no role names", actsAs: "identity", place: "top", secret: (w) => w.secrets.top.userToken },
  { kind: "a token of a member of a user-defined role", actsAs: "editor", place: "top", secret: (w) => w.secrets.top.editorToken },
  { kind: "the root secret scoped to a child as server (secret:sub:server)", actsAs: "server", place: "sub", secret: () => "secret:sub:server" },
  { kind: "an admin key scoped to a child as server-readonly (key:sub:server-readonly)", actsAs: "server-readonly", place: "sub", secret: (w) => `${w.secrets.top.keys.admin}:sub:server-readonly` },
  { kind: "an admin key scoped to a role (key:@role/editor)", actsAs: "editor", place: "top", secret: (w) => `${w.secrets.top.keys.admin}:@role/editor` },
  { kind: "a server key scoped to a member document (key:@doc/editors/1)", actsAs: "editor", place: "top", secret: (w) => `${w.secrets.top.keys.server}:@doc/editors/1` },
  { kind: "an admin key made in a child database", actsAs: "admin", place: "sub", secret: (w) => w.secrets.sub.keys.admin },
  { kind: "a client key made in a child database", actsAs: "client", place: "sub", secret: (w) => w.secrets.sub.keys.client },
  { kind: "a token made in a child database", actsAs: "editor", place: "sub", secret: (w) => w.secrets.sub.editorToken },
];

/** A field of a document or page, by path. */
function field(value: Value, ...path: string[]): Value {
  return path.reduce<Value>((current, name) => (current as Map<string, Value>).get(name)!, value);
}

const title = (value: Value) => field(value, "data", "title");
const note = (value: Value) => field(value, "data", "note");
const name = (value: Value) => field(value, "name");
const page = (value: Value) => (value as Page).data;
const pageIds = (value: Value) => page(value).map((ref) => (ref as Ref).id);
const newSecret = (prefix: string) => (value: Value) => (field(value, "secret") as string).startsWith(prefix);

interface Action {
  readonly name: string;
  readonly query: (world: World, place: Place) => string;
  /** Those it is allowed for, and what their result shows. */
  readonly allowedFor: readonly Profile[];
  readonly shown: (value: Value) => unknown;
  readonly result: unknown;
  /** What everyone else gets: Fauna's refusal where it pointed, or another answer. */
  readonly otherwise: Outcome | { readonly shown: unknown };
}

const ADMIN: readonly Profile[] = ["admin"];
const WRITERS: readonly Profile[] = ["admin", "server"];
const READERS: readonly Profile[] = ["admin", "server", "server-readonly"];
const EDITORS: readonly Profile[] = ["admin", "server", "editor"];
const POST_READERS: readonly Profile[] = [...READERS, "editor"];
const EVERYONE: readonly Profile[] = ["admin", "server", "server-readonly", "client", "identity", "editor"];

// Reads come first: later actions create and delete posts.
const ACTIONS: readonly Action[] = [
  { name: "read a document", query: () => `Get(Ref(Collection("posts"), "1"))`, allowedFor: POST_READERS, shown: title, result: "first", otherwise: denied([]) },
  { name: "read a document as it was (At)", query: (w, place) => `At(${w.beforeUpdate[place]}, Get(Ref(Collection("posts"), "4")))`, allowedFor: POST_READERS, shown: title, result: "old", otherwise: denied(["expr"]) },
  {
    name: "read a document's history (Events)",
    query: () => `Paginate(Events(Ref(Collection("posts"), "1")))`,
    allowedFor: POST_READERS,
    shown: (value) => page(value).map((event) => field(event, "action")),
    result: ["create"],
    otherwise: denied(["paginate"]),
  },
  { name: "paginate an index", query: () => `Paginate(Match(Index("post_titles")))`, allowedFor: POST_READERS, shown: page, result: ["first", "new", "second", "third"], otherwise: denied(["paginate"]) },
  // What a secret may not read is left out of a collection's documents, rather than refused.
  { name: "paginate a collection", query: () => `Paginate(Documents(Collection("posts")))`, allowedFor: POST_READERS, shown: pageIds, result: ["1", "2", "3", "4"], otherwise: { shown: [] } },
  { name: "list keys", query: () => `Paginate(Keys())`, allowedFor: ADMIN, shown: (value) => page(value).length, result: 5, otherwise: denied(["paginate"]) },
  { name: "list tokens", query: () => `Paginate(Tokens())`, allowedFor: READERS, shown: (value) => page(value).length, result: 2, otherwise: denied(["paginate"]) },
  { name: "list credentials", query: () => `Paginate(Credentials())`, allowedFor: READERS, shown: (value) => page(value).length, result: 2, otherwise: denied(["paginate"]) },
  { name: "list child databases", query: () => `Paginate(Databases())`, allowedFor: ADMIN, shown: pageIds, result: ["sub"], otherwise: denied(["paginate"]) },
  { name: "read a document in a child database", query: () => `Get(Ref(Collection("posts", Database("sub")), "1"))`, allowedFor: READERS, shown: title, result: "first", otherwise: denied([]) },
  { name: "create a document", query: () => `Create(Collection("posts"), { data: { title: "made" } })`, allowedFor: EDITORS, shown: title, result: "made", otherwise: denied(["create"]) },
  // `create` alone does not give an id of one's choosing: that takes `create_with_id` (or `history_write`).
  { name: "create a document with a chosen id", query: () => `Create(Ref(Collection("posts"), "100"), { data: { title: "chosen" } })`, allowedFor: WRITERS, shown: title, result: "chosen", otherwise: denied(["create"]) },
  { name: "update a document", query: () => `Update(Ref(Collection("posts"), "2"), { data: { title: "edited" } })`, allowedFor: EDITORS, shown: title, result: "edited", otherwise: denied([]) },
  { name: "delete a document", query: () => `Delete(Ref(Collection("posts"), "3"))`, allowedFor: EDITORS, shown: title, result: "third", otherwise: denied([]) },
  {
    name: "write a document in a child database",
    query: () => `Update(Ref(Collection("posts", Database("sub")), "1"), { data: { title: "x" } })`,
    allowedFor: [],
    shown: title,
    result: undefined,
    otherwise: { status: 400, errors: [{ position: ["update"], code: "invalid argument", description: "Cannot write a scoped ref." }] },
  },
  { name: "create a collection", query: () => `CreateCollection({ name: "made" })`, allowedFor: WRITERS, shown: name, result: "made", otherwise: denied(["create_collection"]) },
  { name: "update a collection", query: () => `Update(Collection("posts"), { data: { note: "edited" } })`, allowedFor: WRITERS, shown: note, result: "edited", otherwise: denied([]) },
  { name: "delete a collection", query: () => `Delete(Collection("spare"))`, allowedFor: WRITERS, shown: name, result: "spare", otherwise: denied([]) },
  { name: "create an index", query: () => `CreateIndex({ name: "made_index", source: Collection("posts") })`, allowedFor: WRITERS, shown: name, result: "made_index", otherwise: denied(["create_index"]) },
  { name: "update an index", query: () => `Update(Index("post_titles"), { data: { note: "edited" } })`, allowedFor: WRITERS, shown: note, result: "edited", otherwise: denied([]) },
  { name: "delete an index", query: () => `Delete(Index("spare_index"))`, allowedFor: WRITERS, shown: name, result: "spare_index", otherwise: denied([]) },
  { name: "create a function", query: () => `CreateFunction({ name: "made_fn", body: Query(Lambda("x", Var("x"))) })`, allowedFor: WRITERS, shown: name, result: "made_fn", otherwise: denied(["create_function"]) },
  {
    name: "create a function that runs as admin",
    query: () => `CreateFunction({ name: "as_admin", body: Query(Lambda("x", Var("x"))), role: "admin" })`,
    allowedFor: WRITERS,
    shown: (value) => [name(value), field(value, "role")],
    result: ["as_admin", "admin"],
    otherwise: denied(["create_function"]),
  },
  { name: "update a function", query: () => `Update(Function("double"), { data: { note: "edited" } })`, allowedFor: WRITERS, shown: note, result: "edited", otherwise: denied([]) },
  { name: "delete a function", query: () => `Delete(Function("spare_fn"))`, allowedFor: WRITERS, shown: name, result: "spare_fn", otherwise: denied([]) },
  { name: "create a role", query: () => `CreateRole({ name: "made_role", privileges: [] })`, allowedFor: ADMIN, shown: name, result: "made_role", otherwise: denied(["create_role"]) },
  { name: "update a role", query: () => `Update(Role("spare_role"), { data: { note: "edited" } })`, allowedFor: ADMIN, shown: note, result: "edited", otherwise: denied([]) },
  { name: "delete a role", query: () => `Delete(Role("doomed_role"))`, allowedFor: ADMIN, shown: name, result: "doomed_role", otherwise: denied([]) },
  {
    name: "create a key",
    query: () => `CreateKey({ role: "server" })`,
    allowedFor: ADMIN,
    shown: (value) => [field(value, "role"), newSecret("fnA")(value)],
    result: ["server", true],
    otherwise: denied(["create_key"]),
  },
  {
    name: "create a token",
    query: () => `Create(Tokens(), { instance: Ref(Collection("users"), "1") })`,
    allowedFor: WRITERS,
    shown: (value) => [(field(value, "instance") as Ref).id, newSecret("fnE")(value)],
    result: ["1", true],
    otherwise: denied(["create"]),
  },
  { name: "create a child database", query: () => `CreateDatabase({ name: "made_db" })`, allowedFor: ADMIN, shown: name, result: "made_db", otherwise: denied(["create_database"]) },
  { name: "call a function", query: () => `Call(Function("double"), 21)`, allowedFor: EDITORS, shown: (value) => value, result: 42n, otherwise: denied([]) },
  { name: "call a function of a child database", query: () => `Call(Function("double", Database("sub")), 21)`, allowedFor: WRITERS, shown: (value) => value, result: 42n, otherwise: denied([]) },
  {
    name: "log in with a password",
    query: () => `Login(Ref(Collection("users"), "1"), { password: "${USER_PASSWORD}" })`,
    allowedFor: EVERYONE,
    shown: (value) => [(field(value, "instance") as Ref).id, newSecret("fnE")(value)],
    result: ["1", true],
    otherwise: denied(["login"]),
  },
];

/** What the cell should show: the projected result, or the whole refusal. */
function expected(action: Action, credential: Credential): unknown {
  if (action.allowedFor.includes(credential.actsAs)) return { shown: action.result };
  return action.otherwise;
}

function actual(action: Action, result: Outcome): unknown {
  return "value" in result ? { shown: action.shown(result.value) } : result;
}

describe.each(CREDENTIALS)("$kind", (credential) => {
  let world: World;
  beforeAll(async () => {
    world = await openWorld();
  });
  afterAll(async () => {
    await world.db.close();
  });

  test.each(ACTIONS)("$name", async (action) => {
    const result = await outcome(world.db, action.query(world, credential.place), credential.secret(world));
    expect(actual(action, result)).toEqual(expected(action, credential));
  });
});

test("the matrix covers every credential kind and every action", () => {
  expect({ credentials: CREDENTIALS.length, actions: ACTIONS.length, cells: CREDENTIALS.length * ACTIONS.length }).toEqual({ credentials: 15, actions: 34, cells: 510 });
});
