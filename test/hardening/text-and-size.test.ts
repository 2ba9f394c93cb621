/**
 * Unusual text and large values: stored and read back exactly, or — for what
 * UTF-8 storage cannot hold, a lone surrogate — the same replacement however
 * the text arrives, so that what a query wrote, what it reads and what an
 * index matches agree.
 */
import type { Value } from "../../src/language/values";
import { encodeValue, parseWireJson } from "../../src/language/wire";
import { value, wire, withDb } from "../helpers";

const DOC = `Ref(Collection("notes"), "1")`;

describe("unusual text", () => {
  // Characters that are easy to lose: NUL, a byte-order mark, a right-to-left override, a
  // combining accent, a character outside the BMP, the line separators JavaScript treats apart.
  const awkward = ["a\u0000b", "\ufeffbom", "\u202eevil", "e\u0301", "😀", "\u2028\u2029", "\u0000"];

  test("strings and keys come back exactly, through text and wire, and index terms match them", () =>
    withDb(async (db) => {
      await db.query(`CreateCollection({ name: "notes" })`);
      await db.query(`CreateIndex({ name: "notes_by_text", source: Collection("notes"), terms: [{ field: ["data", "text"] }] })`);
      const data = new Map<string, Value>(awkward.map((text, index) => [text, BigInt(index)]));
      data.set("text", awkward.join(""));
      const json = encodeValue(data);
      await db.query({ create: { "@ref": { id: "1", collection: { "@ref": { id: "notes", collection: { "@ref": { id: "collections" } } } } } }, params: { object: { data: { object: parseWireJson(json) } } } });
      expect(await wire(db, `Select("data", Get(${DOC}))`)).toBe(json);
      expect(await wire(db, `Count(Match(Index("notes_by_text"), ${JSON.stringify(awkward.join(""))}))`)).toBe("1");
      // Length counts code points: the emoji is one, the combining accent one more.
      expect(await value(db, `Length(Select(["data", "text"], Get(${DOC})))`)).toBe(BigInt([...awkward.join("")].length));
    }));

  test("a lone surrogate, which UTF-8 cannot hold, reads back as U+FFFD from text and wire alike", () =>
    withDb(async (db) => {
      await db.query(`CreateCollection({ name: "notes" })`);
      await db.query(`CreateIndex({ name: "notes_by_text", source: Collection("notes"), terms: [{ field: ["data", "text"] }] })`);
      // As text (an escape in a literal, and in a key) and as wire JSON parsed from text.
      await db.query(`Create(${DOC}, { data: { text: "a\\ud800", "k\\udc00": 1 } })`);
      expect(await wire(db, `Select("data", Get(${DOC}))`)).toBe(`{"text":"a\uFFFD","k\uFFFD":1}`);
      expect(await wire(db, { select: "text", from: { object: { text: "b\ud800" } } })).toBe(`"b\uFFFD"`);
      // Every way of naming the term finds the document.
      for (const term of [`"a\\ud800"`, `"a\\ufffd"`]) expect(await wire(db, `Count(Match(Index("notes_by_text"), ${term}))`)).toBe("1");
    }));

  test("one made at run time (ReplaceStr splits surrogate pairs, as Java's did) is written as U+FFFD, and all agree", () =>
    withDb(async (db) => {
      await db.query(`CreateCollection({ name: "notes" })`);
      await db.query(`CreateIndex({ name: "notes_by_text", source: Collection("notes"), terms: [{ field: ["data", "text"] }] })`);
      // https://docs.fauna.com/fauna/v4/api/fql/functions/replacestr
      expect(await wire(db, `ReplaceStr("😀", "", "-")`)).toBe(`"-\\ud83d-\\ude00-"`);
      const written = `"-\uFFFD-\uFFFD-"`;
      expect(await wire(db, `Select(["data", "text"], Create(${DOC}, { data: { text: ReplaceStr("😀", "", "-") } }))`)).toBe(written);
      expect(await wire(db, `Select(["data", "text"], Get(${DOC}))`)).toBe(written);
      expect(await wire(db, `Count(Match(Index("notes_by_text"), ${written}))`)).toBe("1");
      expect(await wire(db, `Select(["data", "text"], Insert(${DOC}, 1, "create", { data: { text: Format("%.1s", "😀") } }))`)).toBe(`"\uFFFD"`);
    }));
});

describe("large values", () => {
  test("a 4 MiB string literal is stored and read back whole", () =>
    withDb(async (db) => {
      await db.query(`CreateCollection({ name: "notes" })`);
      const text = "x".repeat(4 * 1024 * 1024);
      await db.query(`Create(${DOC}, { data: { text: "${text}" } })`);
      expect(await value(db, `Select(["data", "text"], Get(${DOC}))`)).toBe(text);
    }));

  test("arrays of 100,000 elements as text and 200,000 as wire JSON", () =>
    withDb(async (db) => {
      const sumTo = (n: number) => BigInt((n * (n - 1)) / 2);
      expect(await value(db, `Sum([${Array.from({ length: 100_000 }, (_, i) => i).join(",")}])`)).toBe(sumTo(100_000));
      expect(await value(db, { sum: Array.from({ length: 200_000 }, (_, i) => BigInt(i)) })).toBe(sumTo(200_000));
    }));
});
