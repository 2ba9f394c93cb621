import fc from "fast-check";
import { Bytes, DateValue, Ref, Timestamp, type Value } from "../../src/language/values";
import { termsKey, tupleKey } from "../../src/store/value-keys";

const key = (value: Value, reverse = false) => tupleKey([{ value, reverse }]);
const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

describe("sort keys", () => {
  test("numbers order by value, Longs and Doubles together", () => {
    const number = fc.oneof(fc.bigInt({ min: -(1n << 63n), max: (1n << 63n) - 1n }), fc.double({ noNaN: true }));
    fc.assert(
      fc.property(number, number, (a, b) => {
        const numeric = Number(a) < Number(b) ? -1 : Number(a) > Number(b) ? 1 : typeof a === "bigint" && typeof b === "bigint" ? (a < b ? -1 : a > b ? 1 : 0) : 0;
        if (numeric !== 0 || (typeof a === typeof b && !Object.is(a, -0) && !Object.is(b, -0))) expect(order(key(a), key(b))).toBe(numeric);
      }),
      { numRuns: 3000 },
    );
    expect(key(1n)).toBe(key(1));
    expect(order(key(9007199254740993n), key(9007199254740992))).toBe(1);
  });

  test("types order as Fauna's: numbers, bytes, strings, arrays, objects, refs, times, dates, false, true, null", () => {
    const values: Value[] = [
      -5n,
      2.5,
      new Bytes(new Uint8Array([1])),
      "a",
      "b",
      [1n],
      [1n, 2n],
      new Map([["a", 1n]]),
      new Ref("1", Ref.schema("collections", "c")),
      new Timestamp(0n),
      new DateValue(0),
      false,
      true,
      null,
    ];
    const keys = values.map((value) => key(value));
    expect([...keys].sort()).toEqual(keys);
  });

  test("refs order numerically by id, then by collection, as Fauna's did", () => {
    const users = Ref.schema("collections", "users");
    const refs = [new Ref("1", Ref.schema("collections", "z")), new Ref("2", users), new Ref("2", Ref.schema("collections", "zz")), new Ref("10", users)];
    expect(refs.map((ref) => key(ref)).sort()).toEqual(refs.map((ref) => key(ref)));
  });

  test("times order to the nanosecond, before the epoch too", () => {
    const times = [-1_000_000_001n, -1n, 0n, 1n, 1_000_000_000n].map((nanos) => key(new Timestamp(nanos)));
    expect([...times].sort()).toEqual(times);
  });

  test("tuples compare element by element; a prefix comes first; reverse inverts one element", () => {
    const tuple = (...values: Value[]) => tupleKey(values.map((value) => ({ value })));
    expect(order(tuple("a", 2n), tuple("a", 10n))).toBe(-1);
    expect(order(tuple("a"), tuple("a", 1n))).toBe(-1);
    expect(order(tuple("ab"), tuple("a", "z"))).toBe(1);
    const descending = (value: Value) => tupleKey([{ value, reverse: true }, { value: 1n }]);
    expect(order(descending("a"), descending("b"))).toBe(1);
    expect(order(descending("a"), descending("ab"))).toBe(1);
  });

  test("very long values still make keys LMDB can hold", () => {
    expect(key("x".repeat(5000)).length).toBeLessThan(2000);
    expect(order(key("a".repeat(5000)), key("b"))).toBe(-1);
  });
});

describe("terms keys", () => {
  test("tell Longs from Doubles and keep exact bytes", () => {
    expect(termsKey([1n])).not.toBe(termsKey([1]));
    expect(termsKey(["a"])).not.toBe(termsKey(["A"]));
    expect(termsKey(["x".repeat(5000)]).length).toBe(64);
  });
});
