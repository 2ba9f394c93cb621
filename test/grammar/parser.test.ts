import { FqlParser } from "../../grammar/parser";
import { createLexer } from "../../grammar/tokens";
import { FaunaError } from "../../src/error/FaunaError";
import { parseQueries, parseQuery } from "../../src/language/parse";
import { encodeExpr } from "../../src/language/wire";

/** The wire form of a one-query text: the clearest statement of what it parsed to. */
function wireOf(text: string): string {
  return encodeExpr(parseQuery(text));
}

function syntaxErrorOf(text: string, parse: (text: string) => unknown = parseQueries): { description: string; line: number; column: number } {
  try {
    parse(text);
  } catch (error) {
    if (!(error instanceof FaunaError)) throw error;
    const entry = error.errors[0]!;
    expect(entry.code).toBe("invalid expression");
    return { description: entry.description, line: entry.location!.line, column: entry.location!.column };
  }
  throw new Error(`${text} parsed`);
}

describe("the grammar itself", () => {
  test("has no ambiguities or other definition errors", () => {
    expect(() => new FqlParser(true)).not.toThrow();
    expect(createLexer(true).lexerDefinitionErrors).toEqual([]);
  });
});

describe("literals", () => {
  test("strings in double and single quotes, with JavaScript escapes", () => {
    expect(wireOf(`"a\\"b"`)).toBe(`"a\\"b"`);
    expect(wireOf(`'it\\'s'`)).toBe(`"it's"`);
    expect(wireOf(`"tab\\there\\nnew"`)).toBe(`"tab\\there\\nnew"`);
    expect(wireOf(`"\\u00e9\\x41\\u{1F600}\\0"`)).toBe(JSON.stringify("éA😀\0"));
    expect(wireOf(`'line \\\ncontinued'`)).toBe(`"line continued"`);
    expect(wireOf(`"unknown \\q escape"`)).toBe(`"unknown q escape"`);
  });

  test("integers are Longs, exact to 64 bits; numbers with a point or exponent are Doubles", () => {
    expect(wireOf("1")).toBe("1");
    expect(wireOf("-42")).toBe("-42");
    expect(wireOf("9223372036854775807")).toBe("9223372036854775807");
    expect(wireOf("-9223372036854775808")).toBe("-9223372036854775808");
    expect(wireOf("1.0")).toBe("1.0");
    expect(wireOf("1.5e10")).toBe("1.5E10");
    expect(wireOf("2E-5")).toBe("2.0E-5");
    expect(wireOf(".5")).toBe("0.5");
    expect(wireOf("1.")).toBe("1.0");
  });

  test("integers beyond 64 bits are an error that suggests a Double", () => {
    expect(syntaxErrorOf("Add(1, 9223372036854775808)")).toEqual({
      description: "Syntax error: 9223372036854775808 does not fit in a 64-bit integer (write it as a double, e.g. 9223372036854775808.0).",
      line: 1,
      column: 8,
    });
  });

  test("true, false, null", () => {
    expect(wireOf("[true, false, null]")).toBe("[true,false,null]");
  });

  test("arrays and objects, with trailing commas and every kind of key", () => {
    expect(wireOf("[1, [2, 3,],]")).toBe("[1,[2,3]]");
    expect(wireOf(`{ bare: 1, "double": 2, 'single': 3, 4: 5, null: 6, }`)).toBe(
      `{"object":{"bare":1,"double":2,"single":3,"4":5,"null":6}}`,
    );
    expect(wireOf("{}")).toBe(`{"object":{}}`);
    expect(wireOf("[]")).toBe("[]");
  });

  test("a repeated key keeps its first place and its last value, as in JavaScript", () => {
    expect(wireOf("{ a: 1, b: 2, a: 3 }")).toBe(`{"object":{"a":3,"b":2}}`);
  });

  test("Object() and Bytes() build their values where they stand", () => {
    expect(wireOf("Object({ a: 1 })")).toBe(`{"object":{"a":1}}`);
    expect(wireOf(`Bytes("AQID")`)).toBe(`{"@bytes":"AQID"}`);
    expect(syntaxErrorOf(`Bytes("not base64!")`).description).toBe("Syntax error: 'not base64!' is not base64.");
  });
});

describe("calls", () => {
  test("take positional arguments and an optional trailing comma", () => {
    expect(wireOf(`Create(Collection("users"), { data: { name: "Alice" } },)`)).toBe(
      `{"create":{"collection":"users"},"params":{"object":{"data":{"object":{"name":"Alice"}}}}}`,
    );
  });

  test("may be written with the driver's q. prefix", () => {
    expect(wireOf("q.Add(1, q.Multiply(2, 3))")).toBe(`{"add":[1,{"multiply":[2,3]}]}`);
    expect(syntaxErrorOf("x.Add(1)").description).toBe("Syntax error: Unknown namespace 'x': only 'q.' may prefix a function.");
  });

  test("gather rest arguments as the driver did: one bare, several as an array", () => {
    expect(wireOf("Add(1)")).toBe(`{"add":1}`);
    expect(wireOf("Add(1, 2)")).toBe(`{"add":[1,2]}`);
    expect(wireOf("Add([1, 2])")).toBe(`{"add":[1,2]}`);
    expect(wireOf("Do(1)")).toBe(`{"do":[1]}`);
    expect(wireOf(`Match(Index("i"))`)).toBe(`{"match":{"index":"i"},"terms":[]}`);
  });

  test("send optional arguments the driver's way", () => {
    expect(wireOf("Tokens()")).toBe(`{"tokens":null}`);
    expect(wireOf("Get(Tokens(), null)")).toBe(`{"get":{"tokens":null}}`);
    expect(wireOf(`Select("a", {}, null)`)).toBe(`{"select":"a","from":{"object":{}},"default":null}`);
    expect(wireOf(`Paginate(Tokens(), { size: 2 })`)).toBe(`{"paginate":{"tokens":null},"size":2}`);
    expect(wireOf(`Map([1], Lambda("x", Var("x")))`)).toBe(`{"map":{"lambda":"x","expr":{"var":"x"}},"collection":[1]}`);
  });

  test("check arity", () => {
    expect(syntaxErrorOf("Add()")).toEqual({ description: "Syntax error: Add takes at least 1 argument, 0 given.", line: 1, column: 1 });
    expect(syntaxErrorOf("\n  If(true, 1)").description).toBe("Syntax error: If takes 3 arguments, 2 given.");
    expect(syntaxErrorOf("Now(1)").description).toBe("Syntax error: Now takes 0 arguments, 1 given.");
    expect(syntaxErrorOf("Get(1, 2, 3)").description).toBe("Syntax error: Get takes 1 to 2 arguments, 3 given.");
  });

  test("must name a function FQL has", () => {
    expect(syntaxErrorOf("  Frobnicate(1)")).toEqual({ description: "Syntax error: Unknown function 'Frobnicate'.", line: 1, column: 3 });
  });
});

describe("lambdas", () => {
  test("Lambda with one name or an array of names", () => {
    expect(wireOf(`Lambda("x", Var("x"))`)).toBe(`{"lambda":"x","expr":{"var":"x"}}`);
    expect(wireOf(`Lambda(["a", "b"], Var("a"))`)).toBe(`{"lambda":["a","b"],"expr":{"var":"a"}}`);
  });

  test("arrow functions, where a bare name is Var(name)", () => {
    expect(wireOf("x => Add(x, 1)")).toBe(`{"lambda":"x","expr":{"add":[{"var":"x"},1]}}`);
    expect(wireOf("(x) => x")).toBe(`{"lambda":"x","expr":{"var":"x"}}`);
    expect(wireOf("(a, b,) => [a, b]")).toBe(`{"lambda":["a","b"],"expr":[{"var":"a"},{"var":"b"}]}`);
    expect(wireOf("() => 1")).toBe(`{"lambda":[],"expr":1}`);
    expect(wireOf("x => y => Add(x, y)")).toBe(`{"lambda":"x","expr":{"lambda":"y","expr":{"add":[{"var":"x"},{"var":"y"}]}}}`);
    expect(wireOf("x => (Add(x, 1))")).toBe(`{"lambda":"x","expr":{"add":[{"var":"x"},1]}}`);
  });

  test("a bare name outside an arrow function is an error", () => {
    expect(syntaxErrorOf("Add(x, 1)")).toEqual({
      description: `Syntax error: Unknown identifier 'x': write Var("x") or use it inside an arrow function.`,
      line: 1,
      column: 5,
    });
    expect(syntaxErrorOf("Add").description).toBe("Syntax error: Unknown identifier 'Add': call it: Add(…).");
  });

  test("Let takes an object or an array of objects, and sends an array as the driver did", () => {
    expect(wireOf("Let({ a: 1, b: 2 }, Var('a'))")).toBe(`{"let":[{"a":1},{"b":2}],"in":{"var":"a"}}`);
    expect(wireOf("Let([{ a: 1 }, { b: 2 }], 1)")).toBe(`{"let":[{"a":1},{"b":2}],"in":1}`);
    expect(syntaxErrorOf("Let(1, 2)").description).toBe("Syntax error: Let takes its bindings as an object literal, or an array of object literals.");
  });
});

describe("comments, whitespace and several queries", () => {
  test("line and block comments are ignored", () => {
    expect(wireOf("// first\nAdd(1, /* inline */ 2) // last")).toBe(`{"add":[1,2]}`);
    expect(wireOf("/* a\n multi-line\n comment */ 1")).toBe("1");
  });

  test("queries are separated by newlines or semicolons", () => {
    const texts = parseQueries("Add(1, 2)\nAdd(3,\n 4); Add(5, 6);\n\n'seven'").map((query) => query.text);
    expect(texts).toEqual(["Add(1, 2)", "Add(3,\n 4)", "Add(5, 6)", "'seven'"]);
    expect(syntaxErrorOf("Add(1, 2) Add(3, 4)")).toEqual({ description: "Syntax error: Expected a new line or ';' before the next query.", line: 1, column: 11 });
  });

  test("an empty text holds no queries", () => {
    expect(parseQueries("  // nothing\n")).toEqual([]);
    expect(syntaxErrorOf("", parseQuery).description).toBe("Syntax error: Expected a query.");
  });
});

describe("syntax errors say where and what was expected", () => {
  test.each([
    ["Add(1 2)", "Syntax error: Expected ')' but found '2'.", 1, 7],
    ["Add(1,", "Syntax error: Expected an expression or ')' but found end of input.", 1, 7],
    ["Add(", "Syntax error: Expected ')' but found end of input.", 1, 5],
    ["{ a: }", "Syntax error: Expected an expression but found '}'.", 1, 6],
    ["{ a 1 }", "Syntax error: Expected ':' but found '1'.", 1, 5],
    ["[1, 2", "Syntax error: Expected ']' but found end of input.", 1, 6],
    ["Add(1, 2))", "Syntax error: Unexpected ')': expected the end of the query.", 1, 10],
    ["\n\n  'open", "Syntax error: Unterminated string.", 3, 3],
    ["Add(1, #)", "Syntax error: Unexpected character '#'.", 1, 8],
    ["Add(1, 2,,)", "Syntax error: Expected an expression or ')' but found ','.", 1, 10],
    ["[1, :]", "Syntax error: Expected an expression or ']' but found ':'.", 1, 5],
  ])("%j", (text, description, line, column) => {
    expect(syntaxErrorOf(text)).toEqual({ description, line, column });
  });
});
