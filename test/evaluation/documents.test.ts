import { errorJson, failure, printed, value, withDb, wire } from "../helpers";

const setup = `CreateCollection({ name: "users" })`;

describe("CreateCollection", () => {
  // https://docs.fauna.com/fauna/v4/api/fql/functions/createcollection
  test("returns the collection document with Fauna's fields in Fauna's order", async () => {
    await withDb(async (db) => {
      expect(await printed(db, `CreateCollection({ name: "users", data: { team: "a" }, unknown: 1 })`)).toBe(
        `{\n  ref: Collection("users"),\n  ts: 1624310550300000,\n  history_days: 30,\n  name: 'users',\n  data: { team: 'a' }\n}`,
      );
      expect(await wire(db, `Select("history_days", CreateCollection({ name: "short", history_days: 0 }))`)).toBe("0");
    });
  });

  test("names are unique", async () => {
    await withDb(async (db) => {
      await db.query(setup);
      expect(errorJson(await failure(db, setup))).toEqual([{ position: ["create_collection"], code: "instance already exists", description: "Collection already exists." }]);
    });
  });

  test("fields are checked", async () => {
    await withDb(async (db) => {
      expect(errorJson(await failure(db, `CreateCollection({ name: "a/b", history_days: -1, data: "x" })`))).toEqual([
        {
          position: ["create_collection"],
          code: "validation failed",
          description: "document data is not valid.",
          failures: [
            { field: ["name"], code: "invalid characters", description: "The name a/b uses invalid characters. Valid characters must match: [;@+$\\-_.!~%\\w]+" },
            { field: ["history_days"], code: "non-negative value required", description: "Value must be non-negative." },
            { field: ["data"], code: "invalid type", description: "Invalid type String, expected type Map." },
          ],
        },
      ]);
      expect(errorJson(await failure(db, `CreateCollection({})`))).toEqual([
        { position: ["create_collection"], code: "validation failed", description: "document data is not valid.", failures: [{ field: ["name"], code: "value required", description: "Required value not found." }] },
      ]);
      expect(errorJson(await failure(db, `CreateCollection({ name: "_" })`))[0]).toMatchObject({
        failures: [{ field: ["name"], code: "reserved name", description: "Invalid name _. Reserved names: _." }],
      });
      expect(errorJson(await failure(db, `CreateCollection({ name: 5 })`))[0]).toMatchObject({
        failures: [{ field: ["name"], code: "invalid type", description: "Invalid type Long, expected type Name." }],
      });
      expect(await wire(db, `Select("name", CreateCollection({ name: "ünïcode_names-ok.%" }))`)).toBe(`"ünïcode_names-ok.%"`);
    });
  });
});

describe("Create and Get", () => {
  // https://docs.fauna.com/fauna/v4/api/fql/functions/get
  // https://docs.fauna.com/fauna/v4/api/fql/functions/create
  test("a document gets an 18-digit id, the transaction's ts, and its data", async () => {
    await withDb(async (db) => {
      await db.query(setup);
      const created = (await value(db, `Create(Collection("users"), { data: { name: "Alice" } })`)) as Map<string, unknown>;
      const ref = created.get("ref") as { id: string };
      expect(ref.id).toMatch(/^\d{18}$/);
      expect(created.get("ts")).toBe(1624310550300001n);
      expect(await printed(db, `Get(Ref(Collection("users"), "${ref.id}"))`)).toBe(
        `{\n  ref: Ref(Collection("users"), "${ref.id}"),\n  ts: 1624310550300001,\n  data: { name: 'Alice' }\n}`,
      );
    });
  });

  test("ids keep increasing, and are unique within a query", async () => {
    await withDb(async (db) => {
      await db.query(setup);
      const ids = (await value(db, `Map([1, 2, 3], n => Select(["ref", "id"], Create(Collection("users"), {})))`)) as string[];
      const later = (await value(db, `Select(["ref", "id"], Create(Collection("users"), {}))`)) as string;
      const all = [...ids, later].map(BigInt);
      expect(new Set(all).size).toBe(4);
      expect([...all].sort((a, b) => (a < b ? -1 : 1))).toEqual(all);
    });
  });

  test("every write of one query carries the same ts", async () => {
    await withDb(async (db) => {
      await db.query(setup);
      expect(await wire(db, `Let({ a: Create(Collection("users"), {}), b: Create(Collection("users"), {}) }, Equals(Select("ts", Var("a")), Select("ts", Var("b"))))`)).toBe("true");
    });
  });

  test("an explicit id, which must be free", async () => {
    await withDb(async (db) => {
      await db.query(setup);
      expect(await wire(db, `Select("ref", Create(Ref(Collection("users"), "1"), { data: {} }))`)).toBe(
        `{"@ref":{"id":"1","collection":{"@ref":{"id":"users","collection":{"@ref":{"id":"collections"}}}}}}`,
      );
      expect(errorJson(await failure(db, `Create(Ref(Collection("users"), "1"), {})`))).toEqual([{ position: ["create"], code: "instance already exists", description: "Document already exists." }]);
    });
  });

  test("only data and ttl are kept; an empty top-level data is dropped; nulls are removed", async () => {
    await withDb(async (db) => {
      await db.query(setup);
      expect(await wire(db, `Create(Ref(Collection("users"), "1"), { data: {}, other: 1 })`)).toBe(
        `{"ref":{"@ref":{"id":"1","collection":{"@ref":{"id":"users","collection":{"@ref":{"id":"collections"}}}}}},"ts":1624310550300001}`,
      );
      expect(await wire(db, `Select("data", Create(Ref(Collection("users"), "2"), { data: { a: null, b: [1, null], c: { d: null } } }))`)).toBe(`{"b":[1],"c":{}}`);
    });
  });

  test("a lambda written as data is kept as the query it shows as, and read back as one", async () => {
    await withDb(async (db) => {
      await db.query(setup);
      const query = `{"@query":{"api_version":"4","lambda":"x","expr":{"documents":1.0E308}}}`;
      expect(await wire(db, `Select(["data", "f"], Create(Ref(Collection("users"), "1"), { data: { f: Lambda("x", Documents(1e308)) } }))`)).toBe(query);
      expect(await wire(db, `Select(["data", "f"], Get(Ref(Collection("users"), "1")))`)).toBe(query);
      expect(await wire(db, `IsLambda(Select(["data", "f"], Get(Ref(Collection("users"), "1"))))`)).toBe("true");
    });
  });

  test("fields of the wrong type fail the write", async () => {
    await withDb(async (db) => {
      await db.query(setup);
      expect(errorJson(await failure(db, `Create(Collection("users"), { data: [1], ttl: "tomorrow" })`))).toEqual([
        {
          position: ["create"],
          code: "validation failed",
          description: "document data is not valid.",
          failures: [
            { field: ["data"], code: "invalid type", description: "Invalid type Array, expected type Map." },
            { field: ["ttl"], code: "invalid type", description: "Invalid type String, expected type Time." },
          ],
        },
      ]);
      expect(errorJson(await failure(db, `Create(Collection("users"), "data")`))).toEqual([{ position: ["params"], code: "invalid argument", description: "Object expected, String provided." }]);
    });
  });

  test("a collection that does not exist is an invalid ref; a document that does not, not found", async () => {
    await withDb(async (db) => {
      await db.query(setup);
      expect(errorJson(await failure(db, `Create(Collection("nope"), {})`))).toEqual([{ position: ["create"], code: "invalid ref", description: "Ref refers to undefined collection 'nope'" }]);
      expect(errorJson(await failure(db, `Get(Ref(Collection("nope"), "1"))`))).toEqual([{ position: ["get"], code: "invalid ref", description: "Ref refers to undefined collection 'nope'" }]);
      const notFound = await failure(db, `Get(Ref(Collection("users"), "404"))`);
      expect(errorJson(notFound)).toEqual([{ position: [], code: "instance not found", description: "Document not found." }]);
      expect(notFound.status).toBe(404);
      // A schema ref to nothing is an invalid ref, as for a document in a collection that does not exist.
      expect(errorJson(await failure(db, `Get(Collection("nope"))`))).toEqual([{ position: ["get"], code: "invalid ref", description: "Ref refers to undefined collection 'nope'" }]);
    });
  });

  test("schema documents are created by their own functions only", async () => {
    await withDb(async (db) => {
      expect(errorJson(await failure(db, `Create(Collections(), { name: "x" })`))).toEqual([{ position: ["create"], code: "invalid argument", description: "Cannot create a schema meta collection." }]);
    });
  });

  test("Get of a collection ref returns its schema document", async () => {
    await withDb(async (db) => {
      await db.query(setup);
      expect(await printed(db, `Get(Collection("users"))`)).toBe(`{\n  ref: Collection("users"),\n  ts: 1624310550300000,\n  history_days: 30,\n  name: 'users'\n}`);
    });
  });
});

describe("Exists", () => {
  // https://docs.fauna.com/fauna/v4/api/fql/functions/exists
  test("is true for live documents, false otherwise, never an error for a missing collection", async () => {
    await withDb(async (db) => {
      await db.query(setup);
      await db.query(`Create(Ref(Collection("users"), "1"), {})`);
      expect(await wire(db, `[Exists(Ref(Collection("users"), "1")), Exists(Ref(Collection("users"), "2")), Exists(Ref(Collection("nope"), "1"))]`)).toBe("[true,false,false]");
      expect(await wire(db, `[Exists(Collection("users")), Exists(Collection("nope")), Exists(Database("nope"))]`)).toBe("[true,false,false]");
      expect(await wire(db, `[Exists(Tokens()), Exists(Documents(Collection("users")))]`)).toBe("[false,true]");
    });
  });
});

describe("Update and Replace", () => {
  const doc = `Ref(Collection("users"), "1")`;

  // https://docs.fauna.com/fauna/v4/api/fql/functions/update
  test("Update merges objects deeply; null removes; arrays are replaced; new keys go last", async () => {
    await withDb(async (db) => {
      await db.query(setup);
      await db.query(`Create(${doc}, { data: { name: "Alice", address: { city: "Paris", zip: "75001" }, tags: [1, 2], old: true } })`);
      expect(await wire(db, `Select("data", Update(${doc}, { data: { address: { zip: null, country: "FR" }, tags: [3], old: null, added: 1 } }))`)).toBe(
        `{"name":"Alice","address":{"city":"Paris","country":"FR"},"tags":[3],"added":1}`,
      );
    });
  });

  // https://docs.fauna.com/fauna/v4/api/fql/functions/replace
  test("Replace keeps the ref and replaces everything else", async () => {
    await withDb(async (db) => {
      await db.query(setup);
      await db.query(`Create(${doc}, { data: { name: "Alice" }, ttl: TimeAdd(Now(), 1, "day") })`);
      expect(await wire(db, `Update(${doc}, { data: { x: 1 } })`)).toContain(`"ttl"`);
      expect(await wire(db, `Replace(${doc}, { data: { name: "Bob" } })`)).toBe(
        `{"ref":{"@ref":{"id":"1","collection":{"@ref":{"id":"users","collection":{"@ref":{"id":"collections"}}}}}},"ts":1624310550300003,"data":{"name":"Bob"}}`,
      );
    });
  });

  test("both need an existing document", async () => {
    await withDb(async (db) => {
      await db.query(setup);
      expect(errorJson(await failure(db, `Update(${doc}, {})`))).toEqual([{ position: ["update"], code: "instance not found", description: "Document not found." }]);
      expect(errorJson(await failure(db, `Replace(${doc}, {})`))).toEqual([{ position: ["replace"], code: "instance not found", description: "Document not found." }]);
    });
  });

  test("a collection is renamed by updating its name; its documents follow", async () => {
    await withDb(async (db) => {
      await db.query(setup);
      await db.query(`Create(${doc}, { data: { n: 1 } })`);
      expect(await printed(db, `Select("ref", Update(Collection("users"), { name: "people" }))`)).toBe(`Collection("people")`);
      expect(await wire(db, `[Exists(Collection("users")), Select(["data", "n"], Get(Ref(Collection("people"), "1")))]`)).toBe("[false,1]");
      await db.query(`CreateCollection({ name: "other" })`);
      expect(errorJson(await failure(db, `Update(Collection("people"), { name: "other" })`))).toEqual([{ position: [], code: "instance not unique", description: "document is not unique." }]);
    });
  });
});

describe("Delete", () => {
  // https://docs.fauna.com/fauna/v4/api/fql/functions/delete
  test("returns the document as it was, and removes it", async () => {
    await withDb(async (db, clock) => {
      await db.query(setup);
      await db.query(`Create(Ref(Collection("users"), "1"), { data: { n: 1 } })`);
      clock.advance(1000);
      expect(await wire(db, `Delete(Ref(Collection("users"), "1"))`)).toBe(
        `{"ref":{"@ref":{"id":"1","collection":{"@ref":{"id":"users","collection":{"@ref":{"id":"collections"}}}}}},"ts":1624310550300001,"data":{"n":1}}`,
      );
      expect(await wire(db, `Exists(Ref(Collection("users"), "1"))`)).toBe("false");
      expect(errorJson(await failure(db, `Delete(Ref(Collection("users"), "1"))`))).toEqual([{ position: [], code: "instance not found", description: "Document not found." }]);
    });
  });

  test("deleting a collection deletes its documents; a new one of the same name starts empty", async () => {
    await withDb(async (db) => {
      await db.query(setup);
      await db.query(`Create(Ref(Collection("users"), "1"), {})`);
      await db.query(`Delete(Collection("users"))`);
      expect(errorJson(await failure(db, `Get(Ref(Collection("users"), "1"))`))).toEqual([{ position: ["get"], code: "invalid ref", description: "Ref refers to undefined collection 'users'" }]);
      await db.query(setup);
      expect(await wire(db, `Paginate(Documents(Collection("users")))`)).toBe(`{"data":[]}`);
    });
  });

  test("deleting a database deletes everything in it", async () => {
    await withDb(async (db) => {
      await db.query(`CreateDatabase({ name: "child" })`);
      // Writes stay in the query's database: the root secret scoped to the child writes there.
      expect((await failure(db, `Create(Tokens(Database("child")), { instance: Ref(Collection("users"), "1") })`)).description).toBe("Cannot write a scoped ref.");
      await db.query(`Create(Tokens(), { instance: Ref(Collection("users"), "1") })`, { secret: "secret:child:admin" });
      expect(await wire(db, `Select("data", Paginate(Tokens(Database("child"))))`)).toMatch(/^\[\{"@ref"/);
      await db.query(`Delete(Database("child"))`);
      await db.query(`CreateDatabase({ name: "child" })`);
      expect(await wire(db, `Paginate(Tokens(Database("child")))`)).toBe(`{"data":[]}`);
    });
  });
});

describe("history and ttl", () => {
  test("Get at a time returns the version current then", async () => {
    await withDb(async (db, clock) => {
      await db.query(setup);
      const ts = async (query: string) => (await value(db, `Select("ts", ${query})`)) as bigint;
      const created = await ts(`Create(Ref(Collection("users"), "1"), { data: { v: 1 } })`);
      clock.advance(1000);
      const updated = await ts(`Update(Ref(Collection("users"), "1"), { data: { v: 2 } })`);
      clock.advance(1000);
      const deleted = await ts(`Do(Delete(Ref(Collection("users"), "1")), { ts: ToMicros(Now()) })`);
      const at = (micros: bigint) => `Select(["data", "v"], Get(Ref(Collection("users"), "1"), ${micros}))`;
      expect(await wire(db, at(created))).toBe("1");
      expect(await wire(db, at(updated - 1n))).toBe("1");
      expect(await wire(db, at(updated))).toBe("2");
      expect(await wire(db, at(deleted - 1n))).toBe("2");
      expect(await wire(db, `Exists(Ref(Collection("users"), "1"), Epoch(${updated}, "microseconds"))`)).toBe("true");
      expect(await wire(db, `Select("ts", Get(Ref(Collection("users"), "1"), Epoch(${deleted - 1n}, "microseconds")))`)).toBe(String(updated));
      // Get stands in Select's "from".
      expect(errorJson(await failure(db, at(created - 1n)))).toEqual([{ position: ["from"], code: "instance not found", description: "Document not found." }]);
      expect(errorJson(await failure(db, at(deleted)))).toEqual([{ position: ["from"], code: "instance not found", description: "Document not found." }]);
    });
  });

  test("a document past its ttl is gone for every read", async () => {
    await withDb(async (db, clock) => {
      await db.query(setup);
      await db.query(`Create(Ref(Collection("users"), "1"), { ttl: TimeAdd(Now(), 1, "hour") })`);
      expect(await wire(db, `[Exists(Ref(Collection("users"), "1")), Select("data", Paginate(Documents(Collection("users"))))]`)).toMatch(/^\[true,\[\{/);
      clock.advance(3_600_001);
      expect(await wire(db, `[Exists(Ref(Collection("users"), "1")), Select("data", Paginate(Documents(Collection("users"))))]`)).toBe("[false,[]]");
      expect(errorJson(await failure(db, `Get(Ref(Collection("users"), "1"))`))).toEqual([{ position: [], code: "instance not found", description: "Document not found." }]);
      expect(await wire(db, `Select(["data", "n"], Create(Ref(Collection("users"), "1"), { data: { n: 2 } }))`)).toBe("2");
    });
  });

  test("ttl_days gives every write without a ttl one, that many days on: Update keeps it, Replace renews it", async () => {
    await withDb(async (db, clock) => {
      await db.query(`CreateCollection({ name: "sessions", ttl_days: 2 })`);
      const doc = `Ref(Collection("sessions"), "1")`;
      const day = 86_400_000;
      const created = (await value(db, `Create(${doc}, { data: { n: 1 } })`)) as Map<string, unknown>;
      // Appended after the fields given, as Fauna did.
      expect([...created.keys()]).toEqual(["ref", "ts", "data", "ttl"]);
      // ttl - ts, in hours, of the version a query returns.
      const lifetime = (query: string) => wire(db, `Let({ d: ${query} }, Divide(Subtract(ToMicros(Select("ttl", Var("d"))), Select("ts", Var("d"))), 3600000000))`);
      expect(await lifetime(`Get(${doc})`)).toBe("48");
      clock.advance(day);
      expect(await lifetime(`Update(${doc}, { data: { n: 2 } })`)).toBe("24");
      expect(await lifetime(`Replace(${doc}, { data: { n: 3 } })`)).toBe("48");
      expect(await wire(db, `Select("ttl", Create(Collection("sessions"), { ttl: Time("2030-01-01T00:00:00Z") }))`)).toBe(`{"@ts":"2030-01-01T00:00:00Z"}`);
      clock.advance(2 * day + 1);
      expect(await wire(db, `Exists(${doc})`)).toBe("false");
      expect(await wire(db, `Count(Documents(Collection("sessions")))`)).toBe("1");
      // No sign check, as in Fauna: a negative ttl_days expires documents as they are written.
      await db.query(`CreateCollection({ name: "gone", ttl_days: -1 })`);
      expect(await wire(db, `Do(Create(Ref(Collection("gone"), "1"), {}), Exists(Ref(Collection("gone"), "1")))`)).toBe("false");
    });
  });
});

describe("deprecated names Fauna still took", () => {
  test("CreateClass, Class and Classes are CreateCollection, Collection and Collections", async () => {
    await withDb(async (db) => {
      expect(await printed(db, `Select("ref", CreateClass({ name: "legacy" }))`)).toBe(`Collection("legacy")`);
      expect(await wire(db, `[Exists(Class("legacy")), Select("data", Paginate(Classes()))]`)).toBe(
        `[true,[{"@ref":{"id":"legacy","collection":{"@ref":{"id":"collections"}}}}]]`,
      );
    });
  });
});
