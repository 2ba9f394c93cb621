import type { Engine } from "../../src/engine";
import { errorJson, failure, printed, withDb, wire } from "../helpers";

/** Ten numbers, each a document: n, its parity and whether it is small. */
async function withNumbers(body: (db: Engine) => Promise<void>) {
  await withDb(async (db) => {
    await db.query(`CreateCollection({ name: "numbers" })`);
    await db.query(`Foreach([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], n => Create(Ref(Collection("numbers"), n), { data: { n: n, parity: If(Equals(Modulo(n, 2), 0), "even", "odd"), small: If(Equals(Divide(n, 6), 0), "yes", "no") } }))`);
    await db.query(`CreateIndex({ name: "by_parity", source: Collection("numbers"), terms: [{ field: ["data", "parity"] }], values: [{ field: ["data", "n"] }] })`);
    await db.query(`CreateIndex({ name: "by_size", source: Collection("numbers"), terms: [{ field: ["data", "small"] }], values: [{ field: ["data", "n"] }] })`);
    await db.query(`CreateIndex({ name: "all_n", source: Collection("numbers"), values: [{ field: ["data", "n"] }] })`);
    await body(db);
  });
}

const data = (set: string, options = "") => `Select("data", Paginate(${set}${options ? `, ${options}` : ""}))`;
const even = `Match(Index("by_parity"), "even")`;
const small = `Match(Index("by_size"), "yes")`;

describe("set algebra", () => {
  // https://docs.fauna.com/fauna/v4/api/fql/functions/union
  // https://docs.fauna.com/fauna/v4/api/fql/functions/intersection
  // https://docs.fauna.com/fauna/v4/api/fql/functions/difference
  test("Union, Intersection, Difference of index sets, in order", async () => {
    await withNumbers(async (db) => {
      expect(await wire(db, data(`Union(${even}, ${small})`))).toBe("[1,2,3,4,5,6,8,10]");
      expect(await wire(db, data(`Intersection(${even}, ${small})`))).toBe("[2,4]");
      expect(await wire(db, data(`Difference(${even}, ${small})`))).toBe("[6,8,10]");
      expect(await wire(db, data(`Union(${even})`))).toBe("[2,4,6,8,10]");
    });
  });

  // https://docs.fauna.com/fauna/v4/api/fql/functions/match
  test("their set refs print as the calls that made them", async () => {
    await withNumbers(async (db) => {
      expect(await printed(db, `Union(${even}, ${small})`)).toBe(`Union(Match(Index("by_parity"), "even"), Match(Index("by_size"), "yes"))`);
      expect(await wire(db, `Match(Index("all_n"))`)).toBe(`{"@set":{"match":{"@ref":{"id":"all_n","collection":{"@ref":{"id":"indexes"}}}}}}`);
    });
  });

  // https://docs.fauna.com/fauna/v4/api/fql/functions/distinct
  test("on arrays they work element by element", async () => {
    await withNumbers(async (db) => {
      expect(await wire(db, `Union([3, 2, 2, 1], [6, 5, 9, 1])`)).toBe("[3,2,2,1,6,5,9]");
      expect(await wire(db, `Intersection([1, 2, 2, 3], [2, 3, 3])`)).toBe("[2,3]");
      expect(await wire(db, `Difference([1, 2, 2, 3, 3], [3])`)).toBe("[1,2,2,3]");
      expect(await wire(db, `Distinct([1, 2, 1, 3, 2])`)).toBe("[1,2,3]");
    });
  });

  test("sets and arrays do not mix", async () => {
    await withNumbers(async (db) => {
      expect(errorJson(await failure(db, `Union(${even}, [1])`))).toEqual([
        { position: ["union"], code: "invalid argument", description: "Arguments cannot be of different types, expected Set or Array." },
      ]);
      expect(errorJson(await failure(db, `Union(${even}, Paginate(${even}))`))).toEqual([{ position: ["union", 1], code: "invalid argument", description: "Set or Array expected, Page provided." }]);
    });
  });

  // https://docs.fauna.com/fauna/v4/api/fql/functions/range
  // https://docs.fauna.com/fauna/v4/api/fql/functions/reverse
  test("Distinct, Reverse and Range", async () => {
    await withNumbers(async (db) => {
      await db.query(`CreateIndex({ name: "parities", source: Collection("numbers"), values: [{ field: ["data", "parity"] }] })`);
      expect(await wire(db, data(`Distinct(Match(Index("parities")))`))).toBe(`["even","odd"]`);
      expect(await wire(db, data(`Reverse(${even})`))).toBe("[10,8,6,4,2]");
      expect(await wire(db, data(`Range(Match(Index("all_n")), 3, 6)`))).toBe("[3,4,5,6]");
      expect(await wire(db, data(`Range(Match(Index("all_n")), [], 2)`))).toBe("[1,2]");
      expect(await wire(db, data(`Range(Match(Index("all_n")), 9, [])`))).toBe("[9,10]");
    });
  });

  // https://docs.fauna.com/fauna/v4/api/fql/functions/join
  test("Join follows values into another index", async () => {
    await withNumbers(async (db) => {
      await db.query(`CreateIndex({ name: "parity_of", source: Collection("numbers"), terms: [{ field: ["data", "n"] }], values: [{ field: ["data", "parity"] }] })`);
      expect(await wire(db, data(`Join(Match(Index("by_size"), "yes"), Index("parity_of"))`))).toBe(`["even","odd"]`);
      expect(await wire(db, data(`Join(Match(Index("by_size"), "yes"), v => Match(Index("parity_of"), Add(v, 10)))`))).toBe(`[]`);
    });
  });

  // https://docs.fauna.com/fauna/v4/api/fql/functions/filter
  test("Filter on a set gives a set; Map on one is an error", async () => {
    await withNumbers(async (db) => {
      expect(await wire(db, data(`Filter(${even}, n => Equals(Modulo(n, 4), 0))`))).toBe("[4,8]");
      expect(errorJson(await failure(db, `Map(${even}, n => n)`))).toEqual([{ position: ["collection"], code: "invalid argument", description: "Array or Page expected, Set provided." }]);
    });
  });

  // https://docs.fauna.com/fauna/v4/api/fql/functions/singleton
  // https://docs.fauna.com/fauna/v4/api/fql/functions/count
  // https://docs.fauna.com/fauna/v4/api/fql/functions/documents
  test("Singleton and Documents", async () => {
    await withNumbers(async (db) => {
      expect(await printed(db, data(`Singleton(Ref(Collection("numbers"), "3"))`))).toBe(`[ Ref(Collection("numbers"), "3") ]`);
      expect(await wire(db, data(`Singleton(Ref(Collection("numbers"), "99"))`))).toBe("[]");
      expect(await wire(db, `Count(Documents(Collection("numbers")))`)).toBe("10");
    });
  });
});

describe("folds over arrays, pages and sets", () => {
  // https://docs.fauna.com/fauna/v4/api/fql/functions/isempty
  // https://docs.fauna.com/fauna/v4/api/fql/functions/isnonempty
  // https://docs.fauna.com/fauna/v4/api/fql/functions/reduce
  // https://docs.fauna.com/fauna/v4/api/fql/functions/max
  // https://docs.fauna.com/fauna/v4/api/fql/functions/min
  // https://docs.fauna.com/fauna/v4/api/fql/functions/sum
  // https://docs.fauna.com/fauna/v4/api/fql/functions/mean
  // https://docs.fauna.com/fauna/v4/api/fql/functions/any
  // https://docs.fauna.com/fauna/v4/api/fql/functions/all
  test("give a value for arrays and sets, and a page for pages", async () => {
    await withNumbers(async (db) => {
      expect(await wire(db, `[Count(${even}), Sum(${even}), Mean(${even}), Max(${even}), Min(${even})]`)).toBe("[5,30,6.0,10,2]");
      expect(await wire(db, `[Count([1, 2]), Sum([1, 2.5]), Sum([]), Max([1, "a", 2]), Min([[3, 1, 2]])]`)).toBe(`[2,3.5,0,"a",1]`);
      expect(await wire(db, `Count(Paginate(${even}, { size: 2 }))`)).toMatch(/"data":\[2\]\}$/);
      expect(await wire(db, `[Any([false, true]), All([true, false]), Any([]), All([])]`)).toBe("[true,false,false,true]");
      expect(await wire(db, `Reduce((acc, n) => Add(acc, n), 100, ${even})`)).toBe("130");
      expect(await wire(db, `[IsEmpty(${even}), IsNonEmpty(Match(Index("by_parity"), "none")), IsEmpty([]), IsNonEmpty(Paginate(${even}))]`)).toBe("[false,false,true,true]");
    });
  });

  test("complain about what they cannot fold", async () => {
    await withNumbers(async (db) => {
      expect(errorJson(await failure(db, `Count(1)`))).toEqual([{ position: ["count"], code: "invalid argument", description: "Array, Set, or Page expected, Integer provided." }]);
      expect(errorJson(await failure(db, `Sum(["a"])`))).toEqual([{ position: ["sum"], code: "invalid argument", description: "Number expected, String provided." }]);
      expect(errorJson(await failure(db, `Mean([])`))).toEqual([{ position: ["mean"], code: "invalid argument", description: "Non-empty array expected." }]);
      expect(errorJson(await failure(db, `All([1])`))).toEqual([{ position: ["all"], code: "invalid argument", description: "Boolean expected, Integer provided." }]);
    });
  });

  // https://docs.fauna.com/fauna/v4/api/fql/functions/take
  // https://docs.fauna.com/fauna/v4/api/fql/functions/drop
  // https://docs.fauna.com/fauna/v4/api/fql/functions/prepend
  // https://docs.fauna.com/fauna/v4/api/fql/functions/append
  test("Take, Drop, Prepend, Append", async () => {
    await withNumbers(async (db) => {
      expect(await wire(db, `[Take(2, [1, 2, 3]), Drop(2, [1, 2, 3]), Take(5, [1]), Prepend([1, 2], [3]), Append([3], [1, 2])]`)).toBe("[[1,2],[3],[1],[1,2,3],[1,2,3]]");
      expect(await wire(db, `Select("data", Take(2, Paginate(${even})))`)).toBe("[2,4]");
      expect(errorJson(await failure(db, `Take(2, ${even})`))).toEqual([{ position: ["collection"], code: "invalid argument", description: "Array or Page expected, Set provided." }]);
      // One element may be given alone.
      expect(await wire(db, `[Append(1, [2]), Prepend(1, [2])]`)).toBe("[[2,1],[1,2]]");
    });
  });
});

describe("pages of index sets", () => {
  test("cursors are [values…, ref]; after includes, before excludes; prefixes work", async () => {
    await withNumbers(async (db) => {
      expect(await printed(db, `Paginate(${even}, { size: 2 })`)).toBe(`{ after: [ 6, Ref(Collection("numbers"), "6") ], data: [ 2, 4 ] }`);
      expect(await printed(db, `Paginate(${even}, { size: 2, after: [6, Ref(Collection("numbers"), "6")] })`)).toBe(
        `{\n  before: [ 6, Ref(Collection("numbers"), "6") ],\n  after: [ 10, Ref(Collection("numbers"), "10") ],\n  data: [ 6, 8 ]\n}`,
      );
      expect(await wire(db, data(even, `{ after: 5 }`))).toBe("[6,8,10]");
      expect(await wire(db, data(even, `{ before: 6 }`))).toBe("[2,4]");
      expect(await wire(db, data(even, `{ before: null, size: 2 }`))).toBe("[8,10]");
      expect(await wire(db, data(even, `{ after: null }`))).toBe("[]");
      expect(await wire(db, data(even, `{ size: 0 }`))).toBe("[]");
    });
  });

  test("reading a set without terms costs 8 read ops, with terms 1", async () => {
    await withNumbers(async (db) => {
      expect((await db.query(`Paginate(Match(Index("all_n")))`)).metrics.readOps).toBe(8);
      expect((await db.query(`Paginate(${even})`)).metrics.readOps).toBe(1);
      expect((await db.query(`Paginate(Union(${even}, ${small}))`)).metrics.readOps).toBe(2);
    });
  });
});
