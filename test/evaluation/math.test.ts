import type { Engine } from "../../src/engine";
import { errorJson, failure, withDb, wire } from "../helpers";

/** Each query's wire result, in order. */
async function results(db: Engine, queries: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const query of queries) out.push(await wire(db, query));
  return out;
}

async function errorOf(db: Engine, query: string): Promise<unknown[]> {
  return errorJson(await failure(db, query));
}

function invalid(position: (string | number)[], description: string): unknown[] {
  return [{ position, code: "invalid argument", description }];
}

const LONG_MIN = "Subtract(-9223372036854775807, 1)";

// https://docs.fauna.com/fauna/v4/api/fql/functions/abs
describe("Abs", () => {
  test("keeps the type; the smallest Long stays as it is, as in Java", async () => {
    await withDb(async (db) => {
      expect(await results(db, [`Abs(-1)`, `Abs(10)`, `Abs(0)`, `Abs(-1.0)`, `Abs(-2.5)`, `Abs(-0.0)`, `Abs(Add(-1, -2, -3))`, `Abs(${LONG_MIN})`])).toEqual([
        "1",
        "10",
        "0",
        "1.0",
        "2.5",
        "0.0",
        "6",
        "-9223372036854775808",
      ]);
    });
  });

  test("needs a Number", async () => {
    await withDb(async (db) => {
      expect(await errorOf(db, `Abs("5")`)).toEqual(invalid(["abs"], "Number expected, String provided."));
      expect(await errorOf(db, `Abs(null)`)).toEqual(invalid(["abs"], "Number expected, Null provided."));
    });
  });
});

// https://docs.fauna.com/fauna/v4/api/fql/functions/bitand
// https://docs.fauna.com/fauna/v4/api/fql/functions/bitor
// https://docs.fauna.com/fauna/v4/api/fql/functions/bitxor
describe("BitAnd, BitOr, BitXor", () => {
  test("fold Longs bit by bit", async () => {
    await withDb(async (db) => {
      expect(
        await results(db, [
          `BitAnd(15, 7, 3)`,
          `BitAnd(255, 7, 15)`,
          `BitAnd(16, 17)`,
          `BitAnd(-1, 255)`,
          `BitAnd([12, 10])`,
          `BitAnd(5)`,
          `BitOr(1, 2, 4, 8)`,
          `BitOr(1, 0, 16)`,
          `BitOr(0, 0, 0)`,
          `BitOr(${LONG_MIN}, 1)`,
          `BitXor(1, 0, 1)`,
          `BitXor(5, 3)`,
          `BitXor(-1, 1)`,
        ]),
      ).toEqual(["3", "7", "16", "255", "8", "5", "15", "17", "0", "-9223372036854775807", "0", "6", "-2"]);
    });
  });

  test("a Double is cut to a Long toward zero, and from then on the result is a Double", async () => {
    await withDb(async (db) => {
      expect(
        await results(db, [`BitAnd(7, 3.9)`, `BitAnd(3.9, 7, 5)`, `BitOr(1.5, 2)`, `BitXor(-2.5, 1)`, `BitAnd(-1, 1.0E20)`, `BitOr(0.5)`, `BitXor(2.5)`]),
      ).toEqual(["3.0", "1.0", "3.0", "-1.0", "9.223372036854776E18", "0.5", "2.5"]);
    });
  });

  test("need at least one Number, and report every bad one", async () => {
    await withDb(async (db) => {
      expect(await errorOf(db, `BitAnd([])`)).toEqual(invalid(["bitand"], "Non-empty array expected."));
      expect(await errorOf(db, `BitOr("a")`)).toEqual(invalid(["bitor"], "Number expected, String provided."));
      expect(await errorOf(db, `BitXor(1, "a", true)`)).toEqual([
        ...invalid(["bitxor", 1], "Number expected, String provided."),
        ...invalid(["bitxor", 2], "Number expected, Boolean provided."),
      ]);
    });
  });
});

// https://docs.fauna.com/fauna/v4/api/fql/functions/bitnot
describe("BitNot", () => {
  test("is always a Long; a Double is cut toward zero first", async () => {
    await withDb(async (db) => {
      expect(await results(db, [`BitNot(-1)`, `BitNot(1)`, `BitNot(0)`, `BitNot(2.7)`, `BitNot(-2.7)`, `BitNot(1.0E20)`])).toEqual([
        "0",
        "-2",
        "-1",
        "-3",
        "1",
        "-9223372036854775808",
      ]);
    });
  });

  test("needs a Number", async () => {
    await withDb(async (db) => {
      expect(await errorOf(db, `BitNot("1")`)).toEqual(invalid(["bitnot"], "Number expected, String provided."));
    });
  });
});

// https://docs.fauna.com/fauna/v4/api/fql/functions/ceil
// https://docs.fauna.com/fauna/v4/api/fql/functions/floor
describe("Ceil, Floor", () => {
  test("leave a Long as it is and round a Double to a whole Double", async () => {
    await withDb(async (db) => {
      expect(await results(db, [`Ceil(1)`, `Ceil(1.1)`, `Ceil(1.9)`, `Ceil(-0.1)`, `Ceil(-1.5)`, `Floor(3)`, `Floor(2.9)`, `Floor(-0.1)`, `Floor(-2.5)`])).toEqual([
        "1",
        "2.0",
        "2.0",
        "-0.0",
        "-1.0",
        "3",
        "2.0",
        "-1.0",
        "-3.0",
      ]);
    });
  });

  test("need a Number", async () => {
    await withDb(async (db) => {
      expect(await errorOf(db, `Ceil("1")`)).toEqual(invalid(["ceil"], "Number expected, String provided."));
      expect(await errorOf(db, `Floor([1])`)).toEqual(invalid(["floor"], "Number expected, Array provided."));
    });
  });
});

// https://docs.fauna.com/fauna/v4/api/fql/functions/round
describe("Round", () => {
  test("a Double is rounded to 2 places unless told otherwise; a Long without precision is left alone", async () => {
    await withDb(async (db) => {
      expect(await results(db, [`Round(5)`, `Round(5.123)`, `Round(5.666)`, `Round(5.999)`, `Round(-5.123)`, `Round(1.005)`])).toEqual([
        "5",
        "5.12",
        "5.67",
        "6.0",
        "-5.11",
        "1.0",
      ]);
    });
  });

  test("rounds at any precision, keeping the type", async () => {
    await withDb(async (db) => {
      expect(
        await results(db, [
          `Round(555.666, -2)`,
          `Round(555.666, -1)`,
          `Round(555.666, 0)`,
          `Round(555.666, 1)`,
          `Round(555.666, 2)`,
          `Round(444.444, -2)`,
          `Round(444.444, 1)`,
          `Round(555, -2)`,
          `Round(555, -1)`,
          `Round(444, -2)`,
          `Round(1234, 2)`,
          `Round(1234, 0)`,
          `Round(25.0, -1)`,
        ]),
      ).toEqual(["600.0", "560.0", "556.0", "555.7", "555.67", "400.0", "444.4", "600", "560", "400", "1234", "1234", "30.0"]);
    });
  });

  test("adds a half before cutting toward zero, so negative halves round up", async () => {
    await withDb(async (db) => {
      expect(await results(db, [`Round(-5, 0)`, `Round(-1.5, 0)`, `Round(1.5, 0)`, `Round(-1250, -2)`, `Round(-1234, -2)`, `Round(-0.125, 2)`])).toEqual([
        "-4",
        "-1.0",
        "2.0",
        "-1200",
        "-1100",
        "-0.12",
      ]);
    });
  });

  test("scales the fraction by at most the largest Int, and far negative precisions give zero", async () => {
    await withDb(async (db) => {
      expect(await results(db, [`Round(0.1234567890123, 12)`, `Round(5.5, -400)`, `Round(5, -400)`])).toEqual(["0.12345678923812545", "0.0", "0"]);
    });
  });

  test("needs a Number and an Integer precision", async () => {
    await withDb(async (db) => {
      expect(await errorOf(db, `Round("1.5")`)).toEqual(invalid(["round"], "Number expected, String provided."));
      expect(await errorOf(db, `Round(1.5, 1.0)`)).toEqual(invalid(["precision"], "Integer expected, Double provided."));
      // A null precision is left out, as the drivers did.
      expect(await wire(db, `Round(1.5, null)`)).toBe("1.5");
    });
  });
});

// https://docs.fauna.com/fauna/v4/api/fql/functions/trunc
describe("Trunc", () => {
  test("cuts toward zero at any precision, 2 places for a Double by default", async () => {
    await withDb(async (db) => {
      expect(
        await results(db, [
          `Trunc(5)`,
          `Trunc(5.999)`,
          `Trunc(-5.999)`,
          `Trunc(1234.5678, 2)`,
          `Trunc(1234.5678, 1)`,
          `Trunc(1234.5678, 0)`,
          `Trunc(1234.5678, -1)`,
          `Trunc(1234.5678, -2)`,
          `Trunc(-1234.5678, 2)`,
          `Trunc(1234, -2)`,
          `Trunc(1234, 2)`,
          `Trunc(-1299, -2)`,
        ]),
      ).toEqual(["5", "5.99", "-5.99", "1234.56", "1234.5", "1234.0", "1230.0", "1200.0", "-1234.56", "1200", "1234", "-1200"]);
    });
  });

  test("scales back in Doubles: a Double is left unsettled, where Round cuts it to a whole number again", async () => {
    await withDb(async (db) => {
      expect(await results(db, [`Trunc(100000.0, -5)`, `Round(100000.0, -5)`, `Trunc(100000, -5)`, `Round(100000, -5)`])).toEqual([
        "99999.99999999999",
        "99999.0",
        "99999",
        "99999",
      ]);
    });
  });

  test("needs a Number and an Integer precision", async () => {
    await withDb(async (db) => {
      expect(await errorOf(db, `Trunc(true)`)).toEqual(invalid(["trunc"], "Number expected, Boolean provided."));
      expect(await errorOf(db, `Trunc(1.5, "2")`)).toEqual(invalid(["precision"], "Integer expected, String provided."));
    });
  });
});

// https://docs.fauna.com/fauna/v4/api/fql/functions/sign
describe("Sign", () => {
  test("is a Long: -1, 0 or 1 for Longs; a Double is -1 below zero and 1 otherwise", async () => {
    await withDb(async (db) => {
      expect(await results(db, [`Sign(5)`, `Sign(-5)`, `Sign(0)`, `Sign(5.9)`, `Sign(-5.0)`, `Sign(0.0)`, `Sign(-0.0)`])).toEqual(["1", "-1", "0", "1", "-1", "1", "1"]);
    });
  });

  test("needs a Number", async () => {
    await withDb(async (db) => {
      expect(await errorOf(db, `Sign("-1")`)).toEqual(invalid(["sign"], "Number expected, String provided."));
    });
  });
});

// https://docs.fauna.com/fauna/v4/api/fql/functions/sqrt
describe("Sqrt", () => {
  test("is a Double", async () => {
    await withDb(async (db) => {
      expect(await results(db, [`Sqrt(9)`, `Sqrt(4.0)`, `Sqrt(2)`, `Sqrt(0)`, `Sqrt(-0.0)`])).toEqual(["3.0", "2.0", "1.4142135623730951", "0.0", "-0.0"]);
    });
  });

  test("a negative number is a bounds error at the call, printed as given", async () => {
    await withDb(async (db) => {
      expect(await errorOf(db, `Sqrt(-4)`)).toEqual(invalid([], "-4 must be positive"));
      expect(await errorOf(db, `Sqrt(-4.0)`)).toEqual(invalid([], "-4.0 must be positive"));
      expect(await errorOf(db, `Sqrt("4")`)).toEqual(invalid(["sqrt"], "Number expected, String provided."));
    });
  });
});

// https://docs.fauna.com/fauna/v4/api/fql/functions/acos
// https://docs.fauna.com/fauna/v4/api/fql/functions/asin
// https://docs.fauna.com/fauna/v4/api/fql/functions/atan
describe("Acos, Asin, Atan", () => {
  test("are Doubles", async () => {
    await withDb(async (db) => {
      expect(
        await results(db, [`Acos(1)`, `Acos(0)`, `Acos(-1)`, `Acos(0.5)`, `Asin(1)`, `Asin(-0.5)`, `Asin(0)`, `Atan(1)`, `Atan(-10)`, `Atan(0.5)`]),
      ).toEqual([
        "0.0",
        "1.5707963267948966",
        "3.141592653589793",
        "1.0471975511965979",
        "1.5707963267948966",
        "-0.5235987755982989",
        "0.0",
        "0.7853981633974483",
        "-1.4711276743037347",
        "0.4636476090008061",
      ]);
    });
  });

  test("Acos and Asin take -1 to 1 only", async () => {
    await withDb(async (db) => {
      expect(await errorOf(db, `Acos(2)`)).toEqual(invalid([], "2 must be between -1 and 1 inclusive"));
      expect(await errorOf(db, `Asin(-1.5)`)).toEqual(invalid([], "-1.5 must be between -1 and 1 inclusive"));
      expect(await errorOf(db, `Atan("1")`)).toEqual(invalid(["atan"], "Number expected, String provided."));
    });
  });
});

// https://docs.fauna.com/fauna/v4/api/fql/functions/cos
// https://docs.fauna.com/fauna/v4/api/fql/functions/sin
// https://docs.fauna.com/fauna/v4/api/fql/functions/tan
describe("Cos, Sin, Tan", () => {
  test("are Doubles of radians", async () => {
    await withDb(async (db) => {
      expect(
        await results(db, [`Cos(0)`, `Cos(1)`, `Cos(3.141592653589793)`, `Sin(0)`, `Sin(1)`, `Sin(-0.0)`, `Sin(3.141592653589793)`, `Tan(0)`, `Tan(1)`, `Tan(-0.5)`]),
      ).toEqual([
        "1.0",
        "0.5403023058681398",
        "-1.0",
        "0.0",
        "0.8414709848078965",
        "-0.0",
        "1.2246467991473532E-16",
        "0.0",
        "1.5574077246549023",
        "-0.5463024898437905",
      ]);
    });
  });

  test("need a Number", async () => {
    await withDb(async (db) => {
      expect(await errorOf(db, `Cos("0")`)).toEqual(invalid(["cos"], "Number expected, String provided."));
      expect(await errorOf(db, `Sin(null)`)).toEqual(invalid(["sin"], "Number expected, Null provided."));
      expect(await errorOf(db, `Tan({})`)).toEqual(invalid(["tan"], "Number expected, Object provided."));
    });
  });
});

// https://docs.fauna.com/fauna/v4/api/fql/functions/cosh
// https://docs.fauna.com/fauna/v4/api/fql/functions/sinh
// https://docs.fauna.com/fauna/v4/api/fql/functions/tanh
describe("Cosh, Sinh, Tanh", () => {
  test("are Doubles", async () => {
    await withDb(async (db) => {
      expect(await results(db, [`Cosh(0)`, `Cosh(2)`, `Trunc(Cosh(2), 2)`, `Sinh(0)`, `Sinh(2)`, `Sinh(-10)`, `Tanh(0)`, `Tanh(0.5)`, `Tanh(100)`])).toEqual([
        "1.0",
        "3.7621956910836314",
        "3.76",
        "0.0",
        "3.626860407847019",
        "-11013.232874703393",
        "0.0",
        "0.46211715726000974",
        "1.0",
      ]);
    });
  });

  test("need a Number", async () => {
    await withDb(async (db) => {
      expect(await errorOf(db, `Cosh("0")`)).toEqual(invalid(["cosh"], "Number expected, String provided."));
      expect(await errorOf(db, `Sinh(true)`)).toEqual(invalid(["sinh"], "Number expected, Boolean provided."));
      expect(await errorOf(db, `Tanh([])`)).toEqual(invalid(["tanh"], "Number expected, Array provided."));
    });
  });
});

// https://docs.fauna.com/fauna/v4/api/fql/functions/degrees
// https://docs.fauna.com/fauna/v4/api/fql/functions/radians
describe("Degrees, Radians", () => {
  test("convert angles as Doubles", async () => {
    await withDb(async (db) => {
      expect(await results(db, [`Degrees(0)`, `Degrees(2)`, `Degrees(3.141592653589793)`, `Degrees(0.1)`, `Radians(0)`, `Radians(180)`, `Radians(50)`, `Radians(0.1)`])).toEqual([
        "0.0",
        "114.59155902616465",
        "180.0",
        "5.729577951308233",
        "0.0",
        "3.141592653589793",
        "0.8726646259971648",
        "0.0017453292519943296",
      ]);
    });
  });

  test("need a Number", async () => {
    await withDb(async (db) => {
      expect(await errorOf(db, `Degrees("0")`)).toEqual(invalid(["degrees"], "Number expected, String provided."));
      expect(await errorOf(db, `Radians("0")`)).toEqual(invalid(["radians"], "Number expected, String provided."));
    });
  });
});

// https://docs.fauna.com/fauna/v4/api/fql/functions/exp
describe("Exp", () => {
  test("is e to the power, a Double", async () => {
    await withDb(async (db) => {
      expect(await results(db, [`Exp(0)`, `Exp(1)`, `Exp(-0.5)`, `Exp(2)`])).toEqual(["1.0", "2.718281828459045", "0.6065306597126334", "7.38905609893065"]);
    });
  });

  test("needs a Number", async () => {
    await withDb(async (db) => {
      expect(await errorOf(db, `Exp("1")`)).toEqual(invalid(["exp"], "Number expected, String provided."));
    });
  });
});

// https://docs.fauna.com/fauna/v4/api/fql/functions/ln
// https://docs.fauna.com/fauna/v4/api/fql/functions/log
describe("Ln, Log", () => {
  test("are natural and base-10 logarithms as Doubles", async () => {
    await withDb(async (db) => {
      expect(await results(db, [`Ln(1)`, `Ln(2)`, `Ln(100)`, `Ln(0.5)`, `Log(1)`, `Log(100)`, `Log(1000)`, `Log(0.001)`, `Log(2)`])).toEqual([
        "0.0",
        "0.6931471805599453",
        "4.605170185988092",
        "-0.6931471805599453",
        "0.0",
        "2.0",
        "3.0",
        "-3.0",
        "0.3010299956639812",
      ]);
    });
  });

  test("take numbers above zero only", async () => {
    await withDb(async (db) => {
      expect(await errorOf(db, `Ln(0)`)).toEqual(invalid([], "0 must be greater than 0"));
      expect(await errorOf(db, `Ln(-1.5)`)).toEqual(invalid([], "-1.5 must be greater than 0"));
      expect(await errorOf(db, `Log(-10)`)).toEqual(invalid([], "-10 must be greater than 0"));
      expect(await errorOf(db, `Log(0.0)`)).toEqual(invalid([], "0.0 must be greater than 0"));
      expect(await errorOf(db, `Log("10")`)).toEqual(invalid(["log"], "Number expected, String provided."));
    });
  });
});

// https://docs.fauna.com/fauna/v4/api/fql/functions/pow
describe("Pow", () => {
  test("squares by default and is always a Double", async () => {
    await withDb(async (db) => {
      expect(await results(db, [`Pow(2)`, `Pow(-2)`, `Pow(1.5)`, `Pow(2, 3)`, `Pow(10, 4)`, `Pow(-2.5, 3)`, `Pow(2, 0)`, `Pow(0, 0)`])).toEqual([
        "4.0",
        "4.0",
        "2.25",
        "8.0",
        "10000.0",
        "-15.625",
        "1.0",
        "1.0",
      ]);
    });
  });

  test("whole exponents give the nearest Double, as Java's pow did", async () => {
    await withDb(async (db) => {
      expect(await results(db, [`Pow(10, -3)`, `Pow(10, -4)`, `Pow(10, -5)`, `Pow(1.1, 2)`, `Pow(3, 40)`, `Pow(2, -1022)`, `Pow(0.1, 3)`, `Pow(-0.5, -3)`])).toEqual([
        "0.001",
        "1.0E-4",
        "1.0E-5",
        "1.2100000000000002",
        "1.2157665459056929E19",
        "2.2250738585072014E-308",
        "0.0010000000000000002",
        "-8.0",
      ]);
    });
  });

  test("takes fractional exponents", async () => {
    await withDb(async (db) => {
      expect(await results(db, [`Pow(4, 0.5)`, `Pow(2, 0.5)`, `Pow(8, -1.0)`])).toEqual(["2.0", "1.4142135623730951", "0.125"]);
    });
  });

  test("needs Numbers", async () => {
    await withDb(async (db) => {
      expect(await errorOf(db, `Pow("2")`)).toEqual(invalid(["pow"], "Number expected, String provided."));
      expect(await errorOf(db, `Pow(2, "3")`)).toEqual(invalid(["exp"], "Number expected, String provided."));
    });
  });
});

// https://docs.fauna.com/fauna/v4/api/fql/functions/hypot
describe("Hypot", () => {
  test("is a Double; the second side defaults to the first", async () => {
    await withDb(async (db) => {
      expect(await results(db, [`Hypot(3, 4)`, `Hypot(0)`, `Hypot(0, 0)`, `Hypot(-3, 4.0)`, `Hypot(2)`, `Trunc(Hypot(2), 2)`, `Hypot(5, 0)`])).toEqual([
        "5.0",
        "0.0",
        "0.0",
        "5.0",
        "2.8284271247461903",
        "2.82",
        "5.0",
      ]);
    });
  });

  test("rounds as Java's hypot did", async () => {
    await withDb(async (db) => {
      expect(await results(db, [`Hypot(3)`, `Hypot(4.1, 5.1)`, `Hypot(1.0E300, 1.0E300)`, `Hypot(3.0E-310, 4.0E-310)`])).toEqual([
        "4.242640687119285",
        "6.543699259593154",
        "1.4142135623730952E300",
        "5.0E-310",
      ]);
    });
  });

  test("needs Numbers", async () => {
    await withDb(async (db) => {
      expect(await errorOf(db, `Hypot("3")`)).toEqual(invalid(["hypot"], "Number expected, String provided."));
      expect(await errorOf(db, `Hypot(3, "4")`)).toEqual(invalid(["b"], "Number expected, String provided."));
      // A null second side is left out, as the drivers did.
      expect(await wire(db, `Hypot(3, null)`)).toBe("4.242640687119285");
    });
  });
});
