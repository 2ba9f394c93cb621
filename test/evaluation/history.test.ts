import type { Engine } from "../../src/engine";
import type { TestClock } from "../helpers";
import { errorJson, failure, printed, value, withDb, wire } from "../helpers";

/** A post created, updated (title changed, a tag added), then deleted, a second apart; returns the three ts. */
async function withHistory(body: (db: Engine, times: bigint[], clock: TestClock) => Promise<void>) {
  await withDb(async (db, clock) => {
    await db.query(`CreateCollection({ name: "posts" })`);
    await db.query(`CreateIndex({ name: "posts_by_tag", source: Collection("posts"), terms: [{ field: ["data", "tags"] }], values: [{ field: ["data", "title"] }] })`);
    const ts = async (query: string) => (await value(db, query)) as bigint;
    clock.advance(1000);
    const created = await ts(`Select("ts", Create(Ref(Collection("posts"), "1"), { data: { title: "One", tags: ["a"] } }))`);
    clock.advance(1000);
    const updated = await ts(`Select("ts", Update(Ref(Collection("posts"), "1"), { data: { title: "Uno", tags: ["a", "b"] } }))`);
    clock.advance(1000);
    const deleted = await ts(`Do(Delete(Ref(Collection("posts"), "1")), ToMicros(Now()))`);
    clock.advance(1000);
    await body(db, [created, updated, deleted], clock);
  });
}

describe("document events", () => {
  // https://docs.fauna.com/fauna/v4/api/fql/functions/events
  test("are the versions: create with the data, update with what changed, delete with null", async () => {
    await withHistory(async (db, [created, updated, deleted]) => {
      const post = `Ref(Collection("posts"), "1")`;
      expect(await printed(db, `Paginate(${post}, { events: true })`)).toBe(
        [
          "{",
          "  data: [",
          `    {\n      ts: ${created},\n      action: 'create',\n      document: Ref(Collection("posts"), "1"),\n      data: { title: 'One', tags: [ 'a' ] }\n    },`,
          `    {\n      ts: ${updated},\n      action: 'update',\n      document: Ref(Collection("posts"), "1"),\n      data: { title: 'Uno', tags: [ 'a', 'b' ] }\n    },`,
          `    {\n      ts: ${deleted},\n      action: 'delete',\n      document: Ref(Collection("posts"), "1"),\n      data: null\n    }`,
          "  ]",
          "}",
        ].join("\n"),
      );
      expect(await wire(db, `Select(["data", 0, "action"], Paginate(Events(${post}), { after: ${updated} }))`)).toBe(`"update"`);
      expect(await wire(db, `Count(Select("data", Paginate(Events(${post}), { before: ${updated} })))`)).toBe("1");
      expect(await wire(db, `Select("after", Paginate(Events(${post}), { size: 1 }))`)).toBe(
        `{"ts":${updated},"action":"update","document":{"@ref":{"id":"1","collection":{"@ref":{"id":"posts","collection":{"@ref":{"id":"collections"}}}}}}}`,
      );
    });
  });
});

describe("set events", () => {
  test("say when documents entered and left a set, with their values", async () => {
    await withHistory(async (db, [created, updated, deleted]) => {
      expect(await wire(db, `Select("data", Paginate(Events(Match(Index("posts_by_tag"), "a"))))`)).toBe(
        `[{"ts":${created},"action":"add","document":{"@ref":{"id":"1","collection":{"@ref":{"id":"posts","collection":{"@ref":{"id":"collections"}}}}}},"data":["One"]},` +
          `{"ts":${updated},"action":"remove","document":{"@ref":{"id":"1","collection":{"@ref":{"id":"posts","collection":{"@ref":{"id":"collections"}}}}}},"data":["One"]},` +
          `{"ts":${updated},"action":"add","document":{"@ref":{"id":"1","collection":{"@ref":{"id":"posts","collection":{"@ref":{"id":"collections"}}}}}},"data":["Uno"]},` +
          `{"ts":${deleted},"action":"remove","document":{"@ref":{"id":"1","collection":{"@ref":{"id":"posts","collection":{"@ref":{"id":"collections"}}}}}},"data":["Uno"]}]`,
      );
      expect(await wire(db, `Select(["data", 0, "action"], Paginate(Documents(Collection("posts")), { events: true }))`)).toBe(`"add"`);
      expect(errorJson(await failure(db, `Paginate(Events(Events(Documents(Collection("posts")))))`))).toEqual([
        { position: ["paginate"], code: "invalid argument", description: "Set does not support events history." },
      ]);
    });
  });
});

describe("folds over events", () => {
  // https://docs.fauna.com/fauna/v4/api/fql/functions/count
  test("Count, Reduce and IsEmpty take a set of events as Paginate shows its events", async () => {
    await withHistory(async (db) => {
      const post = `Ref(Collection("posts"), "1")`;
      expect(await wire(db, `Count(Events(${post}))`)).toBe("3");
      expect(await wire(db, `Count(Events(Match(Index("posts_by_tag"), "a")))`)).toBe("4");
      expect(await wire(db, `Reduce(Lambda(["actions", "event"], Append([Select("action", Var("event"))], Var("actions"))), [], Events(${post}))`)).toBe(`["create","update","delete"]`);
      expect(await wire(db, `[IsEmpty(Events(${post})), IsNonEmpty(Events(Match(Index("posts_by_tag"), "z")))]`)).toBe("[false,false]");
      expect(errorJson(await failure(db, `Count(Events(Events(${post})))`))).toEqual([{ position: ["count"], code: "invalid argument", description: "Set does not support events history." }]);
    });
  });
});

describe("reading right after a write", () => {
  test("sees it, also within the same millisecond, when the write's time is past the clock's", () =>
    withDb(async (db) => {
      await db.query(`CreateCollection({ name: "posts" })`);
      const written = (await value(db, `Select("ts", Create(Ref(Collection("posts"), "1"), { data: {} }))`)) as bigint;
      expect(await value(db, `ToMicros(Now())`)).toBe(written);
      expect(await wire(db, `Count(Events(Ref(Collection("posts"), "1")))`)).toBe("1");
    }));
});

describe("reading the past", () => {
  // https://docs.fauna.com/fauna/v4/api/fql/functions/at
  test("At(ts, …) sees documents and index entries as they were", async () => {
    await withHistory(async (db, [created, updated]) => {
      expect(await wire(db, `At(${created}, Select(["data", "title"], Get(Ref(Collection("posts"), "1"))))`)).toBe(`"One"`);
      expect(await wire(db, `At(${updated}, Select("data", Paginate(Match(Index("posts_by_tag"), "b"))))`)).toBe(`["Uno"]`);
      expect(await wire(db, `At(${created}, Select("data", Paginate(Match(Index("posts_by_tag"), "b"))))`)).toBe(`[]`);
      expect(await wire(db, `At(${created}, Count(Documents(Collection("posts"))))`)).toBe("1");
      expect(await wire(db, `[Exists(Ref(Collection("posts"), "1")), Count(Documents(Collection("posts")))]`)).toBe("[false,0]");
      expect(await wire(db, `Select("data", Paginate(Match(Index("posts_by_tag"), "a"), { ts: ${created} }))`)).toBe(`["One"]`);
    });
  });

  test("nothing can be written there", async () => {
    await withHistory(async (db, [created]) => {
      expect(errorJson(await failure(db, `At(${created}, Create(Collection("posts"), {}))`))).toEqual([
        { position: ["expr"], code: "invalid write time", description: "Cannot write outside of snapshot time." },
      ]);
      expect(await wire(db, `At(Now(), Select(["ref", "id"], Create(Ref(Collection("posts"), "2"), {})))`)).toBe(`"2"`);
    });
  });
});

describe("Insert and Remove", () => {
  // https://docs.fauna.com/fauna/v4/api/fql/functions/insert
  // https://docs.fauna.com/fauna/v4/api/fql/functions/remove
  test("rewrite a document's history", async () => {
    await withHistory(async (db, [created, updated]) => {
      const post = `Ref(Collection("posts"), "1")`;
      expect(await wire(db, `Select(["action"], Insert(${post}, ${created + 500n}, "update", { data: { title: "Between" } }))`)).toBe(`"create"`);
      expect(await wire(db, `At(${created + 600n}, Select(["data", "title"], Get(${post})))`)).toBe(`"Between"`);
      expect(await wire(db, `Remove(${post}, ${created + 500n}, "update")`)).toBe("null");
      expect(await wire(db, `At(${created + 600n}, Select(["data", "title"], Get(${post})))`)).toBe(`"One"`);
      expect(await wire(db, `Select(["data", "title"], Do(Insert(${post}, Now(), "create", { data: { title: "Back" } }), Get(${post})))`)).toBe(`"Back"`);
      expect(await wire(db, `Select("data", Paginate(Match(Index("posts_by_tag"), "a")))`)).toBe("[]");
      expect(updated).toBeGreaterThan(created);
    });
  });

  test("refuse the future and native documents", async () => {
    await withHistory(async (db) => {
      expect(errorJson(await failure(db, `Insert(Ref(Collection("posts"), "1"), TimeAdd(Now(), 1, "day"), "create", {})`))).toEqual([
        { position: [], code: "invalid write time", description: "Cannot write outside of snapshot time." },
      ]);
      expect(errorJson(await failure(db, `Insert(Collection("posts"), Now(), "create", {})`))).toEqual([
        { position: [], code: "invalid argument", description: "Cannot insert event for specified ref." },
      ]);
      expect(errorJson(await failure(db, `Insert(Ref(Collection("posts"), "1"), Now(), "merge", {})`))).toEqual([
        { position: ["action"], code: "invalid argument", description: "String 'create', 'update', or 'delete' expected, String provided." },
      ]);
      expect(errorJson(await failure(db, `Remove(Ref(Collection("posts"), "1"), "yesterday", "create")`))).toEqual([
        { position: ["ts"], code: "invalid argument", description: "Time expected, String provided." },
      ]);
    });
  });
});
