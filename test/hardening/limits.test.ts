/**
 * Fauna's storage limits: a document version of at most 8 MiB, a transaction
 * writing at most 16 MiB. Past either, the query is refused as a bad request
 * and nothing it wrote is kept.
 */
import { MAX_TRANSACTION_BYTES, MAX_VERSION_BYTES } from "../../src/error/catalog";
import type { Engine } from "../../src/engine";
import { errorJson, failure, value, withDb } from "../helpers";

const MIB = 1024 * 1024;

/** A string of `mebibytes` MiB, built in the query (Repeat copies at most 1024 times). */
const text = (mebibytes: number) => `Repeat(Repeat(Repeat("z", 1024), 1024), ${mebibytes})`;

/** A data object of `fields` fields, each a 1 MiB string. */
const bigData = (fields: number) => `{${Array.from({ length: fields }, (_, i) => `f${i}: ${text(1)}`).join(", ")}}`;

async function setUp(db: Engine): Promise<void> {
  await db.query(`CreateCollection({name: "files"})`);
  await db.query(`CreateIndex({name: "files_by_name", source: Collection("files"), terms: [{field: ["data", "name"]}]})`);
}

const count = (db: Engine) => value(db, `Count(Documents(Collection("files")))`);

/** The one error of a refused query, and the figure its description names. */
async function refusal(db: Engine, query: string, pattern: RegExp): Promise<number> {
  const [entry, ...rest] = errorJson(await failure(db, query)) as { code: string; description: string }[];
  expect(rest).toEqual([]);
  expect(entry).toEqual({ code: "bad request", description: expect.stringMatching(pattern) });
  return Number(pattern.exec(entry!.description)![1]);
}

const VERSION_TOO_LARGE = new RegExp(`^Version bytes \\((\\d+)\\) exceeds threshold \\(${MAX_VERSION_BYTES}\\)$`);
const TRANSACTION_TOO_LARGE = new RegExp(`^Transaction exceeded limit: got (\\d+) bytes, limit ${MAX_TRANSACTION_BYTES} bytes$`);

describe("document size (8 MiB a version)", () => {
  test("a document just under the limit is stored whole", () =>
    withDb(async (db) => {
      await setUp(db);
      await db.query(`Create(Ref(Collection("files"), "1"), {data: ${bigData(7)}})`);
      expect(await value(db, `Length(Select(["data", "f6"], Get(Ref(Collection("files"), "1"))))`)).toBe(BigInt(MIB));
    }));

  test("Create, Update and Insert past it are refused and write nothing", () =>
    withDb(async (db) => {
      await setUp(db);
      expect(await refusal(db, `Create(Collection("files"), {data: ${bigData(9)}})`, VERSION_TOO_LARGE)).toBeGreaterThan(MAX_VERSION_BYTES);
      expect(await count(db)).toBe(0n);

      await db.query(`Create(Ref(Collection("files"), "1"), {data: {name: "a", f0: ${text(5)}}})`);
      await refusal(db, `Update(Ref(Collection("files"), "1"), {data: {f1: ${text(4)}}})`, VERSION_TOO_LARGE);
      await refusal(db, `Insert(Ref(Collection("files"), "1"), 1, "create", {data: ${bigData(9)}})`, VERSION_TOO_LARGE);
      // The document is as it was, with no new version in its history.
      expect(await value(db, `Select(["data", "name"], Get(Ref(Collection("files"), "1")))`)).toBe("a");
      expect(await value(db, `Count(Events(Ref(Collection("files"), "1")))`)).toBe(1n);
    }));
});

describe("transaction size (16 MiB a query)", () => {
  test("a query writing more is refused whole: no document, no index entry", () =>
    withDb(async (db) => {
      await setUp(db);
      const creates = `Foreach(["a", "b", "c"], Lambda("name", Create(Collection("files"), {data: {name: Var("name"), body: ${text(6)}}})))`;
      expect(await refusal(db, creates, TRANSACTION_TOO_LARGE)).toBeGreaterThan(MAX_TRANSACTION_BYTES);
      expect(await count(db)).toBe(0n);
      expect(await value(db, `Count(Match(Index("files_by_name"), "a"))`)).toBe(0n);
    }));

  test("a query writing less commits, and its metrics count each document twice (current and history)", () =>
    withDb(async (db) => {
      await setUp(db);
      const result = await db.query(`Foreach(["a", "b"], Lambda("name", Create(Collection("files"), {data: {name: Var("name"), body: ${text(6)}}})))`);
      expect(await count(db)).toBe(2n);
      expect(result.metrics.writeBytes).toBeGreaterThan(2 * 2 * 6 * MIB);
      expect(result.metrics.writeBytes).toBeLessThan(2 * MAX_TRANSACTION_BYTES);
    }));
});
