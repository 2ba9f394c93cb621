import { errorJson, failure, printed, SEED_TIME_MS, withDb, wire } from "../helpers";

describe("Now and Time", () => {
  test("Now is the transaction time, the same throughout a query", async () => {
    await withDb(async (db) => {
      expect(await wire(db, `Now()`)).toBe(`{"@ts":"2021-06-21T21:22:30.300Z"}`);
      expect(await wire(db, `Equals(Now(), Time("now"), Now())`)).toBe("true");
    });
  });

  test("Time reads ISO 8601 with an offset, to the nanosecond", async () => {
    await withDb(async (db) => {
      expect(await wire(db, `Time("2021-06-23T21:22:18.607Z")`)).toBe(`{"@ts":"2021-06-23T21:22:18.607Z"}`);
      expect(await wire(db, `Time("2021-06-23T23:22:18+02:00")`)).toBe(`{"@ts":"2021-06-23T21:22:18Z"}`);
      expect(await wire(db, `Time("2021-06-23T21:22:18.123456789Z")`)).toBe(`{"@ts":"2021-06-23T21:22:18.123456789Z"}`);
      expect(await wire(db, `Time("2021-06-23T21:22:18.1234Z")`)).toBe(`{"@ts":"2021-06-23T21:22:18.123400Z"}`);
      expect(await wire(db, `Time("2021-06-23T21:22Z")`)).toBe(`{"@ts":"2021-06-23T21:22:00Z"}`);
    });
  });

  test("Time without an offset, or not a time at all, is an error", async () => {
    await withDb(async (db) => {
      for (const text of ["2019-05-27T05:15:48", "yesterday", "2021-02-30T00:00:00Z"]) {
        expect(errorJson(await failure(db, `Time("${text}")`))).toEqual([{ position: [], code: "invalid argument", description: `Cannot cast '${text}' to a time.` }]);
      }
    });
  });
});

describe("TimeAdd and TimeSubtract", () => {
  test("take every unit, singular or plural", async () => {
    await withDb(async (db) => {
      const base = `Time("2021-06-23T21:22:18Z")`;
      expect(await wire(db, `TimeAdd(${base}, 2, "days")`)).toBe(`{"@ts":"2021-06-25T21:22:18Z"}`);
      expect(await wire(db, `TimeAdd(${base}, 1, "half day")`)).toBe(`{"@ts":"2021-06-24T09:22:18Z"}`);
      expect(await wire(db, `TimeAdd(${base}, 3, "hours")`)).toBe(`{"@ts":"2021-06-24T00:22:18Z"}`);
      expect(await wire(db, `TimeAdd(${base}, 1, "minute")`)).toBe(`{"@ts":"2021-06-23T21:23:18Z"}`);
      expect(await wire(db, `TimeSubtract(${base}, 18, "seconds")`)).toBe(`{"@ts":"2021-06-23T21:22:00Z"}`);
      expect(await wire(db, `TimeAdd(${base}, 1, "millisecond")`)).toBe(`{"@ts":"2021-06-23T21:22:18.001Z"}`);
      expect(await wire(db, `TimeAdd(${base}, 1, "microseconds")`)).toBe(`{"@ts":"2021-06-23T21:22:18.000001Z"}`);
      expect(await wire(db, `TimeAdd(${base}, 1, "nanosecond")`)).toBe(`{"@ts":"2021-06-23T21:22:18.000000001Z"}`);
      expect(await wire(db, `TimeAdd(${base}, -1, "day")`)).toBe(`{"@ts":"2021-06-22T21:22:18Z"}`);
    });
  });

  test("on a Date, only days", async () => {
    await withDb(async (db) => {
      expect(await wire(db, `TimeAdd(Date("2021-02-28"), 1, "day")`)).toBe(`{"@date":"2021-03-01"}`);
      expect(await wire(db, `TimeSubtract(Date("2021-03-01"), 1, "days")`)).toBe(`{"@date":"2021-02-28"}`);
      expect(errorJson(await failure(db, `TimeAdd(Date("2021-02-28"), 1, "hours")`))).toEqual([{ position: ["unit"], code: "invalid argument", description: "Invalid time unit 'hours'." }]);
    });
  });

  test("refuse unknown units and wrong types", async () => {
    await withDb(async (db) => {
      expect(errorJson(await failure(db, `TimeAdd(Now(), 1, "fortnight")`))).toEqual([{ position: ["unit"], code: "invalid argument", description: "Time Unit expected, String provided." }]);
      expect(errorJson(await failure(db, `TimeAdd(Now(), 1.5, "day")`))).toEqual([{ position: ["offset"], code: "invalid argument", description: "Integer expected, Double provided." }]);
      expect(errorJson(await failure(db, `TimeAdd(1, 1, "day")`))).toEqual([{ position: ["time_add"], code: "invalid argument", description: "Date or Time expected, Integer provided." }]);
    });
  });

  test("times stay within Java's Instant range", async () => {
    await withDb(async (db) => {
      expect(errorJson(await failure(db, `TimeAdd(Now(), 9223372036854775807, "day")`))).toEqual([
        {
          position: ["offset"],
          code: "invalid argument",
          description: "dates and times must be between -1000000000-01-01T00:00:00Z and +1000000000-12-31T23:59:59.999999999Z",
        },
      ]);
    });
  });
});

describe("Epoch and ToMicros", () => {
  test("Epoch makes a time from a count of units", async () => {
    await withDb(async (db) => {
      expect(await wire(db, `Epoch(1624310550, "second")`)).toBe(`{"@ts":"2021-06-21T21:22:30Z"}`);
      expect(await wire(db, `Epoch(1624310550300000, "microseconds")`)).toBe(`{"@ts":"2021-06-21T21:22:30.300Z"}`);
      expect(await wire(db, `Epoch(0, "day")`)).toBe(`{"@ts":"1970-01-01T00:00:00Z"}`);
      expect(errorJson(await failure(db, `Epoch(1.5, "second")`))).toEqual([{ position: ["epoch"], code: "invalid argument", description: "Integer expected, Double provided." }]);
    });
  });

  test("ToMicros, ToMillis and ToSeconds read a time (or microseconds)", async () => {
    await withDb(async (db) => {
      expect(await wire(db, `ToMicros(Now())`)).toBe(`${SEED_TIME_MS * 1000}`);
      expect(await wire(db, `[ToMillis(Now()), ToSeconds(Now())]`)).toBe(`[${SEED_TIME_MS},${Math.floor(SEED_TIME_MS / 1000)}]`);
      expect(await wire(db, `ToMicros(2147483648000000)`)).toBe("2147483648000000");
      expect(await wire(db, `ToMicros(Time("1969-12-31T23:59:59.9999995Z"))`)).toBe("-1");
      expect(errorJson(await failure(db, `ToMicros("now")`))).toEqual([{ position: ["to_micros"], code: "invalid argument", description: "Time expected, String provided." }]);
    });
  });
});

describe("references", () => {
  test("schema refs and native collection refs", async () => {
    await withDb(async (db) => {
      expect(await printed(db, `[Collection("users"), Index("i"), Database("d"), Function("f"), Role("r"), AccessProvider("p")]`)).toBe(
        `[\n  Collection("users"),\n  Index("i"),\n  Database("d"),\n  Function("f"),\n  Role("r"),\n  AccessProvider("p")\n]`,
      );
      expect(await printed(db, `[Collections(), Indexes(), Databases()]`)).toBe(`[ Collections(), Indexes(), Databases() ]`);
      expect(await printed(db, `[Keys(), Tokens(), Credentials()]`)).toBe(`[ Keys(), Tokens(), Credentials() ]`);
      expect(await printed(db, `[Functions(), Roles(), AccessProviders()]`)).toBe(`[ Functions(), Roles(), AccessProviders() ]`);
      // The deprecated names Fauna still accepted.
      expect(await printed(db, `[Classes(), Class("old")]`)).toBe(`[ Collections(), Collection("old") ]`);
    });
  });

  test("scoped to a child database", async () => {
    await withDb(async (db) => {
      expect(await wire(db, `Tokens(Database("child_db"))`)).toBe(`{"@ref":{"id":"tokens","database":{"@ref":{"id":"child_db","collection":{"@ref":{"id":"databases"}}}}}}`);
      expect(await printed(db, `Collection("users", Database("a", Database("b")))`)).toBe(`Collection("users", Database("a", Database("b")))`);
      expect(errorJson(await failure(db, `Collection("users", "a")`))).toEqual([{ position: ["scope"], code: "invalid argument", description: "Database Ref expected, String provided." }]);
    });
  });

  test("Ref takes a numeric id, as a string or a number, and keeps it canonical", async () => {
    await withDb(async (db) => {
      expect(await printed(db, `[Ref(Collection("users"), "1"), Ref(Collection("users"), 2), Ref(Tokens(), "007"), Ref(Collections(), "users")]`)).toBe(
        `[\n  Ref(Collection("users"), "1"),\n  Ref(Collection("users"), "2"),\n  Ref(Tokens(), "7"),\n  Collection("users")\n]`,
      );
    });
  });

  test("Ref refuses ids that are not numbers", async () => {
    await withDb(async (db) => {
      expect(errorJson(await failure(db, `Ref(Collection("users"), "abc")`))).toEqual([
        { position: ["id"], code: "invalid argument", description: "Number or numeric String expected, non-numeric 'abc' provided." },
      ]);
      expect(errorJson(await failure(db, `Ref(Collection("users"), "99999999999999999999")`))).toEqual([
        { position: ["id"], code: "invalid argument", description: "The id provided is too large: '99999999999999999999'" },
      ]);
      expect(errorJson(await failure(db, `Ref(Collection("users"), true)`))).toEqual([{ position: ["id"], code: "invalid argument", description: "String or Number expected, Boolean provided." }]);
      expect(errorJson(await failure(db, `Ref("users", "1")`))).toEqual([{ position: ["ref"], code: "invalid argument", description: "Collection Ref expected, String provided." }]);
    });
  });
});
