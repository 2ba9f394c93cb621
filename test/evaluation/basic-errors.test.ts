/**
 * The errors and edge cases of the basic forms, logic, reads, time functions
 * and references: what Fauna answered to arguments of the wrong type, with
 * its code, description and position.
 */
import type { Engine } from "../../src/engine";
import type { WireJson } from "../../src/language/wire";
import { errorJson, failure, wire, withDb } from "../helpers";

/** The errors a query fails with, as Fauna's response listed them. */
async function errors(db: Engine, query: string | WireJson): Promise<unknown[]> {
  return errorJson(await failure(db, query));
}

function error(position: (string | number)[], code: string, description: string): { position: (string | number)[]; code: string; description: string } {
  return { position, code, description };
}

const invalidArgument = (position: (string | number)[], description: string) => error(position, "invalid argument", description);
const invalidExpression = (position: (string | number)[], description: string) => error(position, "invalid expression", description);

describe("basic forms", () => {
  // https://docs.fauna.com/fauna/v4/api/fql/functions/abort
  // https://docs.fauna.com/fauna/v4/api/fql/functions/at
  // https://docs.fauna.com/fauna/v4/api/fql/functions/call
  // https://docs.fauna.com/fauna/v4/api/fql/functions/do
  // https://docs.fauna.com/fauna/v4/api/fql/functions/if
  // https://docs.fauna.com/fauna/v4/api/fql/functions/lambda
  // https://docs.fauna.com/fauna/v4/api/fql/functions/let
  // https://docs.fauna.com/fauna/v4/api/fql/functions/var
  // https://docs.fauna.com/fauna/v4/api/fql/functions/query

  test("Abort takes a String; its message, even empty, is the description", async () => {
    await withDb(async (db) => {
      expect(await errors(db, `Abort(1)`)).toEqual([invalidArgument(["abort"], "String expected, Integer provided.")]);
      expect(await errors(db, `Abort(null)`)).toEqual([invalidArgument(["abort"], "String expected, Null provided.")]);
      expect(await errors(db, `Abort("")`)).toEqual([error([], "transaction aborted", "")]);
      expect(await errors(db, `If(true, Abort("inner"), 1)`)).toEqual([error(["then"], "transaction aborted", "inner")]);
    });
  });

  test("At takes a Time or microseconds; Fauna's message names only Time", async () => {
    await withDb(async (db) => {
      expect(await errors(db, `At("x", 1)`)).toEqual([invalidArgument(["at"], "Time expected, String provided.")]);
      expect(await errors(db, `At(null, 1)`)).toEqual([invalidArgument(["at"], "Time expected, Null provided.")]);
      expect(await errors(db, `At(Date("2021-01-01"), 1)`)).toEqual([invalidArgument(["at"], "Time expected, Date provided.")]);
      expect(await errors(db, `At(Now(), Abort("x"))`)).toEqual([error(["expr"], "transaction aborted", "x")]);
      expect(await wire(db, `At(0, 1)`)).toBe("1");
      expect(await wire(db, `At(Now(), "now")`)).toBe(`"now"`);
    });
  });

  test("Call takes a function's name or ref", async () => {
    await withDb(async (db) => {
      await wire(db, `CreateCollection({ name: "c" })`);
      expect(await errors(db, `Call(1)`)).toEqual([invalidArgument(["call"], "Identifier expected, Integer provided.")]);
      expect(await errors(db, `Call(null)`)).toEqual([invalidArgument(["call"], "Identifier expected, Null provided.")]);
      expect(await errors(db, `Call(Collection("c"))`)).toEqual([invalidArgument(["call"], "Identifier expected, Collection Ref provided.")]);
      expect(await errors(db, `Call(Ref(Collection("c"), "1"))`)).toEqual([invalidArgument(["call"], "Identifier expected, Ref provided.")]);
      expect(await errors(db, `Call(Function("nope"))`)).toEqual([error(["call"], "invalid ref", "Ref refers to undefined function 'nope'")]);
    });
  });

  test("Do takes a non-empty array of expressions and stops at the first error", async () => {
    await withDb(async (db) => {
      expect(await errors(db, { do: 1 })).toEqual([invalidExpression(["do"], "Array expected, Integer provided.")]);
      expect(await errors(db, { do: [] })).toEqual([invalidExpression(["do"], "Expression list cannot be empty.")]);
      expect(await errors(db, `Do(Abort("first"), Abort("second"))`)).toEqual([error(["do", 0], "transaction aborted", "first")]);
      expect(await wire(db, `Do(1, 2, 3)`)).toBe("3");
    });
  });

  test("If takes a Boolean and evaluates only the branch it picks", async () => {
    await withDb(async (db) => {
      expect(await errors(db, `If(1, 2, 3)`)).toEqual([invalidArgument(["if"], "Boolean expected, Integer provided.")]);
      expect(await errors(db, `If(null, 2, 3)`)).toEqual([invalidArgument(["if"], "Boolean expected, Null provided.")]);
      expect(await errors(db, `If("someString", "was true", "was false")`)).toEqual([invalidArgument(["if"], "Boolean expected, String provided.")]);
      expect(await wire(db, `If(true, 1, Abort("x"))`)).toBe("1");
      expect(await wire(db, `If(false, Abort("x"), 2)`)).toBe("2");
    });
  });

  test("Lambda's parameters are a String or an Array", async () => {
    await withDb(async (db) => {
      expect(await errors(db, `Lambda(1, 2)`)).toEqual([invalidExpression(["lambda"], "String or Array expected, Integer provided.")]);
      expect(await errors(db, { lambda: { var: "x" }, expr: 1 })).toEqual([invalidExpression(["lambda"], "String or Array expected, Object provided.")]);
      expect(await wire(db, `Lambda("_", 1)`)).toBe(`{"@query":{"api_version":"4","lambda":"_","expr":1}}`);
      // An array holds names only, not nested arrays; every other element is reported.
      expect(await errors(db, `Lambda(["a", 1, ["b"]], 2)`)).toEqual([
        invalidExpression(["lambda", 1], "String expected, Integer provided."),
        invalidExpression(["lambda", 2], "String expected, Array provided."),
      ]);
      expect(await wire(db, `Map([[1, 2]], Lambda(["_", "b"], Var("b")))`)).toBe("[2]");
    });
  });

  test("Let binds nothing with no bindings; each binding is an object of one", async () => {
    await withDb(async (db) => {
      expect(await wire(db, `Let({}, 1)`)).toBe("1");
      expect(await wire(db, { let: [], in: 1 })).toBe("1");
      expect(await errors(db, { let: [1], in: 2 })).toEqual([invalidExpression(["let", 0], "Object expected, Integer provided.")]);
      expect(await errors(db, `Let({ x: Abort("x") }, 1)`)).toEqual([error(["let", 0, "x"], "transaction aborted", "x")]);
    });
  });

  test("Var's name must be written as a String; an unbound one is an invalid expression", async () => {
    await withDb(async (db) => {
      expect(await errors(db, `Var(1)`)).toEqual([invalidExpression(["var"], "String expected, Integer provided.")]);
      expect(await errors(db, `Var(null)`)).toEqual([invalidExpression(["var"], "String expected, Null provided.")]);
      expect(await errors(db, `Let({ x: 4 }, Var(4))`)).toEqual([invalidExpression(["in", "var"], "String expected, Integer provided.")]);
      // Fauna read the name while parsing: one computed is an object there.
      expect(await errors(db, `Let({ x: 1 }, Var(Concat(["x"])))`)).toEqual([invalidExpression(["in", "var"], "String expected, Object provided.")]);
      expect(await errors(db, `Var("nope")`)).toEqual([invalidExpression([], "Variable 'nope' is not defined.")]);
      expect(await errors(db, `Let({}, If(true, 1, Var("bad")))`)).toEqual([invalidExpression(["in", "else"], "Variable 'bad' is not defined.")]);
    });
  });

  test("Query takes a Lambda as written, not an expression that evaluates to one", async () => {
    await withDb(async (db) => {
      expect(await errors(db, `Query(1)`)).toEqual([invalidExpression(["query"], "Lambda expected, Integer provided.")]);
      expect(await errors(db, `Query(null)`)).toEqual([invalidExpression(["query"], "Lambda expected, Null provided.")]);
      expect(await errors(db, `Query(["x"])`)).toEqual([invalidExpression(["query"], "Lambda expected, Array provided.")]);
      expect(await errors(db, `Let({ f: Lambda("x", Var("x")) }, Query(Var("f")))`)).toEqual([
        invalidExpression(["in", "query"], "No form/function found, or invalid argument keys: { var }."),
      ]);
      expect(await errors(db, `Query(Query(Lambda("x", Var("x"))))`)).toEqual([invalidExpression(["query"], "No form/function found, or invalid argument keys: { query }.")]);
      expect(await errors(db, `Query({ lambda: "x" })`)).toEqual([invalidExpression(["query"], "No form/function found, or invalid argument keys: { object }.")]);
      expect(await wire(db, `Query(Lambda("x", Var("x")))`)).toBe(`{"@query":{"api_version":"4","lambda":"x","expr":{"var":"x"}}}`);
      // A query value sent as a literal is checked like a written one, before anything runs.
      const written = { create: { collection: "never" }, params: { object: { data: { object: { f: { "@query": { lambda: "x", expr: { var: 1 } } } } } } } };
      expect(await errors(db, written)).toEqual([invalidExpression(["params", "object", "data", "object", "f", "@query", "expr", "var"], "String expected, Integer provided.")]);
    });
  });
});

describe("logic", () => {
  // https://docs.fauna.com/fauna/v4/api/fql/functions/equals
  // https://docs.fauna.com/fauna/v4/api/fql/functions/and
  // https://docs.fauna.com/fauna/v4/api/fql/functions/or
  // https://docs.fauna.com/fauna/v4/api/fql/functions/not

  test("Equals needs a value; it compares numbers across Integer and Double", async () => {
    await withDb(async (db) => {
      expect(await errors(db, { equals: [] })).toEqual([invalidArgument(["equals"], "Non-empty array expected.")]);
      expect(await errors(db, `Let({ xs: [] }, Equals(Var("xs")))`)).toEqual([invalidArgument(["in", "equals"], "Non-empty array expected.")]);
      expect(await wire(db, `Equals(1, 1.0)`)).toBe("true");
      expect(await wire(db, `Equals(null, null)`)).toBe("true");
      expect(await wire(db, `Equals([1], 1)`)).toBe("false");
      expect(await wire(db, `Let({ xs: [2, 2] }, Equals(Var("xs")))`)).toBe("true");
    });
  });

  test("And and Or take Booleans; one written bare is the first of a list", async () => {
    await withDb(async (db) => {
      expect(await errors(db, `And(1)`)).toEqual([invalidArgument(["and", 0], "Boolean expected, Integer provided.")]);
      expect(await errors(db, `Or(null)`)).toEqual([invalidArgument(["or", 0], "Boolean expected, Null provided.")]);
      expect(await errors(db, `And([true, 1])`)).toEqual([invalidArgument(["and", 1], "Boolean expected, Integer provided.")]);
      expect(await errors(db, `Or(false, "x", Abort("never"))`)).toEqual([invalidArgument(["or", 1], "Boolean expected, String provided.")]);
      // An array the argument evaluates to is one value, not a list of them.
      expect(await errors(db, `Let({ xs: [true] }, And(Var("xs")))`)).toEqual([invalidArgument(["in", "and", 0], "Boolean expected, Array provided.")]);
      expect(await errors(db, { or: [] })).toEqual([invalidExpression(["or"], "Expression list cannot be empty.")]);
      expect(await wire(db, `And(false, Abort("x"))`)).toBe("false");
      expect(await wire(db, `Or(true, Abort("x"))`)).toBe("true");
    });
  });

  test("Not takes a Boolean", async () => {
    await withDb(async (db) => {
      expect(await errors(db, `Not(1)`)).toEqual([invalidArgument(["not"], "Boolean expected, Integer provided.")]);
      expect(await errors(db, `Not(null)`)).toEqual([invalidArgument(["not"], "Boolean expected, Null provided.")]);
      expect(await errors(db, `Not([true])`)).toEqual([invalidArgument(["not"], "Boolean expected, Array provided.")]);
    });
  });
});

describe("reads", () => {
  // https://docs.fauna.com/fauna/v4/api/fql/functions/exists
  // https://docs.fauna.com/fauna/v4/api/fql/functions/get

  test("Get takes a Ref or a Set; a ref naming nothing is an invalid ref", async () => {
    await withDb(async (db) => {
      await wire(db, `CreateCollection({ name: "c" })`);
      expect(await errors(db, `Get(1)`)).toEqual([invalidArgument(["get"], "Ref or Set expected, Integer provided.")]);
      expect(await errors(db, `Get(null)`)).toEqual([invalidArgument(["get"], "Ref or Set expected, Null provided.")]);
      expect(await errors(db, `Get(Database("nope"))`)).toEqual([error(["get"], "invalid ref", "Ref refers to undefined database 'nope'")]);
      expect(await errors(db, `Get(Index("nope"))`)).toEqual([error(["get"], "invalid ref", "Ref refers to undefined index 'nope'")]);
      expect(await errors(db, `Get(Role("nope"))`)).toEqual([error(["get"], "invalid ref", "Ref refers to undefined role 'nope'")]);
      expect(await errors(db, `Get(Function("nope"))`)).toEqual([error(["get"], "invalid ref", "Ref refers to undefined function 'nope'")]);
      expect(await errors(db, `Get(Ref(Collection("nope"), "1"))`)).toEqual([error(["get"], "invalid ref", "Ref refers to undefined collection 'nope'")]);
      expect(await errors(db, `Get(Ref(Keys(), "1"))`)).toEqual([error([], "instance not found", "Key not found.")]);
      expect(await errors(db, `Get(Collection("c"), 0)`)).toEqual([error([], "instance not found", "Collection not found.")]);
    });
  });

  test("Get and Exists take a Time or microseconds for ts", async () => {
    await withDb(async (db) => {
      await wire(db, `CreateCollection({ name: "c" })`);
      expect(await errors(db, `Get(Collection("c"), ["blah"])`)).toEqual([invalidArgument(["ts"], "Time expected, Array provided.")]);
      expect(await errors(db, `Get(Collection("c"), "x")`)).toEqual([invalidArgument(["ts"], "Time expected, String provided.")]);
      expect(await errors(db, `Exists(Collection("c"), Date("2021-01-01"))`)).toEqual([invalidArgument(["ts"], "Time expected, Date provided.")]);
      expect(await errors(db, `Paginate(Collections(), { ts: "x" })`)).toEqual([invalidArgument(["ts"], "Time expected, String provided.")]);
      expect(await wire(db, `Exists(Collection("c"), 0)`)).toBe("false");
      expect(await wire(db, `Exists(Collection("c"), ToMicros(Now()))`)).toBe("true");
    });
  });

  test("Exists takes a Ref or a Set; a ref naming nothing does not exist", async () => {
    await withDb(async (db) => {
      expect(await errors(db, `Exists(4)`)).toEqual([invalidArgument(["exists"], "Ref or Set expected, Integer provided.")]);
      expect(await errors(db, `Exists(null)`)).toEqual([invalidArgument(["exists"], "Ref or Set expected, Null provided.")]);
      expect(await wire(db, `[Exists(Database("nope")), Exists(Role("nope")), Exists(Ref(Collection("nope"), "1")), Exists(Ref(Keys(), "1"))]`)).toBe("[false,false,false,false]");
      // A native collection is the set of its documents.
      expect(await wire(db, `Exists(Collections())`)).toBe("false");
      await wire(db, `CreateCollection({ name: "c" })`);
      expect(await wire(db, `Exists(Collections())`)).toBe("true");
    });
  });
});

describe("time and date", () => {
  // https://docs.fauna.com/fauna/v4/api/fql/functions/now
  // https://docs.fauna.com/fauna/v4/api/fql/functions/time
  // https://docs.fauna.com/fauna/v4/api/fql/functions/date
  // https://docs.fauna.com/fauna/v4/api/fql/functions/epoch
  // https://docs.fauna.com/fauna/v4/api/fql/functions/timeadd
  // https://docs.fauna.com/fauna/v4/api/fql/functions/timesubtract
  // https://docs.fauna.com/fauna/v4/api/fql/functions/timediff
  // https://docs.fauna.com/fauna/v4/api/fql/functions/tomicros
  // https://docs.fauna.com/fauna/v4/api/fql/functions/tomillis
  // https://docs.fauna.com/fauna/v4/api/fql/functions/toseconds
  // https://docs.fauna.com/fauna/v4/api/fql/functions/totime
  // https://docs.fauna.com/fauna/v4/api/fql/functions/todate
  // https://docs.fauna.com/fauna/v4/api/fql/functions/dayofmonth
  // https://docs.fauna.com/fauna/v4/api/fql/functions/dayofweek
  // https://docs.fauna.com/fauna/v4/api/fql/functions/dayofyear
  // https://docs.fauna.com/fauna/v4/api/fql/functions/hour
  // https://docs.fauna.com/fauna/v4/api/fql/functions/minute
  // https://docs.fauna.com/fauna/v4/api/fql/functions/second
  // https://docs.fauna.com/fauna/v4/api/fql/functions/month
  // https://docs.fauna.com/fauna/v4/api/fql/functions/year

  test("Now takes no argument", async () => {
    await withDb(async (db) => {
      // The driver refuses the call before sending it; FQLite's parser does the same.
      expect(await errors(db, `Now(1)`)).toEqual([invalidExpression([], "Syntax error: Now takes 0 arguments, 1 given.")]);
      expect(await wire(db, { now: null })).toBe(`{"@ts":"2021-06-21T21:22:30.300Z"}`);
    });
  });

  test("Time and Date take a String, read without surrounding spaces", async () => {
    await withDb(async (db) => {
      expect(await errors(db, `Time(1)`)).toEqual([invalidArgument(["time"], "String expected, Integer provided.")]);
      expect(await errors(db, `Time(Time("1970-01-01T00:00:00+00:00"))`)).toEqual([invalidArgument(["time"], "String expected, Time provided.")]);
      expect(await errors(db, `Time("x")`)).toEqual([invalidArgument([], "Cannot cast 'x' to a time.")]);
      expect(await errors(db, `Time("2019-05-27T05:15:48")`)).toEqual([invalidArgument([], "Cannot cast '2019-05-27T05:15:48' to a time.")]);
      expect(await wire(db, `Time(" 2021-01-01T00:00:00Z ")`)).toBe(`{"@ts":"2021-01-01T00:00:00Z"}`);
      expect(await errors(db, `Date(null)`)).toEqual([invalidArgument(["date"], "String expected, Null provided.")]);
      expect(await errors(db, `Date(Date("1970-01-01"))`)).toEqual([invalidArgument(["date"], "String expected, Date provided.")]);
      expect(await errors(db, `Date("19700101")`)).toEqual([invalidArgument([], "Cannot cast '19700101' to a date.")]);
      expect(await wire(db, `Date(" 2021-01-01 ")`)).toBe(`{"@date":"2021-01-01"}`);
    });
  });

  test("Epoch takes an Integer and a time unit", async () => {
    await withDb(async (db) => {
      expect(await errors(db, `Epoch("a", "second")`)).toEqual([invalidArgument(["epoch"], "Integer expected, String provided.")]);
      expect(await errors(db, `Epoch(1.5, "second")`)).toEqual([invalidArgument(["epoch"], "Integer expected, Double provided.")]);
      // The first argument in error is the one reported.
      expect(await errors(db, `Epoch("a", "b")`)).toEqual([invalidArgument(["epoch"], "Integer expected, String provided.")]);
      expect(await errors(db, `Epoch(0, "picosecond")`)).toEqual([invalidArgument(["unit"], "Time Unit expected, String provided.")]);
      expect(await errors(db, `Epoch(1, 1)`)).toEqual([invalidArgument(["unit"], "Time Unit expected, Integer provided.")]);
      expect(await wire(db, `Epoch(1, " seconds ")`)).toBe(`{"@ts":"1970-01-01T00:00:01Z"}`);
    });
  });

  test("TimeAdd and TimeSubtract take a Temporal, an Integer and a unit; Dates only days", async () => {
    await withDb(async (db) => {
      expect(await errors(db, `TimeAdd("x", 1, "second")`)).toEqual([invalidArgument(["time_add"], "Temporal expected, String provided.")]);
      expect(await errors(db, `TimeAdd(Now(), "1", "second")`)).toEqual([invalidArgument(["offset"], "Integer expected, String provided.")]);
      expect(await errors(db, `TimeAdd(Now(), 1, "x")`)).toEqual([invalidArgument(["unit"], "Time Unit expected, String provided.")]);
      expect(await errors(db, `TimeAdd(Date("2021-01-01"), 1, "half day")`)).toEqual([invalidArgument(["unit"], "Invalid time unit 'half day'.")]);
      expect(await errors(db, `TimeSubtract(null, 1, "second")`)).toEqual([invalidArgument(["time_subtract"], "Temporal expected, Null provided.")]);
      expect(await errors(db, `TimeSubtract(Now(), 1.5, "second")`)).toEqual([invalidArgument(["offset"], "Integer expected, Double provided.")]);
      expect(await errors(db, `TimeSubtract(Now(), 1, null)`)).toEqual([invalidArgument(["unit"], "Time Unit expected, Null provided.")]);
      expect(await errors(db, `TimeSubtract(Date("2021-01-01"), 1, " minutes ")`)).toEqual([invalidArgument(["unit"], "Invalid time unit ' minutes '.")]);
      expect(await wire(db, `TimeSubtract(Date("2021-01-01"), 1, "days")`)).toBe(`{"@date":"2020-12-31"}`);
    });
  });

  test("TimeDiff takes two Temporals of one kind and a unit; Dates only days", async () => {
    await withDb(async (db) => {
      expect(await errors(db, `TimeDiff("x", Now(), "second")`)).toEqual([invalidArgument(["time_diff"], "Temporal expected, String provided.")]);
      expect(await errors(db, `TimeDiff(Now(), 1, "second")`)).toEqual([invalidArgument(["other"], "Temporal expected, Integer provided.")]);
      expect(await errors(db, `TimeDiff(Now(), Now(), 1)`)).toEqual([invalidArgument(["unit"], "Time Unit expected, Integer provided.")]);
      expect(await errors(db, `TimeDiff(Date("1970-01-01"), Time("1970-01-01T00:00:00Z"), "hours")`)).toEqual([invalidArgument(["time_diff"], "Incompatible time arguments.")]);
      expect(await errors(db, `TimeDiff(Time("1970-01-01T00:00:00Z"), Date("1970-01-01"), "day")`)).toEqual([invalidArgument(["time_diff"], "Incompatible time arguments.")]);
      expect(await errors(db, `TimeDiff(Date("1970-01-01"), Date("1970-01-01"), "jiffies")`)).toEqual([invalidArgument(["unit"], "Time Unit expected, String provided.")]);
      expect(await errors(db, `TimeDiff(Date("1970-01-01"), Date("1970-01-01"), "half days")`)).toEqual([invalidArgument(["unit"], "Invalid time unit 'half days'.")]);
    });
  });

  test("ToMicros, ToMillis and ToSeconds take a Time or microseconds, and round down", async () => {
    await withDb(async (db) => {
      expect(await errors(db, `ToMicros("x")`)).toEqual([invalidArgument(["to_micros"], "Time expected, String provided.")]);
      expect(await errors(db, `ToMillis(Date("2021-01-01"))`)).toEqual([invalidArgument(["to_millis"], "Time expected, Date provided.")]);
      expect(await errors(db, `ToMillis(1.5)`)).toEqual([invalidArgument(["to_millis"], "Time expected, Double provided.")]);
      expect(await errors(db, `ToSeconds(null)`)).toEqual([invalidArgument(["to_seconds"], "Time expected, Null provided.")]);
      expect(await wire(db, `[ToMicros(1), ToMillis(1999), ToMillis(-1), ToSeconds(1999999), ToSeconds(-1)]`)).toBe("[1,1,-1,1,-1]");
    });
  });

  test("ToTime and ToDate fail to cast what they cannot read, at the call", async () => {
    await withDb(async (db) => {
      expect(await errors(db, `ToTime(1.5)`)).toEqual([invalidArgument([], "Cannot cast Double to Time.")]);
      expect(await errors(db, `ToTime(null)`)).toEqual([invalidArgument([], "Cannot cast Null to Time.")]);
      expect(await errors(db, `ToTime(true)`)).toEqual([invalidArgument([], "Cannot cast Boolean to Time.")]);
      expect(await errors(db, `ToTime("x")`)).toEqual([invalidArgument([], "Cannot cast 'x' to a time.")]);
      expect(await errors(db, `ToDate(1)`)).toEqual([invalidArgument([], "Cannot cast Integer to Date.")]);
      expect(await errors(db, `ToDate(null)`)).toEqual([invalidArgument([], "Cannot cast Null to Date.")]);
      expect(await errors(db, `ToDate("x")`)).toEqual([invalidArgument([], "Cannot cast 'x' to a date.")]);
      // An integer is milliseconds for ToTime.
      expect(await wire(db, `ToTime(-1)`)).toBe(`{"@ts":"1969-12-31T23:59:59.999Z"}`);
    });
  });

  test("the calendar fields take a Time or microseconds, in UTC", async () => {
    await withDb(async (db) => {
      expect(await errors(db, `DayOfMonth(null)`)).toEqual([invalidArgument(["day_of_month"], "Time expected, Null provided.")]);
      expect(await errors(db, `DayOfWeek("x")`)).toEqual([invalidArgument(["day_of_week"], "Time expected, String provided.")]);
      expect(await errors(db, `DayOfYear(true)`)).toEqual([invalidArgument(["day_of_year"], "Time expected, Boolean provided.")]);
      expect(await errors(db, `Hour("x")`)).toEqual([invalidArgument(["hour"], "Time expected, String provided.")]);
      expect(await errors(db, `Minute(Date("2021-01-01"))`)).toEqual([invalidArgument(["minute"], "Time expected, Date provided.")]);
      expect(await errors(db, `Second([])`)).toEqual([invalidArgument(["second"], "Time expected, Array provided.")]);
      expect(await errors(db, `Month({})`)).toEqual([invalidArgument(["month"], "Time expected, Object provided.")]);
      expect(await errors(db, `Year(1.5)`)).toEqual([invalidArgument(["year"], "Time expected, Double provided.")]);
      // 0 is 1970-01-01T00:00:00Z, a Thursday; -1 µs is the last second of 1969.
      expect(await wire(db, `[DayOfWeek(0), DayOfYear(0), Month(0), Year(0), Hour(3600000000), Second(-1), Year(-1), DayOfMonth(-1)]`)).toBe("[4,1,1,1970,1,59,1969,31]");
    });
  });
});

describe("references", () => {
  // https://docs.fauna.com/fauna/v4/api/fql/functions/ref
  // https://docs.fauna.com/fauna/v4/api/fql/functions/collection
  // https://docs.fauna.com/fauna/v4/api/fql/functions/collections
  // https://docs.fauna.com/fauna/v4/api/fql/functions/index
  // https://docs.fauna.com/fauna/v4/api/fql/functions/indexes
  // https://docs.fauna.com/fauna/v4/api/fql/functions/database
  // https://docs.fauna.com/fauna/v4/api/fql/functions/databases
  // https://docs.fauna.com/fauna/v4/api/fql/functions/function
  // https://docs.fauna.com/fauna/v4/api/fql/functions/functions
  // https://docs.fauna.com/fauna/v4/api/fql/functions/role
  // https://docs.fauna.com/fauna/v4/api/fql/functions/roles
  // https://docs.fauna.com/fauna/v4/api/fql/functions/accessprovider
  // https://docs.fauna.com/fauna/v4/api/fql/functions/accessproviders
  // https://docs.fauna.com/fauna/v4/api/fql/functions/keys
  // https://docs.fauna.com/fauna/v4/api/fql/functions/tokens
  // https://docs.fauna.com/fauna/v4/api/fql/functions/credentials

  test("Ref takes a collection's ref and an id, and reports both when both are wrong", async () => {
    await withDb(async (db) => {
      expect(await errors(db, `Ref(1, 2)`)).toEqual([invalidArgument(["ref"], "Collection Ref expected, Integer provided.")]);
      expect(await errors(db, `Ref(1, 1.5)`)).toEqual([
        invalidArgument(["ref"], "Collection Ref expected, Integer provided."),
        invalidArgument(["id"], "String or Number expected, Double provided."),
      ]);
      expect(await errors(db, `Ref(null, "abc")`)).toEqual([
        invalidArgument(["ref"], "Collection Ref expected, Null provided."),
        invalidArgument(["id"], "Number or numeric String expected, non-numeric 'abc' provided."),
      ]);
      expect(await errors(db, `Ref(Ref(Collection("c"), "1"), "2")`)).toEqual([invalidArgument(["ref"], "Collection Ref expected, Ref provided.")]);
      expect(await errors(db, `Ref(Database("x"), "2")`)).toEqual([invalidArgument(["ref"], "Collection Ref expected, Database Ref provided.")]);
      expect(await errors(db, `Ref(Collection("c"), null)`)).toEqual([invalidArgument(["id"], "String or Number expected, Null provided.")]);
      expect(await errors(db, `Ref(Collection("c"), true)`)).toEqual([invalidArgument(["id"], "String or Number expected, Boolean provided.")]);
      // A collection that does not exist still makes a ref (it is unresolved until used).
      expect(await wire(db, `Ref(Collection("nope"), 2)`)).toBe(`{"@ref":{"id":"2","collection":{"@ref":{"id":"nope","collection":{"@ref":{"id":"collections"}}}}}}`);
      expect(await wire(db, `Ref(Keys(), "1")`)).toBe(`{"@ref":{"id":"1","collection":{"@ref":{"id":"keys"}}}}`);
    });
  });

  test("Collection, Index, Database, Function, Role and AccessProvider take a name and a database's ref", async () => {
    await withDb(async (db) => {
      expect(await errors(db, `Collection(1)`)).toEqual([invalidArgument(["collection"], "String expected, Integer provided.")]);
      expect(await errors(db, `Collection(null)`)).toEqual([invalidArgument(["collection"], "String expected, Null provided.")]);
      expect(await errors(db, `Collection(1, 2)`)).toEqual([invalidArgument(["collection"], "String expected, Integer provided.")]);
      expect(await errors(db, `Collection("x", 1)`)).toEqual([invalidArgument(["scope"], "Database Ref expected, Integer provided.")]);
      // The driver sends a null scope for these; Fauna refused it.
      expect(await errors(db, `Collection("x", null)`)).toEqual([invalidArgument(["scope"], "Database Ref expected, Null provided.")]);
      expect(await errors(db, `Index("x", Collection("c"))`)).toEqual([invalidArgument(["scope"], "Database Ref expected, Collection Ref provided.")]);
      expect(await errors(db, `Database("x", null)`)).toEqual([invalidArgument(["scope"], "Database Ref expected, Null provided.")]);
      expect(await errors(db, `Function("x", "db")`)).toEqual([invalidArgument(["scope"], "Database Ref expected, String provided.")]);
      expect(await errors(db, `Index(1)`)).toEqual([invalidArgument(["index"], "String expected, Integer provided.")]);
      expect(await errors(db, `Database(1)`)).toEqual([invalidArgument(["database"], "String expected, Integer provided.")]);
      expect(await errors(db, `Function(1)`)).toEqual([invalidArgument(["function"], "String expected, Integer provided.")]);
      expect(await errors(db, `Role(1)`)).toEqual([invalidArgument(["role"], "String expected, Integer provided.")]);
      expect(await errors(db, `Role("x", 1)`)).toEqual([invalidArgument(["scope"], "Database Ref expected, Integer provided.")]);
      expect(await errors(db, `AccessProvider(1)`)).toEqual([invalidArgument(["access_provider"], "String expected, Integer provided.")]);
      // The driver leaves Role's null scope out of the request.
      expect(await wire(db, `Role("x", null)`)).toBe(`{"@ref":{"id":"x","collection":{"@ref":{"id":"roles"}}}}`);
    });
  });

  test("the native collections take a database's ref or null", async () => {
    await withDb(async (db) => {
      const calls = ["Collections", "Indexes", "Databases", "Functions", "Roles", "AccessProviders", "Keys", "Tokens", "Credentials"];
      const keys = ["collections", "indexes", "databases", "functions", "roles", "access_providers", "keys", "tokens", "credentials"];
      for (const [index, name] of calls.entries()) {
        expect(await errors(db, `${name}(1)`)).toEqual([invalidArgument([keys[index]!], "Database Ref or Null expected, Integer provided.")]);
        expect(await wire(db, `${name}(null)`)).toBe(`{"@ref":{"id":"${keys[index]}"}}`);
      }
      expect(await errors(db, `Collections(Collection("c"))`)).toEqual([invalidArgument(["collections"], "Database Ref or Null expected, Collection Ref provided.")]);
      expect(await errors(db, `Keys("db")`)).toEqual([invalidArgument(["keys"], "Database Ref or Null expected, String provided.")]);
    });
  });
});
