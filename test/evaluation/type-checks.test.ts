import { withDb, wire } from "../helpers";

// https://docs.fauna.com/fauna/v4/api/fql/functions/isnumber and the other Is… pages;
// the cases the docs leave open follow Fauna's TypeCheckFunctionsSpec.
describe("type predicates", () => {
  // https://docs.fauna.com/fauna/v4/api/fql/functions/isnumber
  // https://docs.fauna.com/fauna/v4/api/fql/functions/isdouble
  // https://docs.fauna.com/fauna/v4/api/fql/functions/isinteger
  // https://docs.fauna.com/fauna/v4/api/fql/functions/isboolean
  // https://docs.fauna.com/fauna/v4/api/fql/functions/isnull
  // https://docs.fauna.com/fauna/v4/api/fql/functions/isbytes
  // https://docs.fauna.com/fauna/v4/api/fql/functions/istimestamp
  // https://docs.fauna.com/fauna/v4/api/fql/functions/isdate
  // https://docs.fauna.com/fauna/v4/api/fql/functions/isstring
  test("scalars", async () => {
    await withDb(async (db) => {
      const truths = await wire(
        db,
        `[IsNumber(1), IsNumber(1.5), IsNumber("1"),
          IsDouble(3.14), IsDouble(10), IsInteger(10), IsInteger(1.0),
          IsBoolean(false), IsBoolean(null), IsNull(null), IsNull(0),
          IsBytes(Bytes("AQI=")), IsBytes("AQI="),
          IsTimestamp(Now()), IsTimestamp(Date("2021-01-01")), IsDate(ToDate(Now())), IsDate(Now()),
          IsString("x"), IsString(1)]`,
      );
      expect(truths).toBe("[true,true,false,true,false,true,false,true,false,true,false,true,false,true,false,true,false,true,false]");
    });
  });

  // https://docs.fauna.com/fauna/v4/api/fql/functions/isarray
  // https://docs.fauna.com/fauna/v4/api/fql/functions/isobject
  // https://docs.fauna.com/fauna/v4/api/fql/functions/isset
  // https://docs.fauna.com/fauna/v4/api/fql/functions/islambda
  test("arrays, objects, pages, sets and lambdas", async () => {
    await withDb(async (db) => {
      await db.query(`CreateCollection({ name: "c" })`);
      await db.query(`CreateIndex({ name: "all_c", source: Collection("c") })`);
      await db.query(`Create(Ref(Collection("c"), "1"), { data: { a: 1 } })`);
      expect(await wire(db, `[IsArray([]), IsArray({}), IsArray(Paginate(Documents(Collection("c"))))]`)).toBe("[true,false,false]");
      // Documents and pages were objects to Fauna; refs and sets were not.
      expect(await wire(db, `[IsObject({}), IsObject(Get(Ref(Collection("c"), "1"))), IsObject(Paginate(Match(Index("all_c")))), IsObject(Get(Index("all_c"))), IsObject(Ref(Collection("c"), "1"))]`)).toBe(
        "[true,true,true,true,false]",
      );
      expect(await wire(db, `[IsSet(Match(Index("all_c"))), IsSet(Documents(Collection("c"))), IsSet(Databases()), IsSet(Collection("c")), IsSet([])]`)).toBe("[true,true,true,false,false]");
      expect(await wire(db, `[IsLambda(Query(Lambda("x", Var("x")))), IsLambda(Lambda("x", Var("x"))), IsLambda("x")]`)).toBe("[true,true,false]");
    });
  });

  // https://docs.fauna.com/fauna/v4/api/fql/functions/isref
  // https://docs.fauna.com/fauna/v4/api/fql/functions/isdoc
  test("IsRef takes any ref, IsDoc a ref that resolves or a document", async () => {
    await withDb(async (db) => {
      await db.query(`CreateCollection({ name: "c" })`);
      await db.query(`CreateIndex({ name: "i", source: Collection("c") })`);
      await db.query(`CreateDatabase({ name: "d" })`);
      await db.query(`Create(Ref(Collection("c"), "1"), {})`);
      expect(await wire(db, `[IsRef(Ref(Collection("c"), "1")), IsRef(Ref(Collection("nope"), "1")), IsRef(Collections()), IsRef(Get(Ref(Collection("c"), "1")))]`)).toBe("[true,true,true,false]");
      expect(
        await wire(db, `[IsDoc(Ref(Collection("c"), "1")), IsDoc(Get(Ref(Collection("c"), "1"))), IsDoc(Index("i")), IsDoc(Collection("c")), IsDoc(Database("d")), IsDoc({}), IsDoc(Ref(Collection("nope"), "1")), IsDoc(Collection("nope"))]`),
      ).toBe("[true,true,true,true,true,false,false,false]");
      // An object shaped like a document is still an object.
      expect(await wire(db, `IsDoc(ToObject(Get(Ref(Collection("c"), "1"))))`)).toBe("false");
    });
  });

  // https://docs.fauna.com/fauna/v4/api/fql/functions/iscollection
  // https://docs.fauna.com/fauna/v4/api/fql/functions/isdatabase
  // https://docs.fauna.com/fauna/v4/api/fql/functions/isindex
  // https://docs.fauna.com/fauna/v4/api/fql/functions/isfunction
  // https://docs.fauna.com/fauna/v4/api/fql/functions/iskey
  // https://docs.fauna.com/fauna/v4/api/fql/functions/istoken
  // https://docs.fauna.com/fauna/v4/api/fql/functions/iscredentials
  // https://docs.fauna.com/fauna/v4/api/fql/functions/isrole
  test("IsCollection … IsRole: refs and documents of each schema kind", async () => {
    await withDb(async (db) => {
      await db.query(`CreateCollection({ name: "c" })`);
      await db.query(`CreateIndex({ name: "i", source: Collection("c") })`);
      await db.query(`CreateDatabase({ name: "d" })`);
      await db.query(`CreateFunction({ name: "f", body: Query(Lambda("x", Var("x"))) })`);
      await db.query(`CreateRole({ name: "r", privileges: [] })`);
      await db.query(`Create(Ref(Collection("c"), "1"), { credentials: { password: "secret" } })`);
      await db.query(`CreateKey({ role: "server" })`);
      expect(await wire(db, `[IsCollection(Collection("c")), IsCollection(Get(Collection("c"))), IsCollection(Database("d")), IsCollection(Index("i")), IsCollection(Collection("nope")), IsCollection(Databases())]`)).toBe(
        "[true,true,false,false,false,true]",
      );
      expect(await wire(db, `[IsDatabase(Database("d")), IsDatabase(Get(Database("d"))), IsDatabase(Collection("c"))]`)).toBe("[true,true,false]");
      expect(await wire(db, `[IsIndex(Index("i")), IsIndex(Get(Index("i"))), IsIndex(Index("nope"))]`)).toBe("[true,true,false]");
      expect(await wire(db, `[IsFunction(Function("f")), IsFunction(Get(Function("f"))), IsFunction(Role("r"))]`)).toBe("[true,true,false]");
      expect(await wire(db, `[IsRole(Role("r")), IsRole(Get(Role("r"))), IsRole(Function("f"))]`)).toBe("[true,true,false]");
      expect(await wire(db, `[IsKey(Select(["data", 0], Paginate(Keys()))), IsKey(Get(Select(["data", 0], Paginate(Keys())))), IsKey(Ref(Collection("c"), "1"))]`)).toBe("[true,true,false]");
      await db.query(`Login(Ref(Collection("c"), "1"), { password: "secret" })`);
      expect(await wire(db, `[IsToken(Select(["data", 0], Paginate(Tokens()))), IsToken(Get(Select(["data", 0], Paginate(Tokens())))), IsToken(Ref(Collection("c"), "1"))]`)).toBe("[true,true,false]");
      expect(await wire(db, `[IsCredentials(Select(["data", 0], Paginate(Credentials()))), IsCredentials(Get(Select(["data", 0], Paginate(Credentials())))), IsCredentials(Collection("c"))]`)).toBe("[true,true,false]");
    });
  });
});
