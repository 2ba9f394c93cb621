import { errorJson, failure, printed, SEED_TIME_MS, withDb, wire } from "../helpers";

describe("Now and Time", () => {
  // https://docs.fauna.com/fauna/v4/api/fql/functions/time
  // https://docs.fauna.com/fauna/v4/api/fql/functions/now
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
      for (const text of ["2019-05-27T05:15:48", "yesterday", "2021-02-32T00:00:00Z", "2021-01-01T00:00:00+01", "10000-01-01T00:00:00Z", "2021-01-01T00:00:00.1234567891Z"]) {
        expect(errorJson(await failure(db, `Time("${text}")`))).toEqual([{ position: [], code: "invalid argument", description: `Cannot cast '${text}' to a time.` }]);
      }
    });
  });
});

describe("Time reads as Java's lenient ISO parser did", () => {
  // The docs' Time examples, and java.time's "smart" resolution, which Fauna's Time used.
  test("a day past the month's end is its last day, 24:00 the next midnight, t and z in any case", async () => {
    await withDb(async (db) => {
      expect(await wire(db, `[Time("2021-02-30T00:00:00Z"), Time("2021-01-01T24:00:00Z"), Time("2021-01-01t00:00:00z"), Time("2021-01-01T00:00:00.Z"), Time("+10000-01-01T00:00:00Z")]`)).toBe(
        `[{"@ts":"2021-02-28T00:00:00Z"},{"@ts":"2021-01-02T00:00:00Z"},{"@ts":"2021-01-01T00:00:00Z"},{"@ts":"2021-01-01T00:00:00Z"},{"@ts":"+10000-01-01T00:00:00Z"}]`,
      );
      // https://docs.fauna.com/fauna/v4/api/fql/functions/tostring
      expect(await wire(db, `ToString(Time("2019-05-27T05:15:48+0100"))`)).toBe(`"2019-05-27T04:15:48Z"`);
    });
  });
});

describe("calendar fields (Year … Second, DayOfWeek, DayOfYear)", () => {
  // https://docs.fauna.com/fauna/v4/api/fql/functions/dayofweek and the other field pages; an integer is microseconds.
  // https://docs.fauna.com/fauna/v4/api/fql/functions/epoch
  // https://docs.fauna.com/fauna/v4/api/fql/functions/dayofmonth
  // https://docs.fauna.com/fauna/v4/api/fql/functions/dayofweek
  // https://docs.fauna.com/fauna/v4/api/fql/functions/dayofyear
  // https://docs.fauna.com/fauna/v4/api/fql/functions/second
  // https://docs.fauna.com/fauna/v4/api/fql/functions/minute
  // https://docs.fauna.com/fauna/v4/api/fql/functions/hour
  // https://docs.fauna.com/fauna/v4/api/fql/functions/month
  // https://docs.fauna.com/fauna/v4/api/fql/functions/year
  test("in UTC, from a Time or microseconds since the epoch; ISO weekdays", async () => {
    await withDb(async (db) => {
      expect(await wire(db, `[Second(Epoch(2147483648, "second")), Second(2147483648000000), Minute(2147483648000000), Hour(2147483648000000), DayOfWeek(Epoch(0, "second")), DayOfWeek(2147483648000000)]`)).toBe(
        "[8,8,14,3,4,2]",
      );
      expect(await wire(db, `[DayOfMonth(2147483648000000), DayOfYear(0), Month(0), Year(2147483648000000), Hour(-1), DayOfYear(Time("2024-12-31T10:00:00Z"))]`)).toBe("[19,1,1,2038,23,366]");
    });
  });

  // https://docs.fauna.com/fauna/v4/api/fql/functions/date
  test("a Date or a string is refused", async () => {
    await withDb(async (db) => {
      expect(errorJson(await failure(db, `DayOfMonth("one")`))).toEqual([{ position: ["day_of_month"], code: "invalid argument", description: "Time expected, String provided." }]);
      expect(errorJson(await failure(db, `Hour(Date("2021-01-01"))`))).toEqual([{ position: ["hour"], code: "invalid argument", description: "Time expected, Date provided." }]);
    });
  });
});

describe("TimeDiff", () => {
  // https://docs.fauna.com/fauna/v4/api/fql/functions/timediff
  test("other − start in whole units, toward zero; Dates in days", async () => {
    await withDb(async (db) => {
      expect(
        await wire(
          db,
          `[TimeDiff(Date("1970-01-02"), Date("1970-01-01"), "days"), TimeDiff(Time("1970-01-01T00:00:00Z"), Time("1970-01-01T12:00:00Z"), "half days"), TimeDiff(Time("1970-01-01T00:00:00.000000001Z"), Time("1970-01-01T00:00:00Z"), "nanoseconds"), TimeDiff(Time("1970-01-01T12:00:00Z"), Time("1970-01-02T11:59:59Z"), "days"), TimeDiff(Time("1970-01-01T00:00:00Z"), Time("1970-01-01T01:59:59.999Z"), "hours"), TimeDiff(Time("1970-01-01T01:59:59.999Z"), Time("1970-01-01T00:00:00Z"), "hours")]`,
        ),
      ).toBe("[-1,1,-1,0,1,-1]");
      // Milliseconds count from each end's millisecond, as Java 17 counted them.
      expect(await wire(db, `TimeDiff(Time("1970-01-01T00:00:00.0005Z"), Time("1970-01-01T00:00:00.001Z"), "milliseconds")`)).toBe("1");
    });
  });

  test("errors: a Time with a Date, a unit Dates do not take, no unit at all", async () => {
    await withDb(async (db) => {
      expect(errorJson(await failure(db, `TimeDiff(Date("1970-01-01"), Time("1970-01-01T00:00:00Z"), "hours")`))).toEqual([
        { position: ["time_diff"], code: "invalid argument", description: "Incompatible time arguments." },
      ]);
      expect(errorJson(await failure(db, `TimeDiff(Date("1970-01-01"), Date("1970-01-02"), "hours")`))).toEqual([{ position: ["unit"], code: "invalid argument", description: "Invalid time unit 'hours'." }]);
      expect(errorJson(await failure(db, `TimeDiff(Date("1970-01-01"), Date("1970-01-02"), "jiffies")`))).toEqual([
        { position: ["unit"], code: "invalid argument", description: "Time Unit expected, String provided." },
      ]);
      expect(errorJson(await failure(db, `Epoch(0, 5)`))).toEqual([{ position: ["unit"], code: "invalid argument", description: "Time Unit expected, Integer provided." }]);
      expect(errorJson(await failure(db, `TimeAdd(5, 1, "day")`))).toEqual([{ position: ["time_add"], code: "invalid argument", description: "Temporal expected, Integer provided." }]);
    });
  });
});

describe("ToTime and ToDate", () => {
  // https://docs.fauna.com/fauna/v4/api/fql/functions/totime, …/todate
  // https://docs.fauna.com/fauna/v4/api/fql/functions/totime
  // https://docs.fauna.com/fauna/v4/api/fql/functions/todate
  test("conversions of Times, Dates, strings and (for ToTime) milliseconds", async () => {
    await withDb(async (db) => {
      expect(await wire(db, `[ToTime(1624310550300), ToTime(Date("2021-06-23")), ToTime(" 2021-06-23T21:22:18Z "), Equals(ToTime("now"), Now())]`)).toBe(
        `[{"@ts":"2021-06-21T21:22:30.300Z"},{"@ts":"2021-06-23T00:00:00Z"},{"@ts":"2021-06-23T21:22:18Z"},true]`,
      );
      expect(await wire(db, `[ToDate(Time("1969-12-31T23:59:59.999Z")), ToDate("2021-06-23"), ToDate(Date("2020-02-29"))]`)).toBe(`[{"@date":"1969-12-31"},{"@date":"2021-06-23"},{"@date":"2020-02-29"}]`);
    });
  });

  test("what does not convert", async () => {
    await withDb(async (db) => {
      expect(errorJson(await failure(db, `ToTime(1.5)`))).toEqual([{ position: [], code: "invalid argument", description: "Cannot cast Double to Time." }]);
      expect(errorJson(await failure(db, `ToDate(1)`))).toEqual([{ position: [], code: "invalid argument", description: "Cannot cast Integer to Date." }]);
      expect(errorJson(await failure(db, `ToDate("2021-02-29")`))).toEqual([{ position: [], code: "invalid argument", description: "Cannot cast '2021-02-29' to a date." }]);
    });
  });
});

describe("TimeAdd and TimeSubtract", () => {
  // https://docs.fauna.com/fauna/v4/api/fql/functions/timesubtract
  // https://docs.fauna.com/fauna/v4/api/fql/functions/timeadd
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
      expect(errorJson(await failure(db, `TimeAdd(1, 1, "day")`))).toEqual([{ position: ["time_add"], code: "invalid argument", description: "Temporal expected, Integer provided." }]);
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

  // https://docs.fauna.com/fauna/v4/api/fql/functions/toseconds
  // https://docs.fauna.com/fauna/v4/api/fql/functions/tomicros
  // https://docs.fauna.com/fauna/v4/api/fql/functions/tomillis
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
  // https://docs.fauna.com/fauna/v4/api/fql/functions/database
  // https://docs.fauna.com/fauna/v4/api/fql/functions/index
  // https://docs.fauna.com/fauna/v4/api/fql/functions/collection
  // https://docs.fauna.com/fauna/v4/api/fql/functions/function
  // https://docs.fauna.com/fauna/v4/api/fql/functions/role
  // https://docs.fauna.com/fauna/v4/api/fql/functions/accessproviders
  // https://docs.fauna.com/fauna/v4/api/fql/functions/collections
  // https://docs.fauna.com/fauna/v4/api/fql/functions/databases
  // https://docs.fauna.com/fauna/v4/api/fql/functions/indexes
  // https://docs.fauna.com/fauna/v4/api/fql/functions/functions
  // https://docs.fauna.com/fauna/v4/api/fql/functions/roles
  // https://docs.fauna.com/fauna/v4/api/fql/functions/keys
  // https://docs.fauna.com/fauna/v4/api/fql/functions/tokens
  // https://docs.fauna.com/fauna/v4/api/fql/functions/credentials
  // https://docs.fauna.com/fauna/v4/api/fql/functions/accessprovider
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

  // https://docs.fauna.com/fauna/v4/api/fql/functions/ref
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
