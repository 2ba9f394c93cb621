import type { Engine } from "../../src/engine";
import { FaunaError } from "../../src/error/FaunaError";
import { errorJson, failure, secretOf, value, wire, withDb } from "../helpers";

const DENIED = { code: "permission denied", description: "Insufficient privileges to perform the action." };
const roles = ["admin", "server", "server-readonly", "client"] as const;

async function schema(db: Engine): Promise<void> {
  await db.query(`CreateCollection({ name: "users" })`);
  await db.query(`CreateCollection({ name: "posts" })`);
  await db.query(`CreateFunction({ name: "double", body: Query(Lambda("x", Multiply(2, Var("x")))) })`);
  await db.query(`Foreach([["1", "alice"], ["2", "bob"]], (id, name) => Create(Ref(Collection("users"), id), { credentials: { password: name }, data: { name: name } }))`);
}

/** Whether a query succeeds for this secret, or is refused with `permission denied`. */
async function allowed(db: Engine, query: string, secret: string): Promise<boolean> {
  try {
    await db.query(query, { secret });
    return true;
  } catch (error) {
    if (error instanceof FaunaError && error.code === "permission denied") return false;
    throw error;
  }
}

describe("built-in key roles", () => {
  // Each operation gets a number, so that no two share a document.
  const operations: [string, (n: number) => string, boolean[]][] = [
    ["read a document", (n) => `Get(Ref(Collection("posts"), "${n}"))`, [true, true, true, false]],
    ["read a document's history", (n) => `Paginate(Events(Ref(Collection("posts"), "${n}")))`, [true, true, true, false]],
    ["update a document", (n) => `Update(Ref(Collection("posts"), "${n}"), { data: { seen: true } })`, [true, true, false, false]],
    ["create a document", (n) => `Create(Ref(Collection("posts"), "${100 + n}"), {})`, [true, true, false, false]],
    ["delete a document", (n) => `Delete(Ref(Collection("posts"), "${n}"))`, [true, true, false, false]],
    ["insert into a document's history", (n) => `Insert(Ref(Collection("posts"), "${n}"), 1, "update", { data: {} })`, [true, true, false, false]],
    ["create a collection", (n) => `CreateCollection({ name: "c${n}" })`, [true, true, false, false]],
    ["create an index", (n) => `CreateIndex({ name: "i${n}", source: Collection("posts") })`, [true, true, false, false]],
    ["read tokens", () => `Paginate(Tokens())`, [true, true, true, false]],
    ["create a token", () => `Create(Tokens(), { instance: Ref(Collection("users"), "1") })`, [true, true, false, false]],
    ["call a function", () => `Call(Function("double"), 2)`, [true, true, false, false]],
    ["create a key", () => `CreateKey({ role: "client" })`, [true, false, false, false]],
    ["list keys", () => `Paginate(Keys())`, [true, false, false, false]],
    ["create a database", (n) => `CreateDatabase({ name: "d${n}" })`, [true, false, false, false]],
    ["list databases", () => `Paginate(Databases())`, [true, false, false, false]],
    ["create a role", (n) => `CreateRole({ name: "r${n}" })`, [true, false, false, false]],
  ];

  test.each(operations)("%s", async (_name, query, expected) => {
    await withDb(async (db) => {
      await schema(db);
      for (const [index, role] of roles.entries()) {
        await db.query(`Create(Ref(Collection("posts"), "${index}"), { data: { by: "root" } })`);
        const secret = await secretOf(db, `CreateKey({ role: "${role}" })`);
        expect({ role, allowed: await allowed(db, query(index), secret) }).toEqual({ role, allowed: expected[index] });
      }
    });
  });

  test("refusals say where: the write form, or the set being read", async () => {
    await withDb(async (db) => {
      await schema(db);
      const client = await secretOf(db, `CreateKey({ role: "client" })`);
      const server = await secretOf(db, `CreateKey({ role: "server" })`);
      expect(errorJson(await failure(db, `Create(Collection("posts"), {})`, { secret: client }))).toEqual([{ position: ["create"], ...DENIED }]);
      expect(errorJson(await failure(db, `Get(Ref(Collection("posts"), "404"))`, { secret: client }))).toEqual([{ position: [], ...DENIED }]);
      expect(errorJson(await failure(db, `Paginate(Keys())`, { secret: server }))).toEqual([{ position: ["paginate"], ...DENIED }]);
      // What a client key may not read does not exist for it, and a set of it is empty.
      expect(await value(db, `[Exists(Ref(Collection("users"), "1")), Select("data", Paginate(Documents(Collection("users"))))]`, { secret: client })).toEqual([false, []]);
    });
  });

  test("reads reach child databases, writes do not", async () => {
    await withDb(async (db) => {
      await db.query(`CreateDatabase({ name: "child" })`);
      await db.query(`CreateCollection({ name: "notes" })`, { secret: "secret:child:admin" });
      await db.query(`Create(Ref(Collection("notes"), "1"), {})`, { secret: "secret:child:admin" });
      const server = await secretOf(db, `CreateKey({ role: "server" })`);
      expect(await value(db, `Exists(Ref(Collection("notes", Database("child")), "1"))`, { secret: server })).toBe(true);
      expect((await failure(db, `Delete(Ref(Collection("notes", Database("child")), "1"))`, { secret: server })).description).toBe("Cannot write a scoped ref.");
    });
  });
});

describe("tokens and roles", () => {
  const ownPostsRole = `CreateRole({
    name: "author",
    membership: [{ resource: Collection("users") }],
    privileges: [{
      resource: Collection("posts"),
      actions: {
        read: Query(Lambda("ref", Equals(Select(["data", "author"], Get(Var("ref"))), CurrentIdentity()))),
        create: Query(Lambda("data", Equals(Select(["data", "author"], Var("data")), CurrentIdentity()))),
        write: Query(Lambda(["before", "after"], And(Equals(Select(["data", "author"], Var("before")), CurrentIdentity()), Equals(Select(["data", "author"], Var("after")), CurrentIdentity())))),
      },
    }],
  })`;

  test("a token without roles reads its own token and credentials, and nothing else", async () => {
    await withDb(async (db) => {
      await schema(db);
      const secret = await secretOf(db, `Login(Ref(Collection("users"), "1"), { password: "alice" })`);
      expect(await value(db, `Select("instance", Get(CurrentToken()))`, { secret })).toEqual(await value(db, `Ref(Collection("users"), "1")`));
      expect(await value(db, `Count(Credentials())`)).toBe(2n);
      expect(errorJson(await failure(db, `Get(CurrentIdentity())`, { secret }))).toEqual([{ position: [], ...DENIED }]);
      expect(errorJson(await failure(db, `Create(Collection("posts"), {})`, { secret }))).toEqual([{ position: ["create"], ...DENIED }]);
    });
  });

  test("an ABAC role lets a user read, write and create only their own posts", async () => {
    await withDb(async (db) => {
      await schema(db);
      await db.query(ownPostsRole);
      const alice = `Ref(Collection("users"), "1")`;
      const bob = `Ref(Collection("users"), "2")`;
      await db.query(`Create(Ref(Collection("posts"), "10"), { data: { author: ${alice}, text: "mine" } })`);
      await db.query(`Create(Ref(Collection("posts"), "20"), { data: { author: ${bob}, text: "his" } })`);
      const secret = await secretOf(db, `Login(${alice}, { password: "alice" })`);
      expect(await wire(db, `Select(["data", "text"], Get(Ref(Collection("posts"), "10")))`, { secret })).toBe(`"mine"`);
      expect(errorJson(await failure(db, `Get(Ref(Collection("posts"), "20"))`, { secret }))).toEqual([{ position: [], ...DENIED }]);
      expect(await value(db, `Count(Documents(Collection("posts")))`, { secret })).toBe(1n);
      await db.query(`Create(Collection("posts"), { data: { author: CurrentIdentity(), text: "new" } })`, { secret });
      expect(errorJson(await failure(db, `Create(Collection("posts"), { data: { author: ${bob} } })`, { secret }))).toEqual([{ position: ["create"], ...DENIED }]);
      await db.query(`Update(Ref(Collection("posts"), "10"), { data: { text: "edited" } })`, { secret });
      expect(errorJson(await failure(db, `Update(Ref(Collection("posts"), "10"), { data: { author: ${bob} } })`, { secret }))).toEqual([{ position: [], ...DENIED }]);
      expect(errorJson(await failure(db, `Update(Ref(Collection("posts"), "20"), { data: { text: "mine now" } })`, { secret }))).toEqual([{ position: [], ...DENIED }]);
    });
  });

  test("a membership predicate decides who is a member; a failing predicate denies", async () => {
    await withDb(async (db) => {
      await schema(db);
      await db.query(`Create(Ref(Collection("posts"), "1"), { data: { text: "hello" } })`);
      await db.query(`CreateRole({
        name: "readers",
        membership: [{ resource: Collection("users"), predicate: Query(Lambda("user", Equals(Select(["data", "name"], Get(Var("user"))), "alice"))) }],
        privileges: [{ resource: Collection("posts"), actions: { read: true } }, { resource: Collection("users"), actions: { read: Query(Lambda("ref", Abort("no"))) } }],
      })`);
      const alice = await secretOf(db, `Login(Ref(Collection("users"), "1"), { password: "alice" })`);
      const bob = await secretOf(db, `Login(Ref(Collection("users"), "2"), { password: "bob" })`);
      expect(await value(db, `Exists(Ref(Collection("posts"), "1"))`, { secret: alice })).toBe(true);
      expect(await value(db, `Exists(Ref(Collection("posts"), "1"))`, { secret: bob })).toBe(false);
      expect(errorJson(await failure(db, `Get(CurrentIdentity())`, { secret: alice }))).toEqual([{ position: [], ...DENIED }]);
    });
  });

  test("a function with a role runs with its rights; a client key may call it when its permissions make it public", async () => {
    await withDb(async (db) => {
      await schema(db);
      await db.query(`CreateFunction({ name: "user_count", body: Query(Lambda([], Count(Documents(Collection("users"))))), role: "server", permissions: { call: "public" } })`);
      await db.query(`CreateFunction({ name: "user_count_as_caller", body: Query(Lambda([], Count(Documents(Collection("users"))))), permissions: { call: "public" } })`);
      const client = await secretOf(db, `CreateKey({ role: "client" })`);
      expect(await value(db, `Call(Function("user_count"))`, { secret: client })).toBe(2n);
      // Without a role the body runs with the caller's rights: a client key sees no users.
      expect(await value(db, `Call(Function("user_count_as_caller"))`, { secret: client })).toBe(0n);
      expect(errorJson(await failure(db, `Call(Function("double"), 1)`, { secret: client }))).toEqual([{ position: [], ...DENIED }]);
    });
  });

  test("legacy permissions: public reads of an index or collection, reads by the tokens of a collection's documents", async () => {
    await withDb(async (db) => {
      await schema(db);
      await db.query(`CreateIndex({ name: "users_by_name", source: Collection("users"), terms: [{ field: ["data", "name"] }], values: [{ field: ["data", "name"] }], permissions: { read: "public" } })`);
      await db.query(`Update(Collection("posts"), { permissions: { read: Collection("users") } })`);
      await db.query(`Create(Ref(Collection("posts"), "1"), { data: { text: "hello" } })`);
      const client = await secretOf(db, `CreateKey({ role: "client" })`);
      expect(await value(db, `Select("data", Paginate(Match(Index("users_by_name"), "bob")))`, { secret: client })).toEqual(["bob"]);
      expect(await value(db, `Exists(Ref(Collection("posts"), "1"))`, { secret: client })).toBe(false);
      const token = await secretOf(db, `Login(Ref(Collection("users"), "1"), { password: "alice" })`);
      expect(await value(db, `Exists(Ref(Collection("posts"), "1"))`, { secret: token })).toBe(true);
      // A role that names the collection takes it out of legacy permissions.
      await db.query(`CreateRole({ name: "none", privileges: [{ resource: Collection("posts"), actions: { read: false } }] })`);
      expect(await value(db, `Exists(Ref(Collection("posts"), "1"))`, { secret: token })).toBe(false);
    });
  });
});
