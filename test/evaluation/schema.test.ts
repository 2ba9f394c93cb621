import { errorJson, failure, printed, value, withDb, wire } from "../helpers";

describe("user-defined functions", () => {
  // https://docs.fauna.com/fauna/v4/api/fql/functions/call
  // https://docs.fauna.com/fauna/v4/api/fql/functions/createfunction
  test("CreateFunction stores a lambda; Call runs it with its arguments bound like a lambda's", async () => {
    await withDb(async (db) => {
      expect(await printed(db, `CreateFunction({ name: "double", body: Query(Lambda("x", Add(Var("x"), Var("x")))) })`)).toBe(
        `{\n  ref: Function("double"),\n  ts: 1624310550300000,\n  name: 'double',\n  body: Query(Lambda("x", Add(Var("x"), Var("x"))))\n}`,
      );
      await db.query(`CreateFunction({ name: "pair", body: Query((a, b) => [b, a]) })`);
      expect(await wire(db, `[Call(Function("double"), 21), Call("double", 1.5), Call(Function("pair"), 1, 2), Call(Function("pair"), [3, 4])]`)).toBe(
        "[42,3.0,[2,1],[4,3]]",
      );
      expect(await wire(db, `Select("body", Get(Function("double")))`)).toBe(
        `{"@query":{"api_version":"4","lambda":"x","expr":{"add":[{"var":"x"},{"var":"x"}]}}}`,
      );
    });
  });

  test("errors inside a function are a call error, with the cause at its place in the body", async () => {
    await withDb(async (db) => {
      await db.query(`CreateFunction({ name: "double", body: Query(Lambda("x", Add(Var("x"), Var("x")))) })`);
      await db.query(`CreateFunction({ name: "pair", body: Query(Lambda(["a", "b"], [Var("b"), Var("a")])) })`);
      const error = await failure(db, `Call(Function("double"), "oops")`);
      expect(error.toJSON()).toEqual({
        errors: [
          {
            position: [],
            code: "call error",
            description: "Calling the function resulted in an error.",
            cause: [
              { position: ["expr", "add", 0], code: "invalid argument", description: "Number expected, String provided." },
              { position: ["expr", "add", 1], code: "invalid argument", description: "Number expected, String provided." },
            ],
          },
        ],
      });
      expect((await failure(db, `Call(Function("pair"), 1)`)).toJSON().errors[0]).toMatchObject({
        code: "call error",
        cause: [{ position: ["lambda"], code: "invalid argument", description: "Lambda expects an array with 2 elements. Array contains 1." }],
      });
      expect(errorJson(await failure(db, `Call(Function("nope"), 1)`))).toEqual([{ position: ["call"], code: "invalid ref", description: "Ref refers to undefined function 'nope'" }]);
      expect(errorJson(await failure(db, `Call(Collection("c"), 1)`))).toEqual([{ position: ["call"], code: "invalid argument", description: "Identifier expected, Collection Ref provided." }]);
    });
  });

  test("a function that calls itself forever stops at Fauna's limit", async () => {
    await withDb(async (db) => {
      await db.query(`CreateFunction({ name: "forever", body: Query(Lambda("x", Call(Function("forever"), Var("x")))) })`);
      // As in Fauna, the one error a function's caller sees unwrapped.
      expect(errorJson(await failure(db, `Call(Function("forever"), 1)`))[0]).toMatchObject({ code: "stack overflow", description: "Call stack reached the maximum limit of 200." });
    });
  });

  test("the body must be a lambda", async () => {
    await withDb(async (db) => {
      expect(errorJson(await failure(db, `CreateFunction({ name: "f", body: 5 })`))[0]).toMatchObject({
        failures: [{ field: ["body"], code: "invalid type", description: "Invalid type Long, expected type Query." }],
      });
      expect(errorJson(await failure(db, `CreateFunction({ name: "f", body: "x => x" })`))).toEqual([
        { position: ["create_function"], code: "schema validation failed", description: "Invalid type provided for field `body`." },
      ]);
    });
  });
});

describe("roles and access providers", () => {
  // https://docs.fauna.com/fauna/v4/api/fql/functions/createrole
  test("CreateRole stores privileges and membership as given, keeping Fauna's keys", async () => {
    await withDb(async (db) => {
      await db.query(`CreateCollection({ name: "spells" })`);
      expect(await printed(db, `CreateRole({ name: "reader", privileges: { resource: Collection("spells"), actions: { read: true, fly: true } } })`)).toBe(
        `{\n  ref: Role("reader"),\n  ts: 1624310550300001,\n  name: 'reader',\n  privileges: { resource: Collection("spells"), actions: { read: true } }\n}`,
      );
      expect(errorJson(await failure(db, `CreateRole({ name: "bad", privileges: [{ resource: "spells" }] })`))[0]).toMatchObject({
        failures: [{ field: ["privileges", "resource"], code: "invalid type", description: "Invalid type String, expected type Ref." }],
      });
      expect(await printed(db, `Paginate(Roles())`)).toBe(`{ data: [ Role("reader") ] }`);
    });
  });

  // https://docs.fauna.com/fauna/v4/api/fql/functions/createaccessprovider
  test("CreateAccessProvider checks its key set address and gives its audience", async () => {
    await withDb(async (db) => {
      const provider = (await value(db, `CreateAccessProvider({ name: "auth0", issuer: "https://example.auth0.com/", jwks_uri: "https://example.auth0.com/.well-known/jwks.json" })`)) as Map<string, unknown>;
      expect(provider.get("audience")).toMatch(/^https:\/\/db\.fauna\.com\/db\/y[a-z0-9]{12}$/);
      expect(errorJson(await failure(db, `CreateAccessProvider({ name: "other", issuer: "https://example.auth0.com/", jwks_uri: "http://insecure" })`))[0]).toMatchObject({
        failures: [{ field: ["jwks_uri"], code: "invalid uri", description: "`http://insecure` is a not valid URI" }],
      });
      expect(errorJson(await failure(db, `CreateAccessProvider({ name: "other", issuer: "https://example.auth0.com/", jwks_uri: "https://x" })`))[0]).toMatchObject({
        failures: [{ field: ["issuer"], code: "duplicate value", description: "Value is not unique." }],
      });
    });
  });
});

describe("child databases", () => {
  // https://docs.fauna.com/fauna/v4/api/fql/functions/createdatabase
  test("CreateDatabase gives the database's ref, name and global id; databases nest and are listed", async () => {
    await withDb(async (db) => {
      expect(await wire(db, `CreateDatabase({ name: "child_db" })`)).toMatch(
        /^\{"ref":\{"@ref":\{"id":"child_db","collection":\{"@ref":\{"id":"databases"\}\}\}\},"ts":\d+,"name":"child_db","global_id":"y[a-z0-9]{12}"\}$/,
      );
      await db.query(`CreateDatabase({ name: "other" })`);
      expect(await printed(db, `Paginate(Databases())`)).toBe(`{ data: [ Database("child_db"), Database("other") ] }`);
      expect(await printed(db, `Paginate(Tokens(Database("child_db")))`)).toBe("{ data: [] }");
      expect(errorJson(await failure(db, `Paginate(Tokens(Database("nope")))`))).toEqual([{ position: ["paginate"], code: "invalid ref", description: "Ref refers to undefined database 'nope'" }]);
    });
  });

  // https://docs.fauna.com/fauna/v4/api/fql/functions/movedatabase
  test("MoveDatabase moves a database, with its contents, under another", async () => {
    await withDb(async (db) => {
      await db.query(`Do(CreateDatabase({ name: "a" }), CreateDatabase({ name: "b" }))`);
      const globalId = await value(db, `Select("global_id", Get(Database("a")))`);
      expect(await printed(db, `Select("ref", MoveDatabase(Database("a"), Database("b")))`)).toBe(`Database("a", Database("b"))`);
      expect(await wire(db, `[Exists(Database("a")), Exists(Database("a", Database("b"))), Equals(Select("global_id", Get(Database("a", Database("b")))), "${globalId}")]`)).toBe(
        "[false,true,true]",
      );
      expect(errorJson(await failure(db, `MoveDatabase(Database("b"), Database("a", Database("b")))`))).toEqual([
        { position: [], code: "move database error", description: "Cannot move database 'b' into parent 'a': Cannot move database from ancestor to descendant." },
      ]);
    });
  });
});
