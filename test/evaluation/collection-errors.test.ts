/**
 * Errors and edge cases of the functions over arrays, pages and sets, as
 * Fauna's FQL v4 reported them: code, description and position.
 */
import type { Engine } from "../../src/engine";
import { errorJson, failure, withDb, wire } from "../helpers";

/** A collection "c" of three documents (ids 1, 2, 3) and an index "x" of them. */
async function withDocs(body: (db: Engine) => Promise<void>) {
  await withDb(async (db) => {
    await db.query(`CreateCollection({ name: "c" })`);
    await db.query(`CreateIndex({ name: "x", source: Collection("c") })`);
    await db.query(`Foreach(["1", "2", "3"], id => Create(Ref(Collection("c"), id), {}))`);
    await body(db);
  });
}

const argument = (position: (string | number)[], description: string) => ({ position, code: "invalid argument", description });
const refJson = (id: string) => `{"@ref":{"id":"${id}","collection":{"@ref":{"id":"c","collection":{"@ref":{"id":"collections"}}}}}}`;
const docs = `Documents(Collection("c"))`;
const page = `Paginate(${docs}, { size: 2 })`;

async function expectError(db: Engine, query: string, ...errors: unknown[]) {
  expect(errorJson(await failure(db, query))).toEqual(errors);
}

describe("Map, Foreach, Filter", () => {
  // https://docs.fauna.com/fauna/v4/api/fql/functions/map
  // https://docs.fauna.com/fauna/v4/api/fql/functions/foreach
  // https://docs.fauna.com/fauna/v4/api/fql/functions/filter
  test("the collection must be an array or a page; anything else is reported as not even a set", async () => {
    await withDocs(async (db) => {
      await expectError(db, `Map(5, Lambda("x", Var("x")))`, argument(["collection"], "Array, Set, or Page expected, Integer provided."));
      await expectError(db, `Foreach(null, Lambda("x", Var("x")))`, argument(["collection"], "Array, Set, or Page expected, Null provided."));
      await expectError(db, `Filter(1, Lambda("x", true))`, argument(["collection"], "Array, Set, or Page expected, Integer provided."));
      await expectError(db, `Map(${docs}, Lambda("x", Var("x")))`, argument(["collection"], "Array or Page expected, Set provided."));
      await expectError(db, `Foreach(Collections(), Lambda("x", Var("x")))`, argument(["collection"], "Array or Page expected, Set provided."));
      await expectError(db, `Map(Ref(Collection("c"), "1"), Lambda("x", Var("x")))`, argument(["collection"], "Array, Set, or Page expected, Ref provided."));
    });
  });

  test("the lambda must be written out, and its parameters fit each element", async () => {
    await withDocs(async (db) => {
      await expectError(db, `Map([1], 5)`, { position: ["map"], code: "invalid expression", description: "Lambda expected, Integer provided." });
      await expectError(db, `Map([[1]], Lambda(["a", "b"], Var("a")))`, argument(["map", "lambda"], "Lambda expects an array with 2 elements. Array contains 1."));
      await expectError(db, `Foreach([[1, 2, 3]], Lambda(["a", "b"], Var("a")))`, argument(["foreach", "lambda"], "Lambda expects an array with 2 elements. Array contains 3."));
    });
  });

  test("Filter's lambda must give booleans: each other result is an error at its element's index", async () => {
    await withDocs(async (db) => {
      await expectError(
        db,
        `Filter([1, true, "a"], Lambda("x", Var("x")))`,
        argument([0], "Boolean expected, Integer provided."),
        argument([2], "Boolean expected, String provided."),
      );
      await expectError(db, `Paginate(Filter(${docs}, Lambda("x", "yes")))`, argument(["paginate", "filter"], "Boolean expected, String provided."));
      await expectError(db, `Paginate(Filter(${docs}, Lambda(["a", "b"], true)))`, argument(["paginate", "filter", "lambda"], "Lambda expects an array with 2 elements. Array contains 1."));
    });
  });

  test("empty inputs, and pages keep their cursors", async () => {
    await withDocs(async (db) => {
      expect(await wire(db, `Map([], Lambda("x", Var("x")))`)).toBe("[]");
      expect(await wire(db, `Filter([], Lambda("x", 1))`)).toBe("[]");
      expect(await wire(db, `Foreach([null], Lambda("x", Var("x")))`)).toBe("[null]");
      expect(await wire(db, `Filter(${page}, Lambda("x", false))`)).toBe(`{"after":[${refJson("3")}],"data":[]}`);
      expect(await wire(db, `Map(${page}, Lambda("x", Select("id", Var("x"))))`)).toBe(`{"after":[${refJson("3")}],"data":["1","2"]}`);
    });
  });
});

describe("Take, Drop", () => {
  // https://docs.fauna.com/fauna/v4/api/fql/functions/take
  // https://docs.fauna.com/fauna/v4/api/fql/functions/drop
  test("the count is an integer and the collection an array or a page, never a set", async () => {
    await withDocs(async (db) => {
      await expectError(db, `Drop("a", [1])`, argument(["drop"], "Integer expected, String provided."));
      await expectError(db, `Take(1.5, [1])`, argument(["take"], "Integer expected, Double provided."));
      await expectError(db, `Take(1, ${docs})`, argument(["collection"], "Array or Page expected, Set provided."));
      await expectError(db, `Drop(1, "abc")`, argument(["collection"], "Array or Page expected, String provided."));
      await expectError(db, `Take(1, Collection("c"))`, argument(["collection"], "Array or Page expected, Collection Ref provided."));
      await expectError(db, `Take(1, Databases())`, argument(["collection"], "Array or Page expected, Collection Ref provided."));
    });
  });

  test("negative and oversized counts; counts are cut to 32 bits", async () => {
    await withDocs(async (db) => {
      expect(await wire(db, `Take(-1, [1])`)).toBe("[]");
      expect(await wire(db, `Drop(-1, [1, 2])`)).toBe("[1,2]");
      expect(await wire(db, `Take(10, [1, 2])`)).toBe("[1,2]");
      expect(await wire(db, `Drop(10, [1])`)).toBe("[]");
      expect(await wire(db, `Take(0, [])`)).toBe("[]");
      expect(await wire(db, `Take(4294967297, [1, 2, 3])`)).toBe("[1]");
      expect(await wire(db, `Take(2147483648, [1, 2])`)).toBe("[]");
      expect(await wire(db, `Drop(4294967297, [1, 2, 3])`)).toBe("[2,3]");
    });
  });

  test("on a page, Take moves `after` to the first element left out, Drop moves `before` to the first kept", async () => {
    await withDocs(async (db) => {
      expect(await wire(db, `Take(1, ${page})`)).toBe(`{"after":[${refJson("2")}],"data":[${refJson("1")}]}`);
      expect(await wire(db, `Take(5, ${page})`)).toBe(`{"after":[${refJson("3")}],"data":[${refJson("1")},${refJson("2")}]}`);
      // A negative count gives `after` the page's `before` (here none).
      expect(await wire(db, `Take(-1, ${page})`)).toBe(`{"data":[]}`);
      expect(await wire(db, `Drop(1, ${page})`)).toBe(`{"before":[${refJson("2")}],"after":[${refJson("3")}],"data":[${refJson("2")}]}`);
      expect(await wire(db, `Drop(0, ${page})`)).toBe(`{"before":[${refJson("1")}],"after":[${refJson("3")}],"data":[${refJson("1")},${refJson("2")}]}`);
      expect(await wire(db, `Drop(5, ${page})`)).toBe(`{"before":[${refJson("3")}],"after":[${refJson("3")}],"data":[]}`);
      expect(await wire(db, `Drop(-1, ${page})`)).toBe(`{"after":[${refJson("3")}],"data":[${refJson("1")},${refJson("2")}]}`);
      // A mapped page still knows its elements' cursors.
      expect(await wire(db, `Take(1, Map(Paginate(${docs}), Lambda("x", Select("id", Var("x")))))`)).toBe(`{"after":[${refJson("2")}],"data":["1"]}`);
    });
  });
});

describe("Take, Drop on pages of index values", () => {
  // https://docs.fauna.com/fauna/v4/api/fql/functions/take
  // https://docs.fauna.com/fauna/v4/api/fql/functions/drop
  test("the cursors follow the elements under Map and Filter", async () => {
    await withDb(async (db) => {
      await db.query(`CreateCollection({ name: "n" })`);
      await db.query(`CreateIndex({ name: "n_by_foo", source: Collection("n"), terms: [{ field: ["data", "foo"] }], values: [{ field: ["data", "bar"] }] })`);
      await db.query(`Foreach([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14], i => Create(Collection("n"), { data: { foo: "x", bar: i } }))`);
      const p = `Paginate(Match(Index("n_by_foo"), "x"), { after: 5, size: 5 })`;
      const m = `Map(${p}, Lambda("x", Add(Var("x"), 10)))`;
      const f = `Filter(${m}, Lambda("i", Equals(0, Modulo(Var("i"), 2))))`;
      // [before, after, data]
      const shape = (page: string) => wire(db, `Let({ p: ${page} }, [Select(["before", 0], Var("p"), null), Select(["after", 0], Var("p"), null), Select("data", Var("p"))])`);
      expect(await shape(p)).toBe("[5,10,[5,6,7,8,9]]");
      expect(await shape(`Take(3, ${p})`)).toBe("[5,8,[5,6,7]]");
      expect(await shape(`Take(0, ${p})`)).toBe("[5,5,[]]");
      expect(await shape(`Take(-3, ${p})`)).toBe("[5,5,[]]");
      expect(await shape(`Drop(2, ${p})`)).toBe("[7,10,[7,8,9]]");
      expect(await shape(`Drop(8, ${p})`)).toBe("[10,10,[]]");
      expect(await shape(`Take(3, ${m})`)).toBe("[5,8,[15,16,17]]");
      expect(await shape(`Drop(2, ${m})`)).toBe("[7,10,[17,18,19]]");
      expect(await shape(f)).toBe("[5,10,[16,18]]");
      expect(await shape(`Take(1, ${f})`)).toBe("[5,8,[16]]");
      // Take none: `after` becomes the first element's cursor, not `before`.
      expect(await shape(`Take(0, ${f})`)).toBe("[5,6,[]]");
      expect(await shape(`Drop(1, ${f})`)).toBe("[8,10,[18]]");
      expect(await shape(`Drop(0, ${f})`)).toBe("[6,10,[16,18]]");
      expect(await shape(`Drop(-3, ${f})`)).toBe("[5,10,[16,18]]");
      const none = `Filter(${m}, Lambda("i", false))`;
      expect(await shape(`Take(-1, ${none})`)).toBe("[5,5,[]]");
      expect(await shape(`Take(1, ${none})`)).toBe("[5,10,[]]");
      expect(await shape(`Drop(0, ${none})`)).toBe("[10,10,[]]");
    });
  });
});

describe("Prepend, Append", () => {
  // https://docs.fauna.com/fauna/v4/api/fql/functions/prepend
  // https://docs.fauna.com/fauna/v4/api/fql/functions/append
  test("the elements may be one value; the collection must be an array", async () => {
    await withDocs(async (db) => {
      expect(await wire(db, `Prepend(1, [2])`)).toBe("[1,2]");
      expect(await wire(db, `Append(null, [1])`)).toBe("[1,null]");
      expect(await wire(db, `Append([[1]], [0])`)).toBe("[0,[1]]");
      expect(await wire(db, `Prepend([], [])`)).toBe("[]");
      await expectError(db, `Prepend([1], 2)`, argument(["collection"], "Array expected, Integer provided."));
      await expectError(db, `Append([1], ${page})`, argument(["collection"], "Array expected, Page provided."));
      await expectError(db, `Append([1], ${docs})`, argument(["collection"], "Array expected, Set provided."));
    });
  });
});

describe("Count, Sum, Mean, Any, All, Reduce, IsEmpty, IsNonEmpty", () => {
  // https://docs.fauna.com/fauna/v4/api/fql/functions/count
  // https://docs.fauna.com/fauna/v4/api/fql/functions/sum
  // https://docs.fauna.com/fauna/v4/api/fql/functions/mean
  // https://docs.fauna.com/fauna/v4/api/fql/functions/any
  // https://docs.fauna.com/fauna/v4/api/fql/functions/all
  // https://docs.fauna.com/fauna/v4/api/fql/functions/reduce
  // https://docs.fauna.com/fauna/v4/api/fql/functions/isempty
  // https://docs.fauna.com/fauna/v4/api/fql/functions/isnonempty
  test("the collection must be an array, a set or a page", async () => {
    await withDocs(async (db) => {
      await expectError(db, `Count(1)`, argument(["count"], "Array, Set, or Page expected, Integer provided."));
      await expectError(db, `Sum("a")`, argument(["sum"], "Array, Set, or Page expected, String provided."));
      await expectError(db, `Mean(null)`, argument(["mean"], "Array, Set, or Page expected, Null provided."));
      await expectError(db, `Any({})`, argument(["any"], "Array, Set, or Page expected, Object provided."));
      await expectError(db, `All(Ref(Collection("c"), "1"))`, argument(["all"], "Array, Set, or Page expected, Ref provided."));
      await expectError(db, `Reduce(Lambda(["a", "b"], Var("a")), 0, 5)`, argument(["collection"], "Array, Set, or Page expected, Integer provided."));
      await expectError(db, `IsEmpty(1)`, argument(["is_empty"], "Array, Set, or Page expected, Integer provided."));
      await expectError(db, `IsNonEmpty("a")`, argument(["is_nonempty"], "Array, Set, or Page expected, String provided."));
    });
  });

  test("elements of the wrong type: the first one is reported", async () => {
    await withDocs(async (db) => {
      await expectError(db, `Sum([1, "a", null])`, argument(["sum"], "Number expected, String provided."));
      await expectError(db, `Mean([1, null])`, argument(["mean"], "Number expected, Null provided."));
      await expectError(db, `Any([false, 1, "a"])`, argument(["any"], "Boolean expected, Integer provided."));
      await expectError(db, `All(["a"])`, argument(["all"], "Boolean expected, String provided."));
      await expectError(db, `Sum(${docs})`, argument(["sum"], "Number expected, Ref provided."));
    });
  });

  test("empty inputs: only Mean fails", async () => {
    await withDocs(async (db) => {
      expect(await wire(db, `Count([])`)).toBe("0");
      expect(await wire(db, `Sum([])`)).toBe("0");
      expect(await wire(db, `Any([])`)).toBe("false");
      expect(await wire(db, `All([])`)).toBe("true");
      expect(await wire(db, `Reduce(Lambda(["a", "b"], Var("b")), 7, [])`)).toBe("7");
      expect(await wire(db, `IsEmpty([])`)).toBe("true");
      expect(await wire(db, `IsNonEmpty(Paginate(${docs}, { size: 0 }))`)).toBe("false");
      await expectError(db, `Mean([])`, argument(["mean"], "Non-empty array expected."));
      await expectError(db, `Mean(Paginate(${docs}, { size: 0 }))`, argument(["mean"], "Non-empty array expected."));
    });
  });

  test("on a page they give a page of the result, cursors kept", async () => {
    await withDocs(async (db) => {
      expect(await wire(db, `Count(${page})`)).toBe(`{"after":[${refJson("3")}],"data":[2]}`);
      expect(await wire(db, `Reduce(Lambda(["a", "b"], Add(Var("a"), 1)), 0, Paginate(${docs}))`)).toBe(`{"data":[3]}`);
      expect(await wire(db, `Sum([1, 2.5])`)).toBe("3.5");
      expect(await wire(db, `Mean([1, 2])`)).toBe("1.5");
    });
  });

  test("Reduce's lambda is given [accumulator, element]", async () => {
    await withDocs(async (db) => {
      // One parameter takes the pair whole.
      expect(await wire(db, `Reduce(Lambda("a", Var("a")), 0, [1])`)).toBe("[0,1]");
      await expectError(db, `Reduce(Lambda(["a", "b", "c"], 1), 0, [1])`, argument(["reduce", "lambda"], "Lambda expects an array with 3 elements. Array contains 2."));
      await expectError(db, `Reduce(1, 0, [1])`, { position: ["reduce"], code: "invalid expression", description: "Lambda expected, Integer provided." });
    });
  });
});

describe("Max, Min", () => {
  // https://docs.fauna.com/fauna/v4/api/fql/functions/max
  // https://docs.fauna.com/fauna/v4/api/fql/functions/min
  test("errors and empty inputs", async () => {
    await withDocs(async (db) => {
      await expectError(db, `Max(null)`, argument(["max"], "Array, Set, or Page expected, Null provided."));
      await expectError(db, `Min(5)`, argument(["min"], "Array, Set, or Page expected, Integer provided."));
      await expectError(db, `Max([])`, argument(["max"], "Non-empty array expected."));
      await expectError(db, `Min(Paginate(${docs}, { size: 0 }))`, argument(["min"], "Non-empty array expected."));
      await expectError(db, `Max([[]])`, argument(["max"], "Non-empty array expected."));
    });
  });

  test("an array of one array, page or set stands for it", async () => {
    await withDocs(async (db) => {
      expect(await wire(db, `Max([[1, 5]])`)).toBe("5");
      expect(await wire(db, `Min([[[4, 2]]])`)).toBe("2");
      expect(await wire(db, `Max([Paginate(Match(Index("x")))])`)).toBe(`{"data":[${refJson("3")}]}`);
      expect(await wire(db, `Min([${docs}])`)).toBe(refJson("1"));
      expect(await wire(db, `Max([3])`)).toBe("3");
    });
  });
});

describe("Reverse, Distinct", () => {
  // https://docs.fauna.com/fauna/v4/api/fql/functions/reverse
  // https://docs.fauna.com/fauna/v4/api/fql/functions/distinct
  test("they take an array, a set or a page; a document's ref is not a set", async () => {
    await withDocs(async (db) => {
      await expectError(db, `Distinct(1)`, argument(["distinct"], "Array, Set, or Page expected, Integer provided."));
      await expectError(db, `Distinct(Ref(Collection("c"), "1"))`, argument(["distinct"], "Array, Set, or Page expected, Ref provided."));
      await expectError(db, `Reverse("abc")`, argument(["reverse"], "Array, Set, or Page expected, String provided."));
      await expectError(db, `Reverse(Ref(Collection("c"), "1"))`, argument(["reverse"], "Array, Set, or Page expected, Ref provided."));
    });
  });

  test("empty and nested arrays; pages keep their cursors", async () => {
    await withDocs(async (db) => {
      expect(await wire(db, `Distinct([])`)).toBe("[]");
      expect(await wire(db, `Reverse([])`)).toBe("[]");
      expect(await wire(db, `Distinct([[1], [1], [1, 2]])`)).toBe("[[1],[1,2]]");
      expect(await wire(db, `Reverse([[1, 2], 3])`)).toBe("[3,[1,2]]");
      expect(await wire(db, `Reverse(${page})`)).toBe(`{"after":[${refJson("3")}],"data":[${refJson("2")},${refJson("1")}]}`);
      expect(await wire(db, `Distinct(${page})`)).toBe(`{"after":[${refJson("3")}],"data":[${refJson("1")},${refJson("2")}]}`);
    });
  });
});

describe("Singleton, Events, Documents, Match", () => {
  // https://docs.fauna.com/fauna/v4/api/fql/functions/singleton
  // https://docs.fauna.com/fauna/v4/api/fql/functions/events
  // https://docs.fauna.com/fauna/v4/api/fql/functions/documents
  // https://docs.fauna.com/fauna/v4/api/fql/functions/match
  test("argument types", async () => {
    await withDocs(async (db) => {
      await expectError(db, `Singleton("a")`, argument(["singleton"], "Ref expected, String provided."));
      await expectError(db, `Singleton(${docs})`, argument(["singleton"], "Ref expected, Set provided."));
      await expectError(db, `Events(1)`, argument(["events"], "Ref or Set expected, Integer provided."));
      await expectError(db, `Documents(1)`, argument(["documents"], "Collection Ref expected, Integer provided."));
      await expectError(db, `Documents(Ref(Collection("c"), "1"))`, argument(["documents"], "Collection Ref expected, Ref provided."));
      await expectError(db, `Documents(Index("x"))`, argument(["documents"], "Collection Ref expected, Index Ref provided."));
      await expectError(db, `Match(1)`, argument(["match"], "Identifier expected, Integer provided."));
      await expectError(db, `Match(Collection("c"))`, argument(["match"], "Identifier expected, Collection Ref provided."));
    });
  });

  test("a set of events has no events", async () => {
    await withDocs(async (db) => {
      await expectError(db, `Events(Events(${docs}))`, argument([], "Set does not support events history."));
      await expectError(db, `Paginate(Events(Events(Ref(Collection("c"), "1"))))`, argument(["paginate"], "Set does not support events history."));
    });
  });

  test("an index no one has: by ref where the ref is, by name at `index`", async () => {
    await withDocs(async (db) => {
      await expectError(db, `Match(Index("nope"))`, { position: ["match"], code: "invalid ref", description: "Ref refers to undefined index 'nope'" });
      await expectError(db, `Match("nope")`, { position: ["index"], code: "invalid ref", description: "Ref refers to undefined index 'nope'" });
      expect(await wire(db, `Count(Match("x"))`)).toBe("3");
    });
  });
});

describe("Union, Intersection, Difference", () => {
  // https://docs.fauna.com/fauna/v4/api/fql/functions/union
  // https://docs.fauna.com/fauna/v4/api/fql/functions/intersection
  // https://docs.fauna.com/fauna/v4/api/fql/functions/difference
  test("every element is checked; what is not an array, set or page is reported as not one", async () => {
    await withDocs(async (db) => {
      await expectError(
        db,
        `Union(1, 2)`,
        argument(["union", 0], "Array, Set, or Page expected, Integer provided."),
        argument(["union", 1], "Array, Set, or Page expected, Integer provided."),
      );
      await expectError(db, `Difference(${docs}, Ref(Collection("c"), "1"))`, argument(["difference", 1], "Array, Set, or Page expected, Ref provided."));
      await expectError(db, `Intersection(Paginate(${docs}))`, argument(["intersection"], "Set or Array expected, Page provided."));
      await expectError(db, `Intersection(null)`, argument(["intersection"], "Array, Set, or Page expected, Null provided."));
    });
  });

  test("empty, mixed, and sets that do not go together", async () => {
    await withDocs(async (db) => {
      await expectError(db, `Union([])`, argument(["union"], "Non-empty array expected."));
      await expectError(db, `Difference([1], ${docs})`, argument(["difference"], "Arguments cannot be of different types, expected Set or Array."));
      await expectError(db, `Union(${docs}, Events(${docs}))`, argument(["union"], "Sets are not compatible."));
      expect(await wire(db, `Union([[]])`)).toBe("[]");
      expect(await wire(db, `Intersection([[1, 2]], [])`)).toBe("[]");
      expect(await wire(db, `Difference([null, 1], [null])`)).toBe("[1]");
    });
  });
});

describe("Range, Join", () => {
  // https://docs.fauna.com/fauna/v4/api/fql/functions/range
  // https://docs.fauna.com/fauna/v4/api/fql/functions/join
  test("the source must be a set", async () => {
    await withDocs(async (db) => {
      await expectError(db, `Range([1, 2], 1, 2)`, argument(["range"], "Set expected, Array provided."));
      await expectError(db, `Range(Ref(Collection("c"), "1"), [], [])`, argument(["range"], "Set expected, Ref provided."));
      await expectError(db, `Join(1, Index("x"))`, argument(["join"], "Set expected, Integer provided."));
      await expectError(db, `Join(Ref(Collection("c"), "1"), Index("x"))`, argument(["join"], "Set expected, Ref provided."));
    });
  });

  test("Join's target: a lambda or an index ref; the lambda must give sets", async () => {
    await withDocs(async (db) => {
      await expectError(db, `Join(${docs}, 1)`, argument(["with"], "Lambda or Index Ref expected, Integer provided."));
      await expectError(db, `Join(${docs}, Collection("c"))`, argument(["with"], "Lambda or Index Ref expected, Collection Ref provided."));
      await expectError(db, `Join(${docs}, Index("nope"))`, { position: ["with"], code: "invalid ref", description: "Ref refers to undefined index 'nope'" });
      await expectError(db, `Paginate(Join(${docs}, Lambda("x", 1)))`, argument(["paginate", "with"], "Set expected, Integer provided."));
      await expectError(db, `Paginate(Join(${docs}, Lambda("x", Var("x"))))`, argument(["paginate", "with"], "Set expected, Ref provided."));
      await expectError(db, `Paginate(Join(${docs}, Lambda(["a", "b"], Var("a"))))`, argument(["paginate", "with", "lambda"], "Lambda expects an array with 2 elements. Array contains 1."));
    });
  });
});
