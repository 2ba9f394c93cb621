import { errorJson, failure, printed, value, withDb, wire } from "../helpers";
import type { Engine } from "../../src/engine";

/** Four users; alice and bob are developers. */
async function withUsers(body: (db: Engine) => Promise<void>) {
  await withDb(async (db) => {
    await db.query(`CreateCollection({ name: "users" })`);
    await db.query(
      `Foreach([[1, "alice", "a@x", 30, ["admin", "dev"]], [2, "bob", "b@x", 25, ["dev"]], [3, "carol", "c@x", 35, []], [4, "Dave", "d@x", 25, ["ops"]]],
        (id, n, e, a, r) => Create(Ref(Collection("users"), id), { data: { name: n, email: e, age: a, roles: r } }))`,
    );
    await body(db);
  });
}

/** CreateIndex over the users: `spec` starts with the name. */
const index = (spec: string) => `CreateIndex({ ${spec.replace(/^(name: "[^"]*")/, `$1, source: Collection("users")`)} })`;

describe("CreateIndex", () => {
  // https://docs.fauna.com/fauna/v4/api/fql/functions/createindex
  test("returns the index document in Fauna's shape, built and active", async () => {
    await withUsers(async (db) => {
      expect(await printed(db, index(`name: "by_email", terms: [{ field: ["data", "email"], other: 1 }], unique: true, data: { a: 1 }`))).toBe(
        [
          "{",
          `  ref: Index("by_email"),`,
          "  ts: 1624310550300002,",
          "  active: true,",
          "  serialized: true,",
          "  name: 'by_email',",
          `  source: Collection("users"),`,
          "  terms: [ { field: [ 'data', 'email' ] } ],",
          "  unique: true,",
          "  data: { a: 1 },",
          "  partitions: 1",
          "}",
        ].join("\n"),
      );
      expect(await wire(db, `Select("partitions", ${index(`name: "all"`)})`)).toBe("8");
      expect(await wire(db, `Select("partitions", ${index(`name: "given", partitions: 3`)})`)).toBe("3");
    });
  });

  test("checks its fields", async () => {
    await withUsers(async (db) => {
      expect(errorJson(await failure(db, `CreateIndex({ name: "x", source: Collection("nope") })`))).toEqual([
        { position: [], code: "validation failed", description: "document data is not valid.", failures: [{ field: ["source"], code: "invalid reference", description: "Cannot read reference." }] },
      ]);
      expect(errorJson(await failure(db, `CreateIndex({ name: "x", source: Collection("users"), terms: [{ reverse: true }] })`))).toEqual([
        {
          position: ["create_index"],
          code: "validation failed",
          description: "document data is not valid.",
          failures: [{ field: ["field"], code: "value required", description: "Must provide one of the following: field, binding" }],
        },
      ]);
      expect(errorJson(await failure(db, `CreateIndex({ name: "x", source: 5 })`))[0]).toMatchObject({
        failures: [{ field: ["source"], code: "invalid type", description: "Invalid type Long, expected type SourceClass." }],
      });
      expect(errorJson(await failure(db, `CreateIndex({ name: "x", source: Collection("users"), partitions: 9 })`))[0]).toMatchObject({
        failures: [{ field: ["partitions"], code: "bounds error", description: "Value 9 is not in expected range 1 to 8." }],
      });
      await db.query(index(`name: "once"`));
      expect(errorJson(await failure(db, index(`name: "once"`)))).toEqual([{ position: ["create_index"], code: "instance already exists", description: "Index already exists." }]);
    });
  });
});

describe("Match and index entries", () => {
  test("finds documents by terms; with no values the entries are refs", async () => {
    await withUsers(async (db) => {
      await db.query(index(`name: "by_email", terms: [{ field: ["data", "email"] }]`));
      expect(await printed(db, `Paginate(Match(Index("by_email"), "b@x"))`)).toBe(`{ data: [ Ref(Collection("users"), "2") ] }`);
      expect(await wire(db, `Select(["data", "name"], Get(Match(Index("by_email"), "b@x")))`)).toBe(`"bob"`);
      expect(await wire(db, `Paginate(Match("by_email", "nobody"))`)).toBe(`{"data":[]}`);
      expect(await wire(db, `Paginate(Match(Index("by_email")))`)).toBe(`{"data":[]}`);
    });
  });

  test("an array field makes one entry per element; values are shown alone, or as a tuple", async () => {
    await withUsers(async (db) => {
      await db.query(index(`name: "by_role", terms: [{ field: ["data", "roles"] }], values: [{ field: ["data", "name"] }]`));
      await db.query(index(`name: "by_role_age", terms: [{ field: ["data", "roles"] }], values: [{ field: ["data", "age"] }, { field: ["data", "name"] }]`));
      expect(await printed(db, `Paginate(Match(Index("by_role"), "dev"))`)).toBe(`{ data: [ 'alice', 'bob' ] }`);
      expect(await printed(db, `Paginate(Match(Index("by_role_age"), "dev"))`)).toBe(`{ data: [ [ 25, 'bob' ], [ 30, 'alice' ] ] }`);
      // carol has no roles: with all terms null, no entry.
      expect(await wire(db, `Paginate(Match(Index("by_role"), null))`)).toBe(`{"data":[]}`);
    });
  });

  test("values order by Fauna's collation and can be reversed; ties go by ref", async () => {
    await withUsers(async (db) => {
      await db.query(index(`name: "by_age", values: [{ field: ["data", "age"], reverse: true }, { field: ["data", "name"] }]`));
      await db.query(index(`name: "by_name", values: [{ field: ["data", "name"] }]`));
      expect(await wire(db, `Select("data", Paginate(Match(Index("by_age"))))`)).toBe(`[[35,"carol"],[30,"alice"],[25,"bob"],[25,"Dave"]]`);
      expect(await wire(db, `Select("data", Paginate(Match(Index("by_name"))))`)).toBe(`["alice","bob","carol","Dave"]`);
    });
  });

  test("entries follow every write: update, delete, ttl", async () => {
    await withUsers(async (db) => {
      await db.query(index(`name: "by_role", terms: [{ field: ["data", "roles"] }], values: [{ field: ["data", "name"] }]`));
      await db.query(`Update(Ref(Collection("users"), "1"), { data: { roles: ["ops"] } })`);
      expect(await wire(db, `[Select("data", Paginate(Match(Index("by_role"), "dev"))), Select("data", Paginate(Match(Index("by_role"), "ops")))]`)).toBe(`[["bob"],["alice","Dave"]]`);
      await db.query(`Delete(Ref(Collection("users"), "4"))`);
      expect(await wire(db, `Select("data", Paginate(Match(Index("by_role"), "ops")))`)).toBe(`["alice"]`);
      await db.query(`Create(Ref(Collection("users"), "5"), { data: { name: "eve", roles: ["ops"] }, ttl: Time("2000-01-01T00:00:00Z") })`);
      expect(await wire(db, `Select("data", Paginate(Match(Index("by_role"), "ops")))`)).toBe(`["alice"]`);
    });
  });

  test("a unique index refuses a second document with the same terms and values", async () => {
    await withUsers(async (db) => {
      await db.query(index(`name: "by_email", terms: [{ field: ["data", "email"] }], unique: true`));
      expect(errorJson(await failure(db, `Create(Collection("users"), { data: { email: "a@x" } })`))).toEqual([
        { position: ["create"], code: "instance not unique", description: "document is not unique." },
      ]);
      expect(errorJson(await failure(db, `Update(Ref(Collection("users"), "2"), { data: { email: "a@x" } })`))).toEqual([
        { position: [], code: "instance not unique", description: "document is not unique." },
      ]);
      expect(await wire(db, `Select(["data", "email"], Update(Ref(Collection("users"), "1"), { data: { email: "a@x", age: 31 } }))`)).toBe(`"a@x"`);
      // As in Fauna, documents already there are not checked; new writes are.
      await db.query(index(`name: "unique_age", values: [{ field: ["data", "age"] }], unique: true`));
      expect(errorJson(await failure(db, `Create(Collection("users"), { data: { age: 35 } })`))[0]).toMatchObject({ code: "instance not unique" });
    });
  });

  test("bindings compute terms from the document", async () => {
    await withUsers(async (db) => {
      await db.query(`CreateIndex({
        name: "by_initial",
        source: { collection: Collection("users"), fields: { initial: Query(Lambda("doc", SubString(Select(["data", "name"], Var("doc")), 0, 1))) } },
        terms: [{ binding: "initial" }],
      })`).catch(() => undefined);
      await db.query(`CreateIndex({
        name: "by_decade",
        source: { collection: Collection("users"), fields: { decade: Query(Lambda("doc", Multiply(Divide(Select(["data", "age"], Var("doc")), 10), 10))) } },
        terms: [{ binding: "decade" }],
        values: [{ field: ["data", "name"] }],
      })`);
      expect(await wire(db, `Select("data", Paginate(Match(Index("by_decade"), 20)))`)).toBe(`["bob","Dave"]`);
    });
  });

  test("an index over Tokens() sees tokens", async () => {
    await withUsers(async (db) => {
      await db.query(`CreateIndex({ name: "tokens_by_instance", source: Tokens(), terms: [{ field: "instance" }] })`);
      await db.query(`Create(Ref(Tokens(), "9"), { instance: Ref(Collection("users"), "1") })`);
      expect(await printed(db, `Paginate(Match(Index("tokens_by_instance"), Ref(Collection("users"), "1")))`)).toBe(`{ data: [ Ref(Tokens(), "9") ] }`);
    });
  });

  test("Match needs an index that exists", async () => {
    await withUsers(async (db) => {
      expect(errorJson(await failure(db, `Match(Index("nope"), 1)`))).toEqual([{ position: ["match"], code: "invalid ref", description: "Ref refers to undefined index 'nope'" }]);
      expect(errorJson(await failure(db, `Match(5)`))).toEqual([{ position: ["match"], code: "invalid argument", description: "Identifier expected, Integer provided." }]);
    });
  });

  test("deleting a collection deletes the indexes that had only it as source", async () => {
    await withUsers(async (db) => {
      await db.query(index(`name: "by_email", terms: [{ field: ["data", "email"] }]`));
      await db.query(`Delete(Collection("users"))`);
      expect(await value(db, `Exists(Index("by_email"))`)).toBe(false);
    });
  });

  test("renaming a collection keeps its indexes working", async () => {
    await withUsers(async (db) => {
      await db.query(index(`name: "by_email", terms: [{ field: ["data", "email"] }]`));
      await db.query(`Update(Collection("users"), { name: "people" })`);
      expect(await printed(db, `[Select("source", Get(Index("by_email"))), Paginate(Match(Index("by_email"), "a@x"))]`)).toBe(
        `[ Collection("people"), { data: [ Ref(Collection("people"), "1") ] } ]`,
      );
    });
  });
});

describe("building an index over many documents", () => {
  test("happens in the background; the index is inactive until it is built", async () => {
    await withDb(async (db) => {
      await db.query(`CreateCollection({ name: "many" })`);
      const ids = Array.from({ length: 300 }, (_, index) => index + 1);
      await db.query(`Foreach([${ids.join(",")}], n => Create(Ref(Collection("many"), n), { data: { parity: If(Equals(Modulo(n, 2), 0), "even", "odd") } }))`);
      expect(await wire(db, `Select("active", CreateIndex({ name: "by_parity", source: Collection("many"), terms: [{ field: ["data", "parity"] }] }))`)).toBe("false");
      expect(errorJson(await failure(db, `Match(Index("by_parity"), "even")`))).toEqual([{ position: ["match"], code: "instance not found", description: "Index 'by_parity' is not active." }]);
      expect((await failure(db, `Match(Index("by_parity"), "even")`)).status).toBe(400);
      await db.query(`Create(Ref(Collection("many"), "1000"), { data: { parity: "even" } })`);
      const progress: number[] = [];
      await db.indexesBuilt((_index, done) => progress.push(done));
      expect(progress.length).toBeGreaterThan(0);
      expect(await wire(db, `[Select("active", Get(Index("by_parity"))), Count(Match(Index("by_parity"), "even"))]`)).toBe("[true,151]");
    });
  });
});
