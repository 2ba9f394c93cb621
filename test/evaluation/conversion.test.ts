import { errorJson, failure, withDb, wire } from "../helpers";
import { parseDecimalFormat } from "../../src/language/numbers";

describe("parseDecimalFormat reads numbers as Java's DecimalFormat did", () => {
  test.each<[string, bigint | number | undefined]>([
    ["5", 5n],
    ["1.0", 1n],
    ["5.", 5n],
    ["1.50", 1.5],
    [".5", 0.5],
    ["1.5E10", 15000000000n],
    ["1E3", 1000n],
    ["1E-3", 0.001],
    ["1e3", 1n],
    ["3.14e2", 3.14],
    ["12abc", 12n],
    ["1 000", 1n],
    ["1.2.3", 1.2],
    ["0x10", 0n],
    ["1,000", 1000n],
    ["1,5", 15n],
    ["-0", -0],
    ["-0.0", -0],
    ["0.0", 0n],
    ["-42", -42n],
    ["NaN", NaN],
    ["∞", Infinity],
    ["-∞", -Infinity],
    ["9223372036854775807", 9223372036854775807n],
    ["-9223372036854775808", -9223372036854775808n],
    ["9223372036854775808", 9223372036854775808],
    ["1E400", Infinity],
    ["+5", undefined],
    ["-", undefined],
    ["", undefined],
    ["abc", undefined],
    ["Infinity", undefined],
    [".", undefined],
  ])("%s", (text, expected) => {
    expect(parseDecimalFormat(text)).toEqual(expected);
  });
});

describe("ToNumber, ToDouble, ToInteger", () => {
  // https://docs.fauna.com/fauna/v4/api/fql/functions/tonumber
  test("ToNumber: numbers as they are, strings as Fauna parsed them", async () => {
    await withDb(async (db) => {
      expect(await wire(db, `[ToNumber("123"), ToNumber("1.5"), ToNumber(7), ToNumber(2.5), ToNumber(" 12 "), ToNumber("1.0"), ToNumber("-0")]`)).toBe("[123,1.5,7,2.5,12,1,-0.0]");
      expect(errorJson(await failure(db, `ToNumber("abc")`))).toEqual([{ position: [], code: "invalid argument", description: "Cannot cast String to Number." }]);
      expect(errorJson(await failure(db, `ToNumber(true)`))).toEqual([{ position: [], code: "invalid argument", description: "Cannot cast Boolean to Number." }]);
      expect(errorJson(await failure(db, `ToNumber(Now())`))).toEqual([{ position: [], code: "invalid argument", description: "Cannot cast Time to Number." }]);
    });
  });

  // https://docs.fauna.com/fauna/v4/api/fql/functions/todouble
  test("ToDouble", async () => {
    await withDb(async (db) => {
      expect(await wire(db, `[ToDouble(1), ToDouble("1.0"), ToDouble(2.5), ToDouble("4.5e1")]`)).toBe("[1.0,1.0,2.5,4.5]");
      expect(errorJson(await failure(db, `ToDouble(null)`))).toEqual([{ position: ["to_double"], code: "invalid argument", description: "Cannot cast Null to Double." }]);
      expect(errorJson(await failure(db, `ToDouble(Databases())`))).toEqual([{ position: ["to_double"], code: "invalid argument", description: "Cannot cast Collection Ref to Double." }]);
      expect(errorJson(await failure(db, `ToDouble([1])`))).toEqual([{ position: ["to_double"], code: "invalid argument", description: "Cannot cast Array to Double." }]);
    });
  });

  // https://docs.fauna.com/fauna/v4/api/fql/functions/tointeger
  test("ToInteger truncates toward zero and saturates", async () => {
    await withDb(async (db) => {
      expect(await wire(db, `[ToInteger(1.9), ToInteger(-1.9), ToInteger("1.9"), ToInteger("-1.9"), ToInteger("9223372036854775808"), ToInteger(1e300), ToInteger(-1e300), ToInteger("NaN"), ToInteger(42)]`)).toBe(
        "[1,-1,1,-1,9223372036854775807,9223372036854775807,-9223372036854775808,0,42]",
      );
      expect(errorJson(await failure(db, `ToInteger("x")`))).toEqual([{ position: ["to_integer"], code: "invalid argument", description: "Cannot cast String to Integer." }]);
      expect(errorJson(await failure(db, `ToInteger(Date("2020-01-01"))`))).toEqual([{ position: ["to_integer"], code: "invalid argument", description: "Cannot cast Date to Integer." }]);
    });
  });
});

describe("ToObject and ToArray", () => {
  // https://docs.fauna.com/fauna/v4/api/fql/functions/toobject
  test("ToObject makes an object of [field, value] pairs", async () => {
    await withDb(async (db) => {
      expect(await wire(db, `ToObject([["x", 10], ["y", 20], ["z", null]])`)).toBe(`{"x":10,"y":20,"z":null}`);
      expect(await wire(db, `ToObject([])`)).toBe("{}");
      expect(await wire(db, `ToObject(Map([1, 2, 3], Lambda("i", [ToString(Var("i")), Var("i")])))`)).toBe(`{"1":1,"2":2,"3":3}`);
      expect(await wire(db, `ToObject({ a: 1 })`)).toBe(`{"a":1}`);
    });
  });

  test("ToObject of a document is its fields; pages and scalars are refused", async () => {
    await withDb(async (db) => {
      await db.query(`CreateCollection({ name: "c" })`);
      await db.query(`Create(Ref(Collection("c"), "1"), { data: { a: 1 } })`);
      expect(await wire(db, `Select("data", ToObject(Get(Ref(Collection("c"), "1"))))`)).toBe(`{"a":1}`);
      expect(errorJson(await failure(db, `ToObject(Paginate(Documents(Collection("c"))))`))).toEqual([
        { position: ["to_object"], code: "invalid argument", description: "Cannot cast Page to Object." },
      ]);
      expect(errorJson(await failure(db, `ToObject("x")`))).toEqual([{ position: ["to_object"], code: "invalid argument", description: "Cannot cast String to Object." }]);
    });
  });

  test("ToObject reports every element that is not a pair", async () => {
    await withDb(async (db) => {
      expect(errorJson(await failure(db, `ToObject([[10, 20], ["ok", 1], ["a"], "b"])`))).toEqual([
        { position: ["to_object", 0], code: "invalid argument", description: "Field/Value expected, Array provided." },
        { position: ["to_object", 2], code: "invalid argument", description: "Field/Value expected, Array provided." },
        { position: ["to_object", 3], code: "invalid argument", description: "Field/Value expected, String provided." },
      ]);
    });
  });

  // https://docs.fauna.com/fauna/v4/api/fql/functions/toarray
  test("ToArray makes pairs of an object and keeps an array", async () => {
    await withDb(async (db) => {
      expect(await wire(db, `ToArray({ x: 10, y: 20, z: null })`)).toBe(`[["x",10],["y",20],["z",null]]`);
      expect(await wire(db, `ToArray([1, "a"])`)).toBe(`[1,"a"]`);
      await db.query(`CreateCollection({ name: "c" })`);
      await db.query(`Create(Ref(Collection("c"), "1"), { data: { a: 1 } })`);
      expect(await wire(db, `Map(ToArray(Get(Ref(Collection("c"), "1"))), Lambda("pair", Select(0, Var("pair"))))`)).toBe(`["ref","ts","data"]`);
      expect(errorJson(await failure(db, `ToArray(Paginate(Documents(Collection("c"))))`))).toEqual([{ position: ["to_array"], code: "invalid argument", description: "Cannot cast Page to Array." }]);
      expect(errorJson(await failure(db, `ToArray(1)`))).toEqual([{ position: ["to_array"], code: "invalid argument", description: "Cannot cast Integer to Array." }]);
    });
  });
});
