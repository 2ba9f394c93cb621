import { errorJson, failure, withDb, wire } from "../helpers";

describe("Merge", () => {
  // https://docs.fauna.com/fauna/v4/api/fql/functions/merge
  test("merges shallowly, the right value winning, null removing", async () => {
    await withDb(async (db) => {
      expect(await wire(db, `Merge({ x: 10, y: 20 }, { z: 30 })`)).toBe(`{"x":10,"y":20,"z":30}`);
      expect(await wire(db, `Merge({ x: 10, y: 20 }, { x: 100, y: null })`)).toBe(`{"x":100}`);
      expect(await wire(db, `Merge({}, [{ x: 10 }, { y: 20 }, { z: 30 }])`)).toBe(`{"x":10,"y":20,"z":30}`);
      expect(await wire(db, `Merge({ a: { b: 1, c: 2 } }, { a: { d: 3 } })`)).toBe(`{"a":{"d":3}}`);
      expect(await wire(db, `Merge({ a: 1 }, [])`)).toBe(`{"a":1}`);
    });
  });

  test("a Lambda decides each value from [key, left, right]", async () => {
    await withDb(async (db) => {
      expect(await wire(db, `Merge({ x: 10, y: 20 }, { x: 100, y: 200 }, Lambda(["key", "left", "right"], Var("left")))`)).toBe(`{"x":10,"y":20}`);
      expect(await wire(db, `Merge({ x: 10 }, { x: 100, y: 200 }, Lambda("args", Var("args")))`)).toBe(`{"x":["x",10,100],"y":["y",null,200]}`);
      expect(await wire(db, `Merge({ x: 1, y: 2 }, { x: 5, y: 6 }, Lambda(["k", "l", "r"], If(Equals(Var("k"), "x"), null, Add(Var("l"), Var("r")))))`)).toBe(`{"y":8}`);
      expect(errorJson(await failure(db, `Merge({}, { x: 1 }, Lambda(["a", "b"], Var("a")))`))).toEqual([
        { position: ["lambda"], code: "invalid argument", description: "Lambda expects an array with 2 elements. Array contains 3." },
      ]);
    });
  });

  test("the resolver must be written as a Lambda", async () => {
    await withDb(async (db) => {
      expect(errorJson(await failure(db, `Merge({}, {}, "x")`))).toEqual([{ position: ["lambda"], code: "invalid expression", description: "Lambda expected, String provided." }]);
      expect(errorJson(await failure(db, `Let({ f: Lambda("x", Var("x")) }, Merge({}, {}, Var("f")))`))).toEqual([
        { position: ["in", "lambda"], code: "invalid expression", description: "No form/function found, or invalid argument keys: { var }." },
      ]);
    });
  });

  test("documents merge as their fields; every argument that is not an object is reported", async () => {
    await withDb(async (db) => {
      await db.query(`CreateCollection({ name: "c" })`);
      await db.query(`Create(Ref(Collection("c"), "1"), { data: { x: 1, y: 2 } })`);
      expect(await wire(db, `Select("data", Merge(Get(Ref(Collection("c"), "1")), { data: { z: 30 } }))`)).toBe(`{"z":30}`);
      expect(errorJson(await failure(db, `Merge("x", "y")`))).toEqual([
        { position: ["merge"], code: "invalid argument", description: "Object expected, String provided." },
        { position: ["with"], code: "invalid argument", description: "Object expected, String provided." },
      ]);
      expect(errorJson(await failure(db, `Merge({}, [{}, "str", 10])`))).toEqual([
        { position: ["with", 1], code: "invalid argument", description: "Object expected, String provided." },
        { position: ["with", 2], code: "invalid argument", description: "Object expected, Integer provided." },
      ]);
    });
  });
});

describe("SelectAll", () => {
  // https://docs.fauna.com/fauna/v4/api/fql/functions/selectall
  test("gathers every value at the path, through arrays, flattened", async () => {
    await withDb(async (db) => {
      expect(await wire(db, `SelectAll(["data", "arr"], { data: { arr: [1, [2, [3]], 4, { foo: "bar" }] } })`)).toBe(`[1,2,3,4,{"foo":"bar"}]`);
      expect(await wire(db, `SelectAll(["data", "bar"], { data: [{ bar: 1 }, { bar: 2 }, { bar: [3, [4, [5]]] }] })`)).toBe("[1,2,3,4,5]");
      expect(await wire(db, `SelectAll("name", [{ name: "Alice" }, { other: 1 }, { name: "Bob" }])`)).toBe(`["Alice","Bob"]`);
      expect(await wire(db, `SelectAll(["a", 1], { a: [10, 20] })`)).toBe("[20]");
      // The older name, and its wire form.
      expect(await wire(db, `SelectAsIndex("n", [{ n: 1 }, { n: [2] }])`)).toBe("[1,2]");
      expect(await wire(db, { select_as_index: "n", from: [{ object: { n: 1 } }] })).toBe("[1]");
    });
  });

  test("never fails for a missing path", async () => {
    await withDb(async (db) => {
      expect(await wire(db, `SelectAll(["data", "foo"], { data: { arr: [1] } })`)).toBe("[]");
      expect(await wire(db, `SelectAll("x", 5)`)).toBe("[]");
      expect(errorJson(await failure(db, `Select(["data", "bar"], { data: [{ bar: 1 }] })`))).toEqual([
        { position: ["from"], code: "value not found", description: "Value not found at path [data,bar]." },
      ]);
      expect(errorJson(await failure(db, `SelectAll(["a", 1.5], {})`))).toEqual([{ position: ["select_all", 1], code: "invalid argument", description: "String or Integer expected, Double provided." }]);
    });
  });
});

describe("NewId and NextId", () => {
  // https://docs.fauna.com/fauna/v4/api/fql/functions/newid
  test("a fresh id, as a string, usable as a document id", async () => {
    await withDb(async (db) => {
      const [first, second] = JSON.parse(await wire(db, `[NewId(), NextId()]`)) as string[];
      expect(first).toMatch(/^\d{18,19}$/);
      expect(BigInt(second!)).toBeGreaterThan(BigInt(first!));
      const later = JSON.parse(await wire(db, `NewId()`)) as string;
      expect(BigInt(later)).toBeGreaterThan(BigInt(second!));
      await db.query(`CreateCollection({ name: "c" })`);
      expect(await wire(db, `Let({ id: NewId() }, Equals(Var("id"), Select(["ref", "id"], Create(Ref(Collection("c"), Var("id")), {}))))`)).toBe("true");
    });
  });

  test("counts as a write, as in Fauna", async () => {
    await withDb(async (db) => {
      expect(errorJson(await failure(db, `NewId()`, { readOnlyIn: "get requests" }))).toEqual([
        { position: [], code: "invalid expression", description: "Call performs a write, which is not allowed in get requests." },
      ]);
    });
  });
});
