import { FaunaError } from "../../src/error/FaunaError";
import { parseQuery } from "../../src/language/parse";
import { printExpr } from "../../src/language/printer";
import { Bytes, DateValue, Page, QueryValue, Ref, SetRef, Timestamp, type Value } from "../../src/language/values";
import { decodeExpr, decodeValue, encodeExpr, encodeResponse, encodeValue, parseWireJson } from "../../src/language/wire";
import { withDb, wire } from "../helpers";

/** The seed's queries (Fauna's Tokens page) and the request sizes it printed. */
const seedQueries: [string, number][] = [
  [`Login(Match(Index('users_by_email'), 'alice@site.example.com'), { password: 'secret password' })`, 130],
  [`Create(Tokens(), { instance: Ref(Collection('users'), '1') })`, 99],
  [`Create(Tokens(), { instance: Ref(Collection('users'), '1'), ttl: TimeAdd(Now(), 2, 'days') })`, 156],
  [`Paginate(Tokens())`, 28],
  [`Paginate(Tokens(Database('child_db')))`, 47],
  [
    `CreateIndex({ name: 'tokens_by_instance', permissions: { read: 'public' }, source: Tokens(), terms: [ { field: 'instance' } ], values: [ { field: ['data', 'name'] } ] })`,
    215,
  ],
  [`Update(Ref(Tokens(), '1'), { data: { meta: 'data' } })`, 99],
];

describe("requests", () => {
  test.each(seedQueries)("%s is %d bytes on the wire, as on Fauna's page", (text, bytes) => {
    expect(Buffer.byteLength(encodeExpr(parseQuery(text)))).toBe(bytes);
  });

  test.each(seedQueries)("%s decodes from its wire form to the same tree", (text) => {
    const wireText = encodeExpr(parseQuery(text));
    expect(encodeExpr(decodeExpr(parseWireJson(wireText)))).toBe(wireText);
  });

  test("text and wire forms evaluate identically", async () => {
    await withDb(async (db) => {
      const text = `Let({ x: [1, 2.5, "a"], y: { b: Select(0, Var("x")) } }, [Var("y"), Add(Select(0, Var("x")), 1)])`;
      const fromText = await wire(db, text);
      const fromWire = encodeValue((await db.query(parseWireJson(encodeExpr(parseQuery(text))))).value);
      expect(fromWire).toBe(fromText);
      expect(fromText).toBe(`[{"b":1},2]`);
    });
  });

  test("JS objects (as a parsed JSON body) are requests too: integral numbers are Longs", async () => {
    await withDb(async (db) => {
      expect(encodeValue((await db.query({ add: [1, 2] })).value)).toBe("3");
      expect(encodeValue((await db.query({ add: [1, 2.5] })).value)).toBe("3.5");
      expect(encodeValue((await db.query({ object: { a: { "@ts": "2021-06-23T21:22:18.607Z" } } })).value)).toBe(`{"a":{"@ts":"2021-06-23T21:22:18.607Z"}}`);
    });
  });

  test("Let bindings keep the form they came in", () => {
    for (const request of [`{"let":{"a":1,"b":{"var":"a"}},"in":{"var":"b"}}`, `{"let":[{"a":1},{"b":{"var":"a"}}],"in":{"var":"b"}}`]) {
      expect(encodeExpr(decodeExpr(parseWireJson(request)))).toBe(request);
    }
  });

  test("Map's lambda is sent before its collection, as the driver sent it", () => {
    const request = `{"map":{"lambda":"x","expr":{"var":"x"}},"collection":[1,2]}`;
    expect(printExpr(decodeExpr(parseWireJson(request)))).toBe(`Map([1, 2], Lambda("x", Var("x")))`);
  });

  function decodeError(json: string): FaunaError {
    try {
      decodeExpr(parseWireJson(json));
    } catch (error) {
      if (error instanceof FaunaError) return error;
      throw error;
    }
    throw new Error(`${json} decoded`);
  }

  test.each([
    [`{"frobnicate":1}`, [], "invalid expression", "No form/function found, or invalid argument keys: { frobnicate }."],
    [`{}`, [], "invalid expression", "No form/function found, or invalid argument keys: {  }."],
    [`{"add":1,"extra":2}`, [], "invalid expression", "No form/function found, or invalid argument keys: { add, extra }."],
    [`{"do":[1,{"nope":1}]}`, ["do", 1], "invalid expression", "No form/function found, or invalid argument keys: { nope }."],
    [`{"create":{"collection":"c"},"params":{"object":{"ttl":{"@ts":"yesterday"}}}}`, ["params", "object", "ttl"], "invalid expression", "Invalid time."],
    [`{"let":5,"in":1}`, ["let"], "invalid expression", "Object or Array expected, Integer provided."],
    [`{"object":[1]}`, ["object"], "invalid expression", "Object expected, Array provided."],
    [`{"@ref":{"id":"nope"}}`, ["id"], "invalid expression", "Invalid ref."],
  ])("%s is refused at %j", (json, position, code, description) => {
    const error = decodeError(json);
    expect({ position: error.position, code: error.code, description: error.description }).toEqual({ position, code, description });
  });
});

describe("values", () => {
  const users = Ref.schema("collections", "users");
  const cases: [string, Value, string][] = [
    ["null", null, "null"],
    ["booleans", [true, false], "[true,false]"],
    ["Long", 9223372036854775807n, "9223372036854775807"],
    ["Double with an integral value", 1, "1.0"],
    ["Double", 0.1, "0.1"],
    ["large Double", 1.5e10, "1.5E10"],
    ["small Double", 1e-4, "1.0E-4"],
    ["special Doubles", [NaN, Infinity, -Infinity], `["NaN","Infinity","-Infinity"]`],
    ["string", 'quote " and \n', JSON.stringify('quote " and \n')],
    ["object keeps its order", new Map<string, Value>([["b", 1n], ["a", 2n]]), `{"b":1,"a":2}`],
    ["object with an @ key", new Map<string, Value>([["@ref", "x"]]), `{"@obj":{"@ref":"x"}}`],
    ["native ref", Ref.native("tokens"), `{"@ref":{"id":"tokens"}}`],
    ["collection ref", users, `{"@ref":{"id":"users","collection":{"@ref":{"id":"collections"}}}}`],
    ["document ref", new Ref("1", users), `{"@ref":{"id":"1","collection":{"@ref":{"id":"users","collection":{"@ref":{"id":"collections"}}}}}}`],
    [
      "scoped ref",
      Ref.schema("collections", "c", Ref.schema("databases", "db1")),
      `{"@ref":{"id":"c","collection":{"@ref":{"id":"collections"}},"database":{"@ref":{"id":"db1","collection":{"@ref":{"id":"databases"}}}}}}`,
    ],
    ["time", new Timestamp(BigInt(Date.UTC(2021, 5, 23, 21, 22, 18, 607)) * 1_000_000n), `{"@ts":"2021-06-23T21:22:18.607Z"}`],
    ["time with nanoseconds", new Timestamp(1n), `{"@ts":"1970-01-01T00:00:00.000000001Z"}`],
    ["date", new DateValue(18801), `{"@date":"2021-06-23"}`],
    ["bytes", new Bytes(new Uint8Array([0xfb, 0xff])), `{"@bytes":"+/8="}`],
    ["set", new SetRef(new Map<string, Value>([["documents", users]])), `{"@set":{"documents":{"@ref":{"id":"users","collection":{"@ref":{"id":"collections"}}}}}}`],
    ["page", new Page([1n], [2n], [3n]), `{"before":[2],"after":[3],"data":[1]}`],
  ];

  test.each(cases)("%s: encodes to Fauna's JSON and decodes back", (_name, value, json) => {
    expect(encodeValue(value)).toBe(json);
    if (!(value instanceof Page)) expect(encodeValue(decodeValue(parseWireJson(json)))).toBe(json);
  });

  test("a query value travels as @query", () => {
    const lambda = parseQuery(`Lambda("x", Add(Var("x"), 1))`);
    const json = encodeValue(new QueryValue(lambda));
    expect(json).toBe(`{"@query":{"api_version":"4","lambda":"x","expr":{"add":[{"var":"x"},1]}}}`);
    expect(encodeValue(decodeValue(parseWireJson(`{"@query":{"lambda":"x","expr":{"add":[{"var":"x"},1]},"api_version":"4"}}`)))).toBe(json);
  });

  test("reading keeps Longs exact and Doubles Doubles", () => {
    expect(decodeValue(parseWireJson("[9007199254740993, 1.0, 2, 2.5]"))).toEqual([9007199254740993n, 1, 2n, 2.5]);
  });

  test("legacy string refs read as refs", () => {
    expect(encodeValue(decodeValue(parseWireJson(`{"@ref":"collections/users/1"}`)))).toBe(encodeValue(new Ref("1", users)));
    expect(encodeValue(decodeValue(parseWireJson(`{"@ref":"classes/users"}`)))).toBe(encodeValue(users));
    expect(encodeValue(decodeValue(parseWireJson(`{"@ref":"tokens/5"}`)))).toBe(encodeValue(new Ref("5", Ref.native("tokens"))));
  });

  test("a response is the value under resource", () => {
    expect(encodeResponse(new Page([]))).toBe(`{"resource":{"data":[]}}`);
  });
});
