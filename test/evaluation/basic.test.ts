import { errorJson, failure, printed, withDb, wire } from "../helpers";

describe("Let and Var", () => {
  // https://docs.fauna.com/fauna/v4/api/fql/functions/let
  // https://docs.fauna.com/fauna/v4/api/fql/functions/var
  test("bind in order; later bindings see earlier ones", async () => {
    await withDb(async (db) => {
      expect(await wire(db, `Let({ a: 1, b: Add(Var("a"), 1) }, [Var("a"), Var("b")])`)).toBe("[1,2]");
      expect(await wire(db, `Let([{ a: 1 }, { a: 2 }], Var("a"))`)).toBe("2");
      expect(await wire(db, `Let({ x: 1 }, Let({ x: 2 }, Var("x")))`)).toBe("2");
    });
  });

  // https://docs.fauna.com/fauna/v4/api/fql/functions/do
  test("an unbound variable fails the query before it runs, at the Var", async () => {
    await withDb(async (db) => {
      const error = await failure(db, `Do(Create(Collection("never"), {}), Let({ a: 1 }, Add(Var("a"), Var("b"))))`);
      expect(errorJson(error)).toEqual([{ position: ["do", 1, "in", "add", 1], code: "invalid expression", description: "Variable 'b' is not defined." }]);
      expect(error.errors[0]!.location).toMatchObject({ line: 1, column: 65 });
    });
  });

  test("a binding does not see itself or later bindings", async () => {
    await withDb(async (db) => {
      expect(errorJson(await failure(db, `Let({ y: Var("x"), x: 3 }, Var("y"))`))).toEqual([
        { position: ["let", 0, "y"], code: "invalid expression", description: "Variable 'x' is not defined." },
      ]);
    });
  });
});

describe("Lambda", () => {
  // https://docs.fauna.com/fauna/v4/api/fql/functions/lambda
  // https://docs.fauna.com/fauna/v4/api/fql/functions/map
  test("binds one name, an array of names, or ignores _", async () => {
    await withDb(async (db) => {
      expect(await wire(db, `Map([1, 2], Lambda("x", Multiply(Var("x"), 10)))`)).toBe("[10,20]");
      expect(await wire(db, `Map([[1, 2], [3, 4]], Lambda(["a", "b"], Subtract(Var("a"), Var("b"))))`)).toBe("[-1,-1]");
      expect(await wire(db, `Map([[1, 2]], Lambda(["_", "b"], Var("b")))`)).toBe("[2]");
      expect(await wire(db, `Map([5], Lambda(["only"], Var("only")))`)).toBe("[5]");
    });
  });

  test("closes over the bindings around it", async () => {
    await withDb(async (db) => {
      expect(await wire(db, `Let({ k: 100 }, Map([1, 2], x => Add(x, Var("k"))))`)).toBe("[101,102]");
    });
  });

  test("an array of the wrong length is an error at the lambda", async () => {
    await withDb(async (db) => {
      expect(errorJson(await failure(db, `Map([[1, 2, 3]], Lambda(["a", "b"], Var("a")))`))).toEqual([
        { position: ["map", "lambda"], code: "invalid argument", description: "Lambda expects an array with 2 elements. Array contains 3." },
      ]);
    });
  });

  test("parameters must be names", async () => {
    await withDb(async (db) => {
      expect(errorJson(await failure(db, `Map([1], Lambda(1, 2))`))).toEqual([
        { position: ["map", "lambda"], code: "invalid expression", description: "String or Array expected, Integer provided." },
      ]);
    });
  });

  // https://docs.fauna.com/fauna/v4/api/fql/functions/query
  test("a Lambda is a value that prints as itself", async () => {
    await withDb(async (db) => {
      expect(await printed(db, `Query(Lambda("x", Var("x")))`)).toBe(`Query(Lambda("x", Var("x")))`);
      expect(await wire(db, `Query(x => x)`)).toBe(`{"@query":{"api_version":"4","lambda":"x","expr":{"var":"x"}}}`);
    });
  });
});

describe("If and Do", () => {
  // https://docs.fauna.com/fauna/v4/api/fql/functions/abort
  // https://docs.fauna.com/fauna/v4/api/fql/functions/if
  test("If evaluates only the branch taken", async () => {
    await withDb(async (db) => {
      expect(await wire(db, `If(true, "yes", Abort("not evaluated"))`)).toBe(`"yes"`);
      expect(await wire(db, `If(false, Abort("not evaluated"), "no")`)).toBe(`"no"`);
    });
  });

  test("If needs a Boolean", async () => {
    await withDb(async (db) => {
      expect(errorJson(await failure(db, `If("true", 1, 2)`))).toEqual([{ position: ["if"], code: "invalid argument", description: "Boolean expected, String provided." }]);
    });
  });

  test("Do runs in order, sees its own writes, and returns the last value", async () => {
    await withDb(async (db) => {
      await db.query(`CreateCollection({ name: "c" })`);
      expect(await wire(db, `Do(Create(Ref(Collection("c"), "1"), { data: { n: 1 } }), Select(["data", "n"], Get(Ref(Collection("c"), "1"))))`)).toBe("1");
    });
  });

  test("Do stops at its first error", async () => {
    await withDb(async (db) => {
      expect(errorJson(await failure(db, `Do(1, Abort("first"), Abort("second"))`))).toEqual([{ position: ["do", 1], code: "transaction aborted", description: "first" }]);
    });
  });

  test("Do of nothing is malformed", async () => {
    await withDb(async (db) => {
      expect(errorJson(await failure(db, { do: [] }))).toEqual([{ position: ["do"], code: "invalid expression", description: "Expression list cannot be empty." }]);
    });
  });
});

describe("Select", () => {
  // https://docs.fauna.com/fauna/v4/api/fql/functions/select
  test("walks objects, arrays, pages and refs", async () => {
    await withDb(async (db) => {
      expect(await wire(db, `Select(["a", 1, "b"], { a: [0, { b: "found" }] })`)).toBe(`"found"`);
      expect(await wire(db, `Select("a", { a: 1 })`)).toBe("1");
      expect(await wire(db, `Select(1, [10, 20])`)).toBe("20");
      expect(await wire(db, `Select("id", Ref(Collection("users"), "42"))`)).toBe(`"42"`);
      expect(await wire(db, `Select("collection", Ref(Collection("users"), "42"))`)).toBe(`{"@ref":{"id":"users","collection":{"@ref":{"id":"collections"}}}}`);
      expect(await wire(db, `Select(["data", 0], Paginate(Tokens()), "none")`)).toBe(`"none"`);
    });
  });

  test("uses the default only when nothing is there, evaluating it only then", async () => {
    await withDb(async (db) => {
      expect(await wire(db, `Select("missing", {}, "default")`)).toBe(`"default"`);
      expect(await wire(db, `Select("a", { a: 1 }, Abort("not evaluated"))`)).toBe("1");
      expect(await wire(db, `Select("missing", {}, null)`)).toBe("null");
    });
  });

  test("a missing value is an error naming the whole path", async () => {
    await withDb(async (db) => {
      expect(errorJson(await failure(db, `Select(["a", "b", 0], { a: { c: 1 } })`))).toEqual([
        { position: ["from"], code: "value not found", description: "Value not found at path [a,b,0]." },
      ]);
      expect(errorJson(await failure(db, `Select(-1, [1])`))).toEqual([{ position: ["from"], code: "value not found", description: "Value not found at path [-1]." }]);
    });
  });

  test("path elements must be strings or integers", async () => {
    await withDb(async (db) => {
      expect(errorJson(await failure(db, `Select(["a", true], {})`))).toEqual([
        { position: ["select", 1], code: "invalid argument", description: "String or Integer expected, Boolean provided." },
      ]);
      expect(errorJson(await failure(db, `Select(1.5, [1])`))).toEqual([{ position: ["select"], code: "invalid argument", description: "String or Integer expected, Double provided." }]);
    });
  });
});

describe("Abort", () => {
  test("fails the query with its message", async () => {
    await withDb(async (db) => {
      expect(errorJson(await failure(db, `Abort("stop here")`))).toEqual([{ position: [], code: "transaction aborted", description: "stop here" }]);
      expect(errorJson(await failure(db, `Abort(1)`))).toEqual([{ position: ["abort"], code: "invalid argument", description: "String expected, Integer provided." }]);
    });
  });
});

describe("object and array literals", () => {
  test("report every failing element, as Fauna did", async () => {
    await withDb(async (db) => {
      expect(errorJson(await failure(db, `[Abort("a"), 1, Abort("b")]`))).toEqual([
        { position: [0], code: "transaction aborted", description: "a" },
        { position: [2], code: "transaction aborted", description: "b" },
      ]);
      expect(errorJson(await failure(db, `{ x: Divide(1, 0) }`))).toEqual([{ position: ["object", "x"], code: "invalid argument", description: "Illegal division by zero." }]);
    });
  });

  test("keep keys that look like integers, or like JavaScript internals, in order and as data", async () => {
    await withDb(async (db) => {
      expect(await wire(db, `{ b: 1, "2": 2, "__proto__": 3, constructor: 4 }`)).toBe(`{"b":1,"2":2,"__proto__":3,"constructor":4}`);
    });
  });
});
