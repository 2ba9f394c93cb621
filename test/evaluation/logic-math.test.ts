import { errorJson, failure, withDb, wire } from "../helpers";

describe("Equals", () => {
  // https://docs.fauna.com/fauna/v4/api/fql/functions/equals
  test("compares all its arguments", async () => {
    await withDb(async (db) => {
      expect(await wire(db, `Equals(1, 1, 1)`)).toBe("true");
      expect(await wire(db, `Equals("a", "b")`)).toBe("false");
      expect(await wire(db, `Equals(1)`)).toBe("true");
      expect(await wire(db, `Equals({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })`)).toBe("true");
      expect(await wire(db, `Equals({ a: 1, b: 2 }, { b: 2, a: 1 })`)).toBe("true");
      expect(await wire(db, `Equals(Ref(Collection("c"), "1"), Ref(Collection("c"), "1"))`)).toBe("true");
      expect(await wire(db, `Equals(Time("2021-01-01T00:00:00Z"), Epoch(1609459200, "second"))`)).toBe("true");
    });
  });

  test("Long and Double are equal at the top level only, as in Fauna", async () => {
    await withDb(async (db) => {
      expect(await wire(db, `Equals(1, 1.0)`)).toBe("true");
      expect(await wire(db, `Equals([1], [1.0])`)).toBe("false");
      expect(await wire(db, `Equals({ a: 1 }, { a: 1.0 })`)).toBe("false");
    });
  });

  test("needs at least one value", async () => {
    await withDb(async (db) => {
      expect(errorJson(await failure(db, `Equals([])`))).toEqual([{ position: ["equals"], code: "invalid argument", description: "Non-empty array expected." }]);
    });
  });
});

describe("Not, And, Or", () => {
  // https://docs.fauna.com/fauna/v4/api/fql/functions/not
  test("Not negates a Boolean", async () => {
    await withDb(async (db) => {
      expect(await wire(db, `Not(false)`)).toBe("true");
      expect(errorJson(await failure(db, `Not(0)`))).toEqual([{ position: ["not"], code: "invalid argument", description: "Boolean expected, Integer provided." }]);
    });
  });

  // https://docs.fauna.com/fauna/v4/api/fql/functions/and
  // https://docs.fauna.com/fauna/v4/api/fql/functions/or
  test("And and Or short-circuit from the left", async () => {
    await withDb(async (db) => {
      expect(await wire(db, `And(true, true)`)).toBe("true");
      expect(await wire(db, `And(true, false, Abort("not evaluated"))`)).toBe("false");
      expect(await wire(db, `Or(false, true, Abort("not evaluated"))`)).toBe("true");
      expect(await wire(db, `Or(false, false)`)).toBe("false");
      expect(await wire(db, `And(true)`)).toBe("true");
    });
  });

  test("an argument that is evaluated must be a Boolean", async () => {
    await withDb(async (db) => {
      expect(errorJson(await failure(db, `And(true, "x")`))).toEqual([{ position: ["and", 1], code: "invalid argument", description: "Boolean expected, String provided." }]);
      expect(errorJson(await failure(db, `Or(1)`))).toEqual([{ position: ["or", 0], code: "invalid argument", description: "Boolean expected, Integer provided." }]);
      expect(errorJson(await failure(db, { and: [] }))).toEqual([{ position: ["and"], code: "invalid expression", description: "Expression list cannot be empty." }]);
    });
  });
});

describe("Add, Subtract, Multiply, Divide, Modulo", () => {
  // https://docs.fauna.com/fauna/v4/api/fql/functions/add
  // https://docs.fauna.com/fauna/v4/api/fql/functions/divide
  // https://docs.fauna.com/fauna/v4/api/fql/functions/multiply
  // https://docs.fauna.com/fauna/v4/api/fql/functions/subtract
  test("Longs stay Longs; a Double makes the rest Double", async () => {
    await withDb(async (db) => {
      expect(await wire(db, `Add(1, 2, 3)`)).toBe("6");
      expect(await wire(db, `Add(1, 2.5)`)).toBe("3.5");
      expect(await wire(db, `Add(1.0, 2)`)).toBe("3.0");
      expect(await wire(db, `Subtract(10, 1, 2)`)).toBe("7");
      expect(await wire(db, `Multiply(2, 3, 4)`)).toBe("24");
      expect(await wire(db, `Multiply(0.1, 3)`)).toBe("0.30000000000000004");
      expect(await wire(db, `Divide(7, 2, 1.0)`)).toBe("3.0");
      expect(await wire(db, `Divide(7.0, 2)`)).toBe("3.5");
    });
  });

  test("one argument is returned as it is", async () => {
    await withDb(async (db) => {
      expect(await wire(db, `Add(5)`)).toBe("5");
      expect(await wire(db, `Subtract(-4)`)).toBe("-4");
      expect(await wire(db, `Divide(4)`)).toBe("4");
    });
  });

  // https://docs.fauna.com/fauna/v4/api/fql/functions/modulo
  test("Long division truncates toward zero and modulo keeps the dividend's sign, as Java", async () => {
    await withDb(async (db) => {
      expect(await wire(db, `[Divide(5, 3), Divide(-7, 2), Modulo(7, 3), Modulo(-7, 2), Modulo(7.5, 2)]`)).toBe("[1,-3,1,-1,1.5]");
    });
  });

  test("Long arithmetic wraps around at 64 bits, as Fauna's did", async () => {
    await withDb(async (db) => {
      expect(await wire(db, `Add(9223372036854775807, 1)`)).toBe("-9223372036854775808");
      expect(await wire(db, `Multiply(4611686018427387904, 2)`)).toBe("-9223372036854775808");
      expect(await wire(db, `Divide(-9223372036854775808, -1)`)).toBe("-9223372036854775808");
    });
  });

  test("dividing by zero is an error, for Doubles too", async () => {
    await withDb(async (db) => {
      for (const query of [`Divide(1, 0)`, `Divide(1.0, 0.0)`, `Modulo(1, 0)`]) {
        expect(errorJson(await failure(db, query))).toEqual([{ position: [], code: "invalid argument", description: "Illegal division by zero." }]);
      }
    });
  });

  test("every operand that is not a number is reported", async () => {
    await withDb(async (db) => {
      expect(errorJson(await failure(db, `Add(1, "a", true)`))).toEqual([
        { position: ["add", 1], code: "invalid argument", description: "Number expected, String provided." },
        { position: ["add", 2], code: "invalid argument", description: "Number expected, Boolean provided." },
      ]);
      expect(errorJson(await failure(db, `Add("5")`))).toEqual([{ position: ["add"], code: "invalid argument", description: "Number expected, String provided." }]);
      expect(errorJson(await failure(db, `Add([])`))).toEqual([{ position: ["add"], code: "invalid argument", description: "Non-empty array expected." }]);
    });
  });
});

describe("Concat and ToString", () => {
  // https://docs.fauna.com/fauna/v4/api/fql/functions/concat
  test("Concat joins strings, with an optional separator", async () => {
    await withDb(async (db) => {
      expect(await wire(db, `Concat(["a", "b", "c"])`)).toBe(`"abc"`);
      expect(await wire(db, `Concat(["a", "b"], ", ")`)).toBe(`"a, b"`);
      expect(await wire(db, `Concat("single")`)).toBe(`"single"`);
      expect(await wire(db, `Concat([])`)).toBe(`""`);
    });
  });

  test("Concat takes strings only", async () => {
    await withDb(async (db) => {
      expect(errorJson(await failure(db, `Concat(["a", 1])`))).toEqual([{ position: ["concat", 1], code: "invalid argument", description: "String expected, Integer provided." }]);
      expect(errorJson(await failure(db, `Concat(["a"], 1)`))).toEqual([{ position: ["separator"], code: "invalid argument", description: "String expected, Integer provided." }]);
    });
  });

  test("ToString writes scalars as Fauna did", async () => {
    await withDb(async (db) => {
      expect(await wire(db, `[ToString(42), ToString(-1.5), ToString(1.0), ToString(1.5e10), ToString(0.0001), ToString(true), ToString(null), ToString("s")]`)).toBe(
        `["42","-1.5","1.0","1.5E10","1.0E-4","true","null","s"]`,
      );
      expect(await wire(db, `[ToString(Time("2021-06-23T21:22:18.607Z")), ToString(Date("2021-06-23"))]`)).toBe(`["2021-06-23T21:22:18.607Z","2021-06-23"]`);
    });
  });

  test("ToString refuses values that are not scalars", async () => {
    await withDb(async (db) => {
      expect(errorJson(await failure(db, `ToString([1])`))).toEqual([{ position: [], code: "invalid argument", description: "Cannot cast Array to String." }]);
      expect(errorJson(await failure(db, `ToString(Collection("c"))`))).toEqual([{ position: [], code: "invalid argument", description: "Cannot cast Collection Ref to String." }]);
    });
  });
});
