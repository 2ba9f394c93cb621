import { errorJson, failure, withDb, wire } from "../helpers";

describe("LT, LTE, GT, GTE", () => {
  // https://docs.fauna.com/fauna/v4/api/fql/functions/lt (and lte, gt, gte)
  // https://docs.fauna.com/fauna/v4/api/fql/functions/lt
  // https://docs.fauna.com/fauna/v4/api/fql/functions/lte
  // https://docs.fauna.com/fauna/v4/api/fql/functions/gt
  // https://docs.fauna.com/fauna/v4/api/fql/functions/gte
  test("each value against the next", async () => {
    await withDb(async (db) => {
      expect(await wire(db, `[LT(1, 2, 3), LT(1, 3, 2), LT(1, 1), LTE(1, 1, 2), GT(3, 2, 1), GT(3, 3), GTE(3, 3, 1), GTE(1, 2)]`)).toBe("[true,false,false,true,true,false,true,false]");
      expect(await wire(db, `[LT(1), LTE("a"), GT(null), GTE({})]`)).toBe("[true,true,true,true]");
      expect(await wire(db, `[LT(1, 1.5, 2), LT(0.9, 1, 1.1), LTE(1, 1.0, 1), GTE(1, 1.0, 1), LT(1, 1.0)]`)).toBe("[true,true,true,true,false]");
    });
  });

  test("any two values compare, in the order indexes use", async () => {
    await withDb(async (db) => {
      expect(await wire(db, `LT(1, 1.1, "str", [], {}, false, true, null)`)).toBe("true");
      expect(await wire(db, `[LT(1, "1"), LT("", []), LT([], {}), LT({}, true), LT(1.0, true), LT(1.0, null)]`)).toBe("[true,true,true,true,true,true]");
      expect(await wire(db, `LT({ a: 1, b: 2 }, { a: 1, b: 3 }, { a: 2, b: 1 })`)).toBe("true");
      expect(await wire(db, `[LT("a", "B"), LT("a", "ab"), LT([1, 2], [1, 2, 0]), LT(Time("2020-01-01T00:00:00Z"), Time("2020-01-01T00:00:00.000000001Z"))]`)).toBe("[true,true,true,true]");
    });
  });

  test("errors: no values, refs that name nothing", async () => {
    await withDb(async (db) => {
      expect(errorJson(await failure(db, `LT([])`))).toEqual([{ position: ["lt"], code: "invalid argument", description: "Non-empty array expected." }]);
      expect(errorJson(await failure(db, `GTE(Ref(Collection("coll"), "1"), 1, Collection("other"))`))).toEqual([
        { position: ["gte"], code: "invalid ref", description: "Ref refers to undefined collection 'coll'" },
        { position: ["gte"], code: "invalid ref", description: "Ref refers to undefined collection 'other'" },
      ]);
    });
  });
});

describe("ContainsPath, Contains, ContainsField", () => {
  // https://docs.fauna.com/fauna/v4/api/fql/functions/containspath
  test("whether Select would find the path", async () => {
    await withDb(async (db) => {
      expect(await wire(db, `ContainsPath(["foo", "bar"], { foo: { bar: "baz" } })`)).toBe("true");
      expect(await wire(db, `ContainsPath(["foo", "qux"], { foo: { bar: "baz" } })`)).toBe("false");
      expect(await wire(db, `[ContainsPath([], 1), ContainsPath(1, [1, 2]), ContainsPath(2, [1, 2]), ContainsPath(-1, [1]), ContainsPath("a", [1])]`)).toBe("[true,true,false,false,false]");
      // The deprecated name is the same function.
      expect(await wire(db, `Contains(["a", 0], { a: ["x"] })`)).toBe("true");
      expect(errorJson(await failure(db, `ContainsPath(["a", true], {})`))).toEqual([{ position: ["contains_path", 1], code: "invalid argument", description: "String or Integer expected, Boolean provided." }]);
    });
  });

  test("pages, refs and documents", async () => {
    await withDb(async (db) => {
      await db.query(`CreateCollection({ name: "c" })`);
      await db.query(`Create(Ref(Collection("c"), "1"), { data: { a: 1 } })`);
      await db.query(`Create(Ref(Collection("c"), "2"), { data: { a: 2 } })`);
      expect(await wire(db, `Let({ page: Paginate(Documents(Collection("c"))) }, [ContainsPath(0, Var("page")), ContainsPath(2, Var("page")), ContainsPath("data", Var("page")), ContainsPath("after", Var("page"))])`)).toBe(
        "[true,false,true,false]",
      );
      // Fauna v4 did not read through refs.
      expect(await wire(db, `[ContainsPath("id", Ref(Collection("c"), "1")), ContainsPath("data", Ref(Collection("c"), "1")), ContainsField("ts", Ref(Collection("nope"), "1"))]`)).toBe("[true,false,false]");
      expect(await wire(db, `ContainsPath(["data", "a"], Get(Ref(Collection("c"), "1")))`)).toBe("true");
    });
  });

  // https://docs.fauna.com/fauna/v4/api/fql/functions/containsfield
  test("ContainsField looks at the top level of objects only", async () => {
    await withDb(async (db) => {
      expect(await wire(db, `[ContainsField("a", { a: 1 }), ContainsField("b", { a: 1 }), ContainsField("a", { a: null }), ContainsField("a", 5)]`)).toBe("[true,false,true,false]");
      expect(errorJson(await failure(db, `ContainsField(["foo"], {})`))).toEqual([{ position: ["contains_field"], code: "invalid argument", description: "String expected, Array provided." }]);
      expect(errorJson(await failure(db, `ContainsField(0, {})`))).toEqual([{ position: ["contains_field"], code: "invalid argument", description: "String expected, Integer provided." }]);
      expect(errorJson(await failure(db, `ContainsField("a", [1])`))).toEqual([{ position: ["in"], code: "invalid argument", description: "Object expected, Array provided." }]);
    });
  });
});

describe("ContainsValue", () => {
  // https://docs.fauna.com/fauna/v4/api/fql/functions/containsvalue
  test("arrays and objects: top-level values", async () => {
    await withDb(async (db) => {
      expect(await wire(db, `[ContainsValue(1, [0, 1, 2]), ContainsValue(10, [0, 1, 2]), ContainsValue(1, { x: 1, y: 2 }), ContainsValue(1, { x: { y: 1 } }), ContainsValue([1], [[1.0]])]`)).toBe(
        "[true,false,true,false,false]",
      );
      expect(await wire(db, `[ContainsValue({ b: 2, a: 1 }, [{ a: 1, b: 2 }]), ContainsValue(null, { a: null })]`)).toBe("[true,true]");
    });
  });

  test("refs, documents, pages and sets", async () => {
    await withDb(async (db) => {
      await db.query(`CreateCollection({ name: "c" })`);
      await db.query(`CreateIndex({ name: "pairs", source: Collection("c"), values: [{ field: ["data", "a"] }, { field: ["data", "b"] }] })`);
      await db.query(`CreateIndex({ name: "by_a", source: Collection("c"), terms: [{ field: ["data", "a"] }] })`);
      await db.query(`Create(Ref(Collection("c"), "10"), { data: { a: 10, b: 20 } })`);
      await db.query(`Create(Ref(Collection("c"), "11"), { data: { a: 11, b: 21 } })`);
      expect(await wire(db, `[ContainsValue("10", Ref(Collection("c"), "10")), ContainsValue(10, Ref(Collection("c"), "10")), ContainsValue(Collection("c"), Ref(Collection("c"), "10"))]`)).toBe("[true,false,true]");
      expect(await wire(db, `Let({ doc: Get(Ref(Collection("c"), "10")) }, [ContainsValue(Ref(Collection("c"), "10"), Var("doc")), ContainsValue(Collection("c"), Var("doc")), ContainsValue({ a: 10, b: 20 }, Var("doc")), ContainsValue(10, Var("doc"))])`)).toBe(
        "[true,true,true,false]",
      );
      expect(await wire(db, `[ContainsValue([10, 20], Match(Index("pairs"))), ContainsValue(10, Match(Index("pairs"))), ContainsValue([11, 22], Match(Index("pairs")))]`)).toBe("[true,false,false]");
      expect(await wire(db, `[ContainsValue(Ref(Collection("c"), "11"), Match(Index("by_a"), 11)), ContainsValue(Ref(Collection("c"), "10"), Match(Index("by_a"), 11))]`)).toBe("[true,false]");
      expect(await wire(db, `ContainsValue(Ref(Collection("c"), "10"), Documents(Collection("c")))`)).toBe("true");
      // A page holds its data as one value: its elements are not found.
      expect(await wire(db, `Let({ page: Paginate(Match(Index("pairs"))) }, [ContainsValue(Select("data", Var("page")), Var("page")), ContainsValue([10, 20], Var("page"))])`)).toBe("[true,false]");
    });
  });

  test("scalars and refs that name nothing are refused", async () => {
    await withDb(async (db) => {
      for (const scalar of [`1`, `"x"`, `null`, `Now()`, `Ref(Collection("nope"), "1")`]) {
        expect(errorJson(await failure(db, `ContainsValue(1, ${scalar})`))).toEqual([
          { position: ["in"], code: "invalid argument", description: "Object, Array, Page, Set, or Ref expected, Scalar provided." },
        ]);
      }
      expect(await wire(db, `ContainsValue(1, Lambda("x", 1))`)).toBe("false");
    });
  });
});
