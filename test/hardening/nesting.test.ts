/**
 * Deeply nested queries and values: refused with a Fauna-style error before
 * anything runs, or evaluated, never a JavaScript stack overflow.
 */
import { Errors } from "../../src/error/catalog";
import { FaunaError } from "../../src/error/FaunaError";
import { MAX_TEXT_NESTING } from "../../src/language/parse";
import { printValue } from "../../src/language/printer";
import { MAX_REQUEST_NESTING, parseWireJson, type WireJson } from "../../src/language/wire";
import { failure, value, wire, withDb } from "../helpers";

const DEEP = 10_000;

const nestedText = {
  array: (n: number) => `${"[".repeat(n)}1${"]".repeat(n)}`,
  call: (n: number) => `${"Add(".repeat(n)}1${", 1)".repeat(n)}`,
  object: (n: number) => `${"{a: ".repeat(n)}1${"}".repeat(n)}`,
  parentheses: (n: number) => `${"(".repeat(n)}1${")".repeat(n)}`,
  arrow: (n: number) => `Map([1], ${"x => ".repeat(n)}1)`,
  let: (n: number) => `${"Let({a: ".repeat(n)}1${"}, 1)".repeat(n)}`,
};

/** Wire JSON text nested `n` levels deep (each form nests one or two levels a step). */
const nestedJson = {
  array: (n: number) => `${"[".repeat(n)}1${"]".repeat(n)}`,
  call: (n: number) => `${'{"add":['.repeat(n / 2)}1${"]}".repeat(n / 2)}`,
  object: (n: number) => `${'{"object":{"a":'.repeat(n / 2)}1${"}}".repeat(n / 2)}`,
  value: (n: number) => `${'{"@obj":{"a":'.repeat(n / 2)}1${"}}".repeat(n / 2)}`,
  let: (n: number) => `${'{"let":{"a":'.repeat(n / 2)}1${'},"in":1}'.repeat(n / 2)}`,
};

function nestedArrays(depth: number): WireJson {
  let json: WireJson = 1n;
  for (let level = 0; level < depth; level++) json = [json];
  return json;
}

const range = (n: number) => `[${Array.from({ length: n }, (_, i) => i).join(", ")}]`;

describe("query text", () => {
  test.each(Object.keys(nestedText))("%s nested 10,000 deep is a positioned syntax error", async (form) => {
    await withDb(async (db) => {
      const error = await failure(db, nestedText[form as keyof typeof nestedText](DEEP));
      expect(error.code).toBe("invalid expression");
      expect(error.description).toBe(`Syntax error: Expressions nest more than ${MAX_TEXT_NESTING} levels deep.`);
      expect(error.position).toEqual([]);
      expect(error.errors[0]!.location).toEqual(expect.objectContaining({ line: 1 }));
    });
  });

  test("up to the limit, text parses and runs", async () => {
    await withDb(async (db) => {
      expect(await value(db, nestedText.call(MAX_TEXT_NESTING))).toBe(BigInt(MAX_TEXT_NESTING + 1));
      expect(await wire(db, nestedText.array(MAX_TEXT_NESTING))).toBe(nestedText.array(MAX_TEXT_NESTING));
      expect(await value(db, nestedText.parentheses(MAX_TEXT_NESTING))).toBe(1n);
      expect(await value(db, nestedText.let(MAX_TEXT_NESTING / 2))).toBe(1n);
      const error = await failure(db, nestedText.array(MAX_TEXT_NESTING + 1));
      expect(error.errors[0]!.location).toEqual({ line: 1, column: MAX_TEXT_NESTING + 1, offset: MAX_TEXT_NESTING, endOffset: MAX_TEXT_NESTING + 1 });
    });
  });

  test("arrow functions count as levels until their body ends", async () => {
    await withDb(async (db) => {
      // Side by side, arrows do not add up.
      const wide = `[${Array.from({ length: 300 }, () => "Map([1], x => x)").join(", ")}]`;
      expect(await value(db, wide)).toHaveLength(300);
      expect((await failure(db, nestedText.arrow(MAX_TEXT_NESTING))).description).toMatch(/nest more than/);
    });
  });

  test("strings and comments with brackets do not count", async () => {
    await withDb(async (db) => {
      expect(await value(db, `Length('${"[".repeat(DEEP)}')`)).toBe(BigInt(DEEP));
      expect(await value(db, `/* ${"(".repeat(DEEP)} */ 1`)).toBe(1n);
    });
  });
});

describe("wire JSON", () => {
  test.each(Object.keys(nestedJson))("%s nested 10,000 deep is Fauna's nesting error, as text or as parsed JSON", async (form) => {
    await withDb(async () => {
      const text = nestedJson[form as keyof typeof nestedJson](DEEP);
      let thrown: unknown;
      try {
        parseWireJson(text);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(FaunaError);
      expect((thrown as FaunaError).errors.map(({ code, description, position }) => ({ code, description, position }))).toEqual([
        { code: "invalid expression", description: "Request body JSON exceeds nesting limit.", position: [] },
      ]);
      expect((thrown as FaunaError).status).toBe(400);
    });
  });

  test("a deep JavaScript value passed as a query is refused the same way", async () => {
    await withDb(async (db) => {
      expect((await failure(db, nestedArrays(DEEP))).description).toBe(Errors.nestingLimit.describe());
      expect((await failure(db, nestedArrays(MAX_REQUEST_NESTING + 1))).description).toBe(Errors.nestingLimit.describe());
      // A cycle is as deep as can be.
      const cyclic: WireJson[] = [];
      cyclic.push(cyclic);
      expect((await failure(db, cyclic)).code).toBe("invalid expression");
    });
  });

  test.each(Object.keys(nestedJson))("%s at Fauna's limit of 1000 levels runs", async (form) => {
    await withDb(async (db) => {
      const result = await db.query(parseWireJson(nestedJson[form as keyof typeof nestedJson](MAX_REQUEST_NESTING)));
      expect(result.response.length).toBeGreaterThan(0);
      expect(printValue(result.value).length).toBeGreaterThan(0);
    });
  });
});

describe("values built while a query runs", () => {
  test("nesting deeper than 1000 fails where the value is built", async () => {
    await withDb(async (db) => {
      for (const body of ['[Var("acc")]', '{a: Var("acc")}', 'Merge({}, {a: Var("acc")})', 'Append([], [Var("acc")])']) {
        const error = await failure(db, `Reduce(Lambda(["acc", "x"], ${body}), 1, ${range(DEEP)})`);
        expect(error.code).toBe("stack overflow");
        expect(error.description).toBe("Value nesting reached the maximum limit of 1000.");
        expect(error.position[0]).toBe("reduce");
      }
    });
  });

  test("sets nested at run time are limited the same way", async () => {
    await withDb(async (db) => {
      await db.query(`CreateCollection({name: "c"})`);
      const error = await failure(db, `Reduce(Lambda(["s", "x"], Union(Var("s"), Documents(Collection("c")))), Documents(Collection("c")), ${range(DEEP)})`);
      expect(error.code).toBe("stack overflow");
      const page = await value(db, `Paginate(Reduce(Lambda(["s", "x"], Union(Var("s"), Documents(Collection("c")))), Documents(Collection("c")), ${range(300)}))`);
      expect(printValue(page)).toBe("{ data: [] }");
    });
  });

  test("values up to the limit are returned, printed, stored and read back", async () => {
    await withDb(async (db) => {
      await db.query(`CreateCollection({name: "c"})`);
      const deep = (n: number) => `Reduce(Lambda(["acc", "x"], [Var("acc")]), 1, ${range(n)})`;
      const result = await db.query(deep(1000));
      expect(result.response).toBe(`{"resource":${nestedText.array(1000)}}`);
      expect(printValue(result.value).length).toBeGreaterThan(1000);
      const created = await value(db, `Select("ref", Create(Collection("c"), {data: {v: ${deep(990)}}}))`);
      const read = await db.query({ select: ["data", "v"], from: { get: { "@ref": { id: (created as { id: string }).id, collection: { "@ref": { id: "c", collection: { "@ref": { id: "collections" } } } } } } } } as WireJson);
      expect(read.response).toBe(`{"resource":${nestedText.array(990)}}`);
      // Too deep for the document: refused, and nothing is written.
      expect((await failure(db, `Create(Collection("c"), {data: {v: ${deep(DEEP)}}})`)).code).toBe("stack overflow");
      expect(await value(db, `Count(Documents(Collection("c")))`)).toBe(1n);
    });
  });

  test("lambdas applied inside lambdas stop at Fauna's 200", async () => {
    await withDb(async (db) => {
      const chain = (n: number) => `Reduce(Lambda(["f", "x"], Lambda("y", Select(0, Map([Var("y")], Var("f"))))), Lambda("y", Var("y")), ${range(n)})`;
      expect(await value(db, `Select(0, Map([7], ${chain(150)}))`)).toBe(7n);
      const error = await failure(db, `Select(0, Map([7], ${chain(DEEP)}))`);
      expect(error.code).toBe("stack overflow");
      expect(error.description).toBe("Call stack reached the maximum limit of 200.");
    });
  });
});

describe("prototype keys are ordinary keys", () => {
  const keys = ["__proto__", "constructor", "prototype", "hasOwnProperty", "toString"];

  test("in object literals, text and wire", async () => {
    await withDb(async (db) => {
      const text = `{${keys.map((key, i) => `${JSON.stringify(key)}: ${i}`).join(", ")}}`;
      const expected = `{${keys.map((key, i) => `${JSON.stringify(key)}:${i}`).join(",")}}`;
      expect(await wire(db, text)).toBe(expected);
      expect(await wire(db, parseWireJson(`{"object":${expected}}`))).toBe(expected);
      expect(await wire(db, parseWireJson(`{"@obj":${expected}}`))).toBe(expected);
      expect(await wire(db, parseWireJson(`{"object":{"__proto__":{"object":{"x":1}}}}`))).toBe(`{"__proto__":{"x":1}}`);
    });
  });

  test("in Select paths, ContainsPath, ContainsField, Merge, ToObject, ToArray", async () => {
    await withDb(async (db) => {
      for (const key of keys) {
        const k = JSON.stringify(key);
        expect((await failure(db, `Select([${k}], {})`)).code).toBe("value not found");
        expect((await failure(db, `Select([${k}, "name"], {a: 1})`)).code).toBe("value not found");
        expect(await value(db, `Select([${k}], {${k}: 1})`)).toBe(1n);
        expect(await value(db, `Select([${k}], {}, "default")`)).toBe("default");
        expect(await value(db, `ContainsPath([${k}], {})`)).toBe(false);
        expect(await value(db, `ContainsField(${k}, {})`)).toBe(false);
        expect(await wire(db, `Merge({}, {${k}: 1})`)).toBe(`{${k}:1}`);
        expect(await wire(db, `ToObject([[${k}, 1]])`)).toBe(`{${k}:1}`);
        expect(await wire(db, `ToArray({${k}: 1})`)).toBe(`[[${k},1]]`);
      }
    });
  });

  test("as variable names", async () => {
    await withDb(async (db) => {
      for (const key of keys) {
        expect(await value(db, parseWireJson(`{"let":{"${key}":1},"in":{"var":"${key}"}}`))).toBe(1n);
        expect((await failure(db, { var: key })).description).toBe(`Variable '${key}' is not defined.`);
      }
    });
  });

  test("as wire keys: no function, no legacy ref", async () => {
    await withDb(async (db) => {
      for (const key of keys) {
        expect((await failure(db, parseWireJson(`{"${key}":1}`))).description).toBe(`No form/function found, or invalid argument keys: { ${key} }.`);
        expect((await failure(db, parseWireJson(`{"@ref":"${key}"}`))).description).toBe("Invalid ref.");
        expect((await failure(db, parseWireJson(`{"@ref":"${key}/x"}`))).description).toBe("Invalid ref.");
      }
    });
  });

  test("in document data and index fields", async () => {
    await withDb(async (db) => {
      await db.query(`CreateCollection({name: "c"})`);
      await db.query(`CreateIndex({name: "by_proto", source: Collection("c"), terms: [{field: ["data", "__proto__"]}], values: [{field: ["data", "constructor"]}, {field: ["data", "prototype", "toString"]}]})`);
      const data = `{__proto__: "p", constructor: "c", prototype: {toString: "t"}}`;
      await db.query(`Create(Ref(Collection("c"), "1"), {data: ${data}})`);
      expect(await wire(db, `Select("data", Get(Ref(Collection("c"), "1")))`)).toBe(`{"__proto__":"p","constructor":"c","prototype":{"toString":"t"}}`);
      expect(await wire(db, `Select(["data", "prototype", "toString"], Get(Ref(Collection("c"), "1")))`)).toBe(`"t"`);
      expect(await wire(db, `Select("data", Paginate(Match(Index("by_proto"), "p")))`)).toBe(`[["c","t"]]`);
      expect(await wire(db, `Select("data", Paginate(Match(Index("by_proto"), "x")))`)).toBe(`[]`);
      await db.query(`Update(Ref(Collection("c"), "1"), {data: {__proto__: null, constructor: {__proto__: 1}}})`);
      expect(await wire(db, `Select("data", Get(Ref(Collection("c"), "1")))`)).toBe(`{"constructor":{"__proto__":1},"prototype":{"toString":"t"}}`);
      expect(await wire(db, `Select("data", Paginate(Match(Index("by_proto"), "p")))`)).toBe(`[]`);
    });
  });
});
