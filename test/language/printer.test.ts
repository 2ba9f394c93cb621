import { inspect } from "node:util";
import { parseQueries, parseQuery } from "../../src/language/parse";
import { printExpr, printValue } from "../../src/language/printer";
import { Bytes, DateValue, Page, QueryValue, Ref, SetRef, Timestamp, type ObjectValue, type Value } from "../../src/language/values";
import { encodeExpr } from "../../src/language/wire";

const users = Ref.schema("collections", "users");
const object = (entries: [string, Value][]): ObjectValue => new Map(entries);
const time = (iso: string) => new Timestamp(BigInt(Date.parse(iso)) * 1_000_000n);

describe("values print as Fauna's Tokens page shows them", () => {
  test("a token from Login or Create(Tokens())", () => {
    const token = object([
      ["ref", new Ref("302044099688530432", Ref.native("tokens"))],
      ["ts", 1624310550300000n],
      ["instance", new Ref("1", users)],
      ["secret", "fnEEMROCJHACAAQxE4GIcAIADYV7pzCKqnsAm8N0nsY1vlCMJYQ"],
    ]);
    expect(printValue(token)).toBe(
      [
        "{",
        `  ref: Ref(Tokens(), "302044099688530432"),`,
        "  ts: 1624310550300000,",
        `  instance: Ref(Collection("users"), "1"),`,
        "  secret: 'fnEEMROCJHACAAQxE4GIcAIADYV7pzCKqnsAm8N0nsY1vlCMJYQ'",
        "}",
      ].join("\n"),
    );
  });

  test("a token with a ttl", () => {
    const token = object([
      ["ref", new Ref("302044087434871296", Ref.native("tokens"))],
      ["ts", 1624310538620000n],
      ["instance", new Ref("1", users)],
      ["ttl", time("2021-06-23T21:22:18.607Z")],
      ["secret", "fnEEMRN_ShACAAQxE36hQAYAWLgKxjGircfBLeB5z-IGW4eZU_Y"],
    ]);
    expect(printValue(token)).toContain(`  ttl: Time("2021-06-23T21:22:18.607Z"),\n`);
  });

  test("a page of tokens, and an empty one", () => {
    expect(printValue(new Page([new Ref("1", Ref.native("tokens"))]))).toBe(`{ data: [ Ref(Tokens(), "1") ] }`);
    expect(printValue(new Page([]))).toBe("{ data: [] }");
  });

  test("the index on Tokens()", () => {
    const index = object([
      ["ref", Ref.schema("indexes", "tokens_by_instance")],
      ["ts", 1624310541660000n],
      ["active", true],
      ["serialized", true],
      ["name", "tokens_by_instance"],
      ["permissions", object([["read", "public"]])],
      ["source", Ref.native("tokens")],
      ["terms", [object([["field", "instance"]])]],
      ["values", [object([["field", ["data", "name"]]])]],
      ["partitions", 1n],
    ]);
    expect(printValue(index)).toBe(
      [
        "{",
        `  ref: Index("tokens_by_instance"),`,
        "  ts: 1624310541660000,",
        "  active: true,",
        "  serialized: true,",
        "  name: 'tokens_by_instance',",
        "  permissions: { read: 'public' },",
        "  source: Tokens(),",
        "  terms: [ { field: 'instance' } ],",
        "  values: [ { field: [ 'data', 'name' ] } ],",
        "  partitions: 1",
        "}",
      ].join("\n"),
    );
  });

  test("an updated token", () => {
    const token = object([
      ["ref", new Ref("1", Ref.native("tokens"))],
      ["ts", 1624310552760000n],
      ["instance", new Ref("1", users)],
      ["data", object([["meta", "data"]])],
    ]);
    expect(printValue(token)).toBe(`{\n  ref: Ref(Tokens(), "1"),\n  ts: 1624310552760000,\n  instance: Ref(Collection("users"), "1"),\n  data: { meta: 'data' }\n}`);
  });
});

describe("FQL values print in their FQL form", () => {
  test.each<[string, Value, string]>([
    ["Long", 3n, "3"],
    ["Double", 1, "1.0"],
    ["large Double", 1.5e10, "1.5E10"],
    ["null", null, "null"],
    ["string with a quote", "it's", `"it's"`],
    ["string with both quotes", `'"`, `'\\'"'`],
    ["native refs", [Ref.native("collections"), Ref.native("keys", Ref.schema("databases", "a"))], `[ Collections(), Keys(Database("a")) ]`],
    ["schema refs", [Ref.schema("databases", "db1"), Ref.schema("functions", "f"), Ref.schema("roles", "r")], `[ Database("db1"), Function("f"), Role("r") ]`],
    ["scoped collection", Ref.schema("collections", "c", Ref.schema("databases", "db1")), `Collection("c", Database("db1"))`],
    ["document in a child database", new Ref("1", Ref.schema("collections", "c", Ref.schema("databases", "db1"))), `Ref(Collection("c", Database("db1")), "1")`],
    ["date", new DateValue(0), `Date("1970-01-01")`],
    ["bytes", new Bytes(new Uint8Array([1, 2, 3])), `Bytes("AQID")`],
    ["set", new SetRef(object([["documents", users]])), `Documents(Collection("users"))`],
    ["match set", new SetRef(object([["match", Ref.schema("indexes", "by_name")], ["terms", "x"]])), `Match(Index("by_name"), "x")`],
    ["query", new QueryValue(parseQuery(`Lambda("x", Var("x"))`)), `Query(Lambda("x", Var("x")))`],
    ["keys that are not identifiers", object([["a b", 1n], ["2", 2n]]), `{ 'a b': 1, '2': 2 }`],
  ])("%s", (_name, value, text) => {
    expect(printValue(value)).toBe(text);
  });
});

describe("layout follows util.inspect, which fauna-shell printed with", () => {
  // Plain structures, where util.inspect is the reference: FQL objects become plain JS objects.
  const structures: unknown[] = [
    { a: 1, b: [1, 2, 3], c: { d: "e" } },
    Array.from({ length: 30 }, (_, index) => index * 7),
    Array.from({ length: 12 }, (_, index) => `item-${index}`),
    { deep: { deeper: { deepest: { end: [1, 2] } } } },
    { long: "x".repeat(70), other: 1 },
    [[1, 2], [3, 4], { a: [5, 6] }],
    Array.from({ length: 8 }, (_, index) => ({ id: index })),
    { empty: {}, none: [] },
  ];

  function toValue(js: unknown): Value {
    if (typeof js === "number") return BigInt(js);
    if (Array.isArray(js)) return js.map(toValue);
    if (js !== null && typeof js === "object") return new Map(Object.entries(js).map(([key, entry]) => [key, toValue(entry)]));
    return js as Value;
  }

  test.each(structures.map((structure) => [JSON.stringify(structure).slice(0, 50), structure]))("%s", (_name, structure) => {
    expect(printValue(toValue(structure))).toBe(inspect(structure, { depth: null, maxArrayLength: null, maxStringLength: null }));
  });
});

describe("expressions print as FQL that parses back to the same tree", () => {
  const texts = [
    `Create(Collection("users"), { data: { name: "Alice", tags: ["a", "b"] } })`,
    `Let({ a: 1, b: Var("a") }, Add(Var("a"), Var("b"), 2.5))`,
    `Map([1, 2], Lambda(["x", "y"], Concat([ToString(Var("x")), "!"], "-")))`,
    `Paginate(Tokens(Database("child_db")), { size: 2, after: [Ref(Tokens(), "1")] })`,
    `Select(["data", 0], Get(Ref(Collection("users"), "1"), Now()), null)`,
    `If(And(true, Or(false, true)), Do(1, 2), Abort("no"))`,
    `Add([1])`,
    `Add([])`,
    `Match(Index("i"))`,
    `Match(Index("i"), "a", "b")`,
    `{ "not an identifier": 1, "@ref": Bytes("AQID") }`,
    `Epoch(1, "second")`,
    `Let([{ a: 1, b: 2 }, { c: 3 }], null)`,
  ];

  test.each(texts)("%s", (text) => {
    const expr = parseQuery(text);
    const printed = printExpr(expr);
    expect(encodeExpr(parseQuery(printed))).toBe(encodeExpr(expr));
  });

  test("printed text is canonical", () => {
    expect(printExpr(parseQuery(`Create( Collection('users') , {data:{name:'Alice'}} )`))).toBe(`Create(Collection("users"), { data: { name: "Alice" } })`);
    expect(printExpr(parseQuery("x => Add(x, 1)"))).toBe(`Lambda("x", Add(Var("x"), 1))`);
  });

  test("every example file prints and parses back", () => {
    const { readFileSync, readdirSync } = require("node:fs") as typeof import("node:fs");
    for (const file of readdirSync("examples")) {
      for (const { expr } of parseQueries(readFileSync(`examples/${file}`, "utf8"))) {
        expect(encodeExpr(parseQuery(printExpr(expr)))).toBe(encodeExpr(expr));
      }
    }
  });
});
