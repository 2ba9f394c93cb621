import type { Engine } from "../../src/engine";
import type { Ref } from "../../src/language/values";
import { errorJson, failure, secretOf, value, wire, withDb } from "../helpers";

const HOUR = 3_600_000;

async function usersWithAlice(db: Engine): Promise<void> {
  await db.query(`CreateCollection({ name: "users" })`);
  await db.query(`Create(Ref(Collection("users"), "1"), { credentials: { password: "pw" }, data: { name: "Alice" } })`);
}

/** A secret is refused: 401 `unauthorized`, with no position, and nothing runs. */
async function expectRefused(db: Engine, secret: string, query = "1"): Promise<void> {
  const error = await failure(db, query, { secret });
  expect(error.status).toBe(401);
  expect(errorJson(error)).toEqual([{ code: "unauthorized", description: "Unauthorized" }]);
  expect(error.metrics).toBeUndefined();
}

describe("who a query runs as", () => {
  test("the root secret is the top database's admin; any other text is refused and nothing runs", async () => {
    await withDb(
      async (db) => {
        expect(await value(db, "Add(1, 2)", { secret: "root-of-it-all" })).toBe(3n);
        for (const secret of ["", "secret", "root-of-it-al", "fnAEXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"]) await expectRefused(db, secret, `CreateCollection({ name: "x" })`);
        expect(await value(db, `Exists(Collection("x"))`, { secret: "root-of-it-all" })).toBe(false);
      },
      { rootSecret: "root-of-it-all" },
    );
  });

  test("a key runs with its role in its database", async () => {
    await withDb(async (db) => {
      await usersWithAlice(db);
      const server = await secretOf(db, `CreateKey({ role: "server" })`);
      expect(await value(db, `Count(Documents(Collection("users")))`, { secret: server })).toBe(1n);
      expect(errorJson(await failure(db, `CreateKey({ role: "admin" })`, { secret: server }))).toEqual([
        { position: ["create_key"], code: "permission denied", description: "Insufficient privileges to perform the action." },
      ]);
    });
  });

  test("a token runs as its identity", async () => {
    await withDb(async (db) => {
      await usersWithAlice(db);
      const token = await secretOf(db, `Login(Ref(Collection("users"), "1"), { password: "pw" })`);
      expect(await wire(db, `[CurrentIdentity(), HasCurrentToken()]`, { secret: token })).toBe(
        `[{"@ref":{"id":"1","collection":{"@ref":{"id":"users","collection":{"@ref":{"id":"collections"}}}}}},true]`,
      );
      // Whatever follows a token's secret is ignored, as in Fauna.
      expect(await value(db, `HasCurrentIdentity()`, { secret: `${token}:admin` })).toBe(true);
    });
  });

  test("a token is refused at once when deleted, past its ttl, or when its identity is gone", async () => {
    await withDb(async (db, clock) => {
      await usersWithAlice(db);
      const login = (params = "") => secretOf(db, `Login(Ref(Collection("users"), "1"), { password: "pw" ${params} })`);
      const deleted = await login();
      await db.query(`Delete(Select("ref", KeyFromSecret("${deleted}")))`);
      await expectRefused(db, deleted);

      const expiring = await login(`, ttl: TimeAdd(Now(), 1, "hour")`);
      expect(await value(db, "1", { secret: expiring })).toBe(1n);
      // Writes move time on by a microsecond each: the ttl is a hair past an hour from the clock.
      clock.advance(HOUR + 1);
      await expectRefused(db, expiring);

      const orphaned = await login();
      await db.query(`Delete(Ref(Collection("users"), "1"))`);
      await expectRefused(db, orphaned);
    });
  });

  test("a key refused once deleted or past its ttl", async () => {
    await withDb(async (db, clock) => {
      const key = (await value(db, `CreateKey({ role: "server", ttl: TimeAdd(Now(), 1, "hour") })`)) as Map<string, unknown>;
      const secret = key.get("secret") as string;
      expect(await value(db, "1", { secret })).toBe(1n);
      clock.advance(HOUR + 1);
      await expectRefused(db, secret);
      expect(await value(db, `Exists(Ref(Keys(), "${(key.get("ref") as Ref).id}"))`)).toBe(false);

      const other = await secretOf(db, `CreateKey({ role: "admin" })`);
      await db.query(`Delete(Select("ref", KeyFromSecret("${other}")))`);
      await expectRefused(db, other);
    });
  });

  test("a key for a child database makes it the query's own; the parent is out of reach", async () => {
    await withDb(async (db) => {
      await db.query(`CreateDatabase({ name: "child" })`);
      const admin = await secretOf(db, `CreateKey({ database: Database("child"), role: "admin" })`);
      await db.query(`CreateCollection({ name: "notes" })`, { secret: admin });
      expect(await wire(db, `Paginate(Collections())`, { secret: admin })).toBe(`{"data":[{"@ref":{"id":"notes","collection":{"@ref":{"id":"collections"}}}}]}`);
      expect(await value(db, `Exists(Collection("notes"))`)).toBe(false);
      expect(await value(db, `Exists(Collection("notes", Database("child")))`)).toBe(true);
      // Keys kept in the parent are not the child's: it sees none, and CurrentToken has nothing to show.
      expect(await wire(db, `Paginate(Keys())`, { secret: admin })).toBe(`{"data":[]}`);
      expect(errorJson(await failure(db, `CurrentToken()`, { secret: admin }))).toEqual([{ position: [], code: "invalid token", description: "Token metadata is not accessible." }]);
    });
  });

  test("documents of a child read from its parent show their refs scoped to the child", async () => {
    await withDb(async (db) => {
      await db.query(`CreateDatabase({ name: "child" })`);
      const child = "secret:child:admin";
      await db.query(`CreateCollection({ name: "users" })`, { secret: child });
      await db.query(`Create(Ref(Collection("users"), "1"), { data: { friend: Ref(Collection("users"), "2") } })`, { secret: child });
      expect(await wire(db, `Select(["data", "friend"], Get(Ref(Collection("users", Database("child")), "1")))`)).toBe(
        `{"@ref":{"id":"2","collection":{"@ref":{"id":"users","collection":{"@ref":{"id":"collections"}},"database":{"@ref":{"id":"child","collection":{"@ref":{"id":"databases"}}}}}}}}`,
      );
    });
  });

  test("scoped secrets: the root and admin keys take any scope, a server key only a document of its own", async () => {
    await withDb(async (db) => {
      await db.query(`CreateDatabase({ name: "child" })`);
      await usersWithAlice(db);
      await db.query(`CreateRole({ name: "reader", privileges: [{ resource: Collection("users"), actions: { read: true } }] })`);
      const admin = await secretOf(db, `CreateKey({ role: "admin" })`);
      const server = await secretOf(db, `CreateKey({ role: "server" })`);
      const client = await secretOf(db, `CreateKey({ role: "client" })`);

      expect(await value(db, `Exists(Collection("users"))`, { secret: "secret:child:admin" })).toBe(false);
      expect(errorJson(await failure(db, `CreateCollection({ name: "c" })`, { secret: `${admin}:server-readonly` }))[0]).toMatchObject({ code: "permission denied" });
      expect(await wire(db, `Select(["data", "name"], Get(Ref(Collection("users"), "1")))`, { secret: `${admin}:@role/reader` })).toBe(`"Alice"`);
      expect(await wire(db, `CurrentIdentity()`, { secret: `${server}:@doc/users/1` })).toBe(
        `{"@ref":{"id":"1","collection":{"@ref":{"id":"users","collection":{"@ref":{"id":"collections"}}}}}}`,
      );

      for (const refused of [`${server}:admin`, `${server}:child:@doc/users/1`, `${client}:@doc/users/1`, `${admin}:nowhere:admin`, `${admin}:@role/nobody`, `${admin}:@doc/users/2`, `${admin}:adminx`]) {
        await expectRefused(db, refused);
      }
    });
  });
});
