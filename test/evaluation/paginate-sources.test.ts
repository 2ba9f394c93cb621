import type { Engine } from "../../src/engine";
import { errorJson, failure, printed, withDb, wire } from "../helpers";

/** Six numbers, each a document, indexed by parity, size (below 4) and value; the indexes exist first, so they saw every addition. */
async function withNumbers(body: (db: Engine) => Promise<void>) {
  await withDb(async (db, clock) => {
    await db.query(`CreateCollection({ name: "numbers" })`);
    await db.query(`CreateIndex({ name: "by_parity", source: Collection("numbers"), terms: [{ field: ["data", "parity"] }], values: [{ field: ["data", "n"] }] })`);
    await db.query(`CreateIndex({ name: "by_size", source: Collection("numbers"), terms: [{ field: ["data", "small"] }], values: [{ field: ["data", "n"] }] })`);
    await db.query(`CreateIndex({ name: "by_n", source: Collection("numbers"), terms: [{ field: ["data", "n"] }] })`);
    // One at a time, so that their events come in a known order.
    for (let n = 1; n <= 6; n++) {
      clock.advance(1000);
      await db.query(`Create(Ref(Collection("numbers"), ${n}), { data: { n: ${n}, parity: "${n % 2 === 0 ? "even" : "odd"}", small: "${n < 4 ? "yes" : "no"}" } })`);
    }
    clock.advance(1000);
    await body(db);
  });
}

const even = `Match(Index("by_parity"), "even")`;
const small = `Match(Index("by_size"), "yes")`;
const evenWire = `{"@set":{"match":{"@ref":{"id":"by_parity","collection":{"@ref":{"id":"indexes"}}}},"terms":"even"}}`;
const smallWire = `{"@set":{"match":{"@ref":{"id":"by_size","collection":{"@ref":{"id":"indexes"}}}},"terms":"yes"}}`;
const numberRef = (n: number) => `{"@ref":{"id":"${n}","collection":{"@ref":{"id":"numbers","collection":{"@ref":{"id":"collections"}}}}}}`;

/** A page's elements with their sources, as FQL prints them, on one line: `value <- [sources]` each. */
async function sourcedData(db: Engine, set: string, options = ""): Promise<string[]> {
  const elements = `Select("data", Paginate(${set}, { sources: true${options ? `, ${options}` : ""} }))`;
  const count = Number(await wire(db, `Count(${elements})`));
  const lines: string[] = [];
  for (let at = 0; at < count; at++) {
    const element = (field: string) => printed(db, `Select([${at}, "${field}"], ${elements})`);
    lines.push(`${await element("value")} <- ${(await element("sources")).replace(/\s*\n\s*/g, " ").replace(/^\[ (.*) \]$/, "[$1]")}`);
  }
  return lines;
}

// https://docs.fauna.com/fauna/v4/api/fql/functions/paginate
describe("Paginate's sources option", () => {
  test("shows each element as { value, sources } with the set it was read from; cursors stay plain", async () => {
    await withNumbers(async (db) => {
      expect(await wire(db, `Paginate(${even}, { sources: true, size: 2 })`)).toBe(
        `{"after":[6,${numberRef(6)}],"data":[{"value":2,"sources":[${evenWire}]},{"value":4,"sources":[${evenWire}]}]}`,
      );
      expect(await wire(db, `Paginate(${even}, { sources: true, after: [6, Ref(Collection("numbers"), "6")] })`)).toBe(
        `{"before":[6,${numberRef(6)}],"data":[{"value":6,"sources":[${evenWire}]}]}`,
      );
      expect(await wire(db, `Paginate(${even}, { sources: true, size: 1, before: [4] })`)).toBe(`{"after":[4],"data":[{"value":2,"sources":[${evenWire}]}]}`);
      // An element is an object: Select reaches into it, and its source is the set itself.
      expect(await wire(db, `Equals(Select(["data", 0, "sources", 0], Paginate(${even}, { sources: true })), ${even})`)).toBe("true");
      expect(await wire(db, `Select(["data", 1, "value"], Paginate(${even}, { sources: true }))`)).toBe("4");
    });
  });

  test("sources: false, or no option, shows the bare elements; anything but a boolean is refused", async () => {
    await withNumbers(async (db) => {
      expect(await wire(db, `Paginate(${even}, { sources: false })`)).toBe(`{"data":[2,4,6]}`);
      expect(errorJson(await failure(db, `Paginate(${even}, { sources: 1 })`))).toEqual([{ position: ["sources"], code: "invalid argument", description: "Boolean expected, Integer provided." }]);
      expect(errorJson(await failure(db, `Paginate(${even}, { sources: null })`))).toEqual([{ position: ["sources"], code: "invalid argument", description: "Boolean expected, Null provided." }]);
      expect(errorJson(await failure(db, `Paginate(${even}, { events: "yes" })`))).toEqual([{ position: ["events"], code: "invalid argument", description: "Boolean expected, String provided." }]);
    });
  });

  test("Union, Intersection and Difference give an element the sources of every set that has it", async () => {
    await withNumbers(async (db) => {
      expect(await wire(db, `Select("data", Paginate(Union(${even}, ${small}), { sources: true, size: 3 }))`)).toBe(
        `[{"value":1,"sources":[${smallWire}]},{"value":2,"sources":[${evenWire},${smallWire}]},{"value":3,"sources":[${smallWire}]}]`,
      );
      expect(await sourcedData(db, `Union(${small}, ${even})`)).toEqual([
        `1 <- [Match(Index("by_size"), "yes")]`,
        `2 <- [Match(Index("by_size"), "yes"), Match(Index("by_parity"), "even")]`,
        `3 <- [Match(Index("by_size"), "yes")]`,
        `4 <- [Match(Index("by_parity"), "even")]`,
        `6 <- [Match(Index("by_parity"), "even")]`,
      ]);
      expect(await sourcedData(db, `Intersection(${even}, ${small})`)).toEqual([`2 <- [Match(Index("by_parity"), "even"), Match(Index("by_size"), "yes")]`]);
      expect(await sourcedData(db, `Difference(${even}, ${small})`)).toEqual([`4 <- [Match(Index("by_parity"), "even")]`, `6 <- [Match(Index("by_parity"), "even")]`]);
      // The same set twice is one source.
      expect(await sourcedData(db, `Union(${even}, ${even})`, "size: 1")).toEqual([`2 <- [Match(Index("by_parity"), "even")]`]);
    });
  });

  test("Distinct, Range and Filter keep their elements' sources; Reverse names itself", async () => {
    await withNumbers(async (db) => {
      expect(await sourcedData(db, `Distinct(${even})`, "size: 1")).toEqual([`2 <- [Match(Index("by_parity"), "even")]`]);
      expect(await sourcedData(db, `Range(Union(${even}, ${small}), [2], [3])`)).toEqual([
        `2 <- [Match(Index("by_parity"), "even"), Match(Index("by_size"), "yes")]`,
        `3 <- [Match(Index("by_size"), "yes")]`,
      ]);
      expect(await sourcedData(db, `Filter(${small}, n => GT(n, 2))`)).toEqual([`3 <- [Match(Index("by_size"), "yes")]`]);
      expect(await wire(db, `Paginate(Reverse(${even}), { sources: true, size: 1 })`)).toBe(
        `{"after":[4,${numberRef(4)}],"data":[{"value":6,"sources":[{"@set":{"reverse":${evenWire}}}]}]}`,
      );
    });
  });

  test("a Join's elements come from the sets it joined to", async () => {
    await withNumbers(async (db) => {
      expect(await sourcedData(db, `Join(${small}, Index("by_n"))`)).toEqual([
        `Ref(Collection("numbers"), "1") <- [Match(Index("by_n"), 1)]`,
        `Ref(Collection("numbers"), "2") <- [Match(Index("by_n"), 2)]`,
        `Ref(Collection("numbers"), "3") <- [Match(Index("by_n"), 3)]`,
      ]);
      expect(await sourcedData(db, `Join(${small}, n => Match(Index("by_parity"), If(Equals(n, 2), "even", "odd")))`, "size: 1")).toEqual([
        `1 <- [Match(Index("by_parity"), "odd")]`,
      ]);
    });
  });

  test("a collection's documents come from Fauna's documents-by-collection index; a document from itself", async () => {
    await withNumbers(async (db) => {
      const documentsSource = `{"@set":{"match":{"@ref":{"id":"24","collection":{"@ref":{"id":"indexes"}}}},"terms":{"@ref":{"id":"numbers","collection":{"@ref":{"id":"collections"}}}}}}`;
      expect(await wire(db, `Paginate(Documents(Collection("numbers")), { sources: true, size: 1 })`)).toBe(
        `{"after":[${numberRef(2)}],"data":[{"value":${numberRef(1)},"sources":[${documentsSource}]}]}`,
      );
      expect(await sourcedData(db, `Collections()`)).toEqual([`Collection("numbers") <- [Match(Index("24"), Collections())]`]);
      expect(await wire(db, `Paginate(Ref(Collection("numbers"), "1"), { sources: true })`)).toBe(`{"data":[{"value":${numberRef(1)},"sources":[${numberRef(1)}]}]}`);
      expect(await sourcedData(db, `Singleton(Ref(Collection("numbers"), "1"))`)).toEqual([`Ref(Collection("numbers"), "1") <- [Singleton(Ref(Collection("numbers"), "1"))]`]);
    });
  });

  test("with events, a set read directly is the events set itself; a union's events come from its sets", async () => {
    await withNumbers(async (db) => {
      const page = await wire(db, `Paginate(${even}, { sources: true, events: true, size: 1 })`);
      expect(page).toMatch(new RegExp(`^\\{"after":\\{"ts":\\d+,"action":"add","document":${escape(numberRef(4))},"data":\\[4\\]\\},"data":\\[\\{"value":\\{"ts":\\d+,"action":"add","document":${escape(numberRef(2))},"data":\\[2\\]\\},"sources":\\[\\{"@set":\\{"events":${escape(evenWire)}\\}\\}\\]\\}\\]\\}$`));
      expect(await wire(db, `Equals(Select(["data", 0, "sources"], Paginate(Events(${even}), { sources: true })), [Events(${even})])`)).toBe("true");
      expect(await wire(db, `Equals(Select(["data", 0, "sources"], Paginate(Ref(Collection("numbers"), "1"), { sources: true, events: true })), [Events(Ref(Collection("numbers"), "1"))])`)).toBe("true");
      // Number 2 entered both sets at once: one event, both sources.
      const union = `Map(Select("data", Paginate(Union(${even}, ${small}), { sources: true, events: true })), e => [Select(["value", "data", 0], e), Select("sources", e)])`;
      expect(await printed(db, union)).toBe(
        `[\n  [ 1, [ Match(Index("by_size"), "yes") ] ],\n  [\n    2,\n    [\n      Match(Index("by_parity"), "even"),\n      Match(Index("by_size"), "yes")\n    ]\n  ],\n  [ 3, [ Match(Index("by_size"), "yes") ] ],\n  [ 4, [ Match(Index("by_parity"), "even") ] ],\n  [ 6, [ Match(Index("by_parity"), "even") ] ]\n]`,
      );
    });
  });
});

function escape(text: string): string {
  return text.replace(/[{}[\]()^$.*+?|\\]/g, "\\$&");
}
