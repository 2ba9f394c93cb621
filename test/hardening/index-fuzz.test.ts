/**
 * Property test: whatever writes a collection goes through — creates,
 * updates, replaces, deletes, several in one transaction, history rewritten
 * with Insert and Remove — its index answers as its documents do, now and at
 * every past moment:
 * Match(index, tag) holds exactly the documents whose `tag` is that one, with
 * their `n`.
 */
import fc from "fast-check";
import type { Engine } from "../../src/engine";
import type { ObjectValue, Page, Ref, Value } from "../../src/language/values";
import { encodeValue } from "../../src/language/wire";
import { value, withDb, type TestClock } from "../helpers";
import { expectFaunaError, runs } from "./fuzzing";

const TAGS = ["a", "b", "c"];
const doc = (id: number) => `Ref(Collection("items"), "${id}")`;
const fields = (tag: string | null, n: number) => `{ data: { tag: ${tag === null ? "null" : `"${tag}"`}, n: ${n} } }`;

const id = fc.integer({ min: 1, max: 4 });
const tag = fc.constantFrom<string | null>(...TAGS, null);
const n = fc.integer({ min: 0, max: 3 });

/** One write, as FQL text. */
const write = fc.oneof(
  fc.tuple(id, tag, n).map(([i, t, v]) => `Create(${doc(i)}, ${fields(t, v)})`),
  fc.tuple(id, tag, n).map(([i, t, v]) => `Update(${doc(i)}, ${fields(t, v)})`),
  fc.tuple(id, tag, n).map(([i, t, v]) => `Replace(${doc(i)}, ${fields(t, v)})`),
  id.map((i) => `Delete(${doc(i)})`),
  // Several writes of one document in one transaction.
  fc.tuple(id, tag, n, tag).map(([i, t, v, u]) => `Do(Update(${doc(i)}, ${fields(t, v)}), Update(${doc(i)}, ${fields(u, v)}))`),
  // History rewritten: a version inserted, or one removed, up to a few writes back.
  fc.tuple(id, fc.integer({ min: 0, max: 5000 }), fc.constantFrom("create", "update", "delete"), tag, n).map(
    ([i, past, action, t, v]) => `Insert(${doc(i)}, Subtract(ToMicros(Now()), ${past}), "${action}", ${fields(t, v)})`,
  ),
  fc.tuple(id, fc.integer({ min: 0, max: 4 })).map(([i, back]) => `Remove(${doc(i)}, Select([${back}, "ts"], Select("data", Paginate(Events(${doc(i)}), { size: 100 })), 0), "create")`),
);

const at = (ts: bigint | undefined, expr: string) => (ts === undefined ? expr : `At(${ts}, ${expr})`);

/** What the documents say the index holds at `ts` (or now): for each tag, its documents' `n` and id. */
async function expectedEntries(db: Engine, ts: bigint | undefined): Promise<string[][]> {
  const page = (await value(db, at(ts, `Map(Paginate(Documents(Collection("items"))), Lambda("r", Get(Var("r"))))`))) as Page;
  const rows = (page.data as ObjectValue[]).map((document) => {
    const data = document.get("data") as ObjectValue | undefined;
    return { tag: data?.get("tag"), entry: `${encodeValue(data?.get("n") ?? null)}/${(document.get("ref") as Ref).id}` };
  });
  return TAGS.map((t) => rows.filter((row) => row.tag === t).map((row) => row.entry).sort());
}

/** What the index holds at `ts` (or now), for each tag. */
async function indexEntries(db: Engine, ts: bigint | undefined): Promise<string[][]> {
  const pages = await Promise.all(TAGS.map((t) => value(db, at(ts, `Select("data", Paginate(Match(Index("items_by_tag"), "${t}")))`))));
  return pages.map((entries) => (entries as [Value, Ref][]).map(([n, ref]) => `${encodeValue(n)}/${ref.id}`).sort());
}

test("an index answers as its documents do, now and at every earlier moment, whatever wrote them", async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(write, { minLength: 1, maxLength: 12 }), async (writes) => {
      await withDb(async (db: Engine, clock: TestClock) => {
        await db.query(`CreateCollection({ name: "items" })`);
        await db.query(`CreateIndex({ name: "items_by_tag", source: Collection("items"), terms: [{ field: ["data", "tag"] }], values: [{ field: ["data", "n"] }, { field: ["ref"] }] })`);
        const moments: bigint[] = [];
        for (const text of writes) {
          clock.advance(1);
          await db.query(text).catch((error: unknown) => expectFaunaError(error));
          moments.push((await value(db, "ToMicros(Now())")) as bigint);
        }
        expect(await indexEntries(db, undefined)).toEqual(await expectedEntries(db, undefined));
        for (const moment of moments) expect({ moment, entries: await indexEntries(db, moment) }).toEqual({ moment, entries: await expectedEntries(db, moment) });
      });
    }),
    { numRuns: runs(40) },
  );
});
