import { errorJson, failure, printed, withDb, wire } from "../helpers";

async function withFiveUsers(body: Parameters<typeof withDb>[0]) {
  return withDb(async (db, clock) => {
    await db.query(`CreateCollection({ name: "users" })`);
    await db.query(`Foreach([5, 3, 1, 4, 2], id => Create(Ref(Collection("users"), id), {}))`);
    return body(db, clock);
  });
}

const ids = (json: string) => [...json.matchAll(/"id":"(\d+)","collection":\{"@ref":\{"id":"users"/g)].map((match) => Number(match[1]));

describe("Paginate", () => {
  // https://docs.fauna.com/fauna/v4/api/fql/functions/paginate
  test("lists a collection's documents in id order, 64 to a page by default", async () => {
    await withFiveUsers(async (db) => {
      expect(ids(await wire(db, `Paginate(Documents(Collection("users")))`))).toEqual([1, 2, 3, 4, 5]);
      await db.query(`Foreach(Map([10, 11, 12, 13, 14, 15, 16, 17, 18, 19], n => n), n => Create(Ref(Collection("users"), Multiply(n, 10)), {}))`);
      await db.query(`Let({ n: [0, 1, 2, 3, 4, 5] }, Foreach(Var("n"), a => Foreach([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], b => Create(Ref(Collection("users"), Add(1000, Multiply(a, 10), b)), {}))))`);
      expect(ids(await wire(db, `Select("data", Paginate(Documents(Collection("users"))))`)).length).toBe(64);
    });
  });

  test("walks forward with after cursors", async () => {
    await withFiveUsers(async (db) => {
      const first = await wire(db, `Paginate(Documents(Collection("users")), { size: 2 })`);
      expect(ids(first)).toEqual([3, 1, 2]);
      expect(first).toMatch(/^\{"after":\[\{"@ref":\{"id":"3"/);
      expect(await printed(db, `Paginate(Documents(Collection("users")), { size: 2 })`)).toBe(
        `{\n  after: [ Ref(Collection("users"), "3") ],\n  data: [ Ref(Collection("users"), "1"), Ref(Collection("users"), "2") ]\n}`,
      );
      const second = await printed(db, `Paginate(Documents(Collection("users")), { size: 2, after: [Ref(Collection("users"), "3")] })`);
      expect(second).toBe(
        `{\n  before: [ Ref(Collection("users"), "3") ],\n  after: [ Ref(Collection("users"), "5") ],\n  data: [ Ref(Collection("users"), "3"), Ref(Collection("users"), "4") ]\n}`,
      );
      expect(await printed(db, `Paginate(Documents(Collection("users")), { size: 2, after: Ref(Collection("users"), "5") })`)).toBe(
        `{\n  before: [ Ref(Collection("users"), "5") ],\n  data: [ Ref(Collection("users"), "5") ]\n}`,
      );
    });
  });

  test("walks backward with before cursors", async () => {
    await withFiveUsers(async (db) => {
      expect(await printed(db, `Paginate(Documents(Collection("users")), { size: 2, before: [Ref(Collection("users"), "5")] })`)).toBe(
        `{\n  before: [ Ref(Collection("users"), "3") ],\n  after: [ Ref(Collection("users"), "5") ],\n  data: [ Ref(Collection("users"), "3"), Ref(Collection("users"), "4") ]\n}`,
      );
      expect(ids(await wire(db, `Select("data", Paginate(Documents(Collection("users")), { cursor: { before: null }, size: 3 }))`))).toEqual([3, 4, 5]);
      expect(ids(await wire(db, `Paginate(Documents(Collection("users")), { before: null, size: 3 })`))).toEqual([3, 3, 4, 5]);
    });
  });

  test("pages are stable when documents are added behind the cursor", async () => {
    await withFiveUsers(async (db) => {
      await db.query(`Create(Ref(Collection("users"), "0"), {})`);
      expect(ids(await wire(db, `Select("data", Paginate(Documents(Collection("users")), { size: 2, after: [Ref(Collection("users"), "3")] }))`))).toEqual([3, 4]);
    });
  });

  // https://docs.fauna.com/fauna/v4/api/fql/functions/foreach
  test("Map and Foreach work on pages", async () => {
    await withFiveUsers(async (db) => {
      expect(await wire(db, `Map(Paginate(Documents(Collection("users")), { size: 2 }), ref => Select("id", ref))`)).toMatch(/"data":\["1","2"\]\}$/);
      expect(await wire(db, `Select("data", Foreach(Paginate(Documents(Collection("users"))), ref => Delete(ref)))`)).toMatch(/^\[\{"@ref"/);
      expect(await wire(db, `Paginate(Documents(Collection("users")))`)).toBe(`{"data":[]}`);
    });
  });

  test("lists native collections: collections, databases, indexes", async () => {
    await withDb(async (db) => {
      await db.query(`Do(CreateCollection({ name: "b" }), CreateCollection({ name: "a" }), CreateDatabase({ name: "d" }), CreateIndex({ name: "i", source: Collection("a") }))`);
      expect(await printed(db, `[Paginate(Collections()), Paginate(Databases()), Paginate(Indexes())]`)).toBe(
        `[\n  { data: [ Collection("a"), Collection("b") ] },\n  { data: [ Database("d") ] },\n  { data: [ Index("i") ] }\n]`,
      );
    });
  });

  test("checks its options", async () => {
    await withFiveUsers(async (db) => {
      expect(errorJson(await failure(db, `Paginate(Documents(Collection("users")), { size: "2" })`))).toEqual([
        { position: ["size"], code: "invalid argument", description: "Integer expected, String provided." },
      ]);
      expect(errorJson(await failure(db, `Paginate(Documents(Collection("users")), { cursor: {} })`))).toEqual([
        { position: ["cursor"], code: "invalid argument", description: "Invalid cursor object. Expected an object with either 'before' or 'after' key in it." },
      ]);
      expect(errorJson(await failure(db, `Paginate([1, 2])`))).toEqual([{ position: ["paginate"], code: "invalid argument", description: "Set expected, Array provided." }]);
      expect(ids(await wire(db, `Paginate(Documents(Collection("users")), { size: 100001 })`))).toHaveLength(5);
    });
  });
});

describe("Paginate's options", () => {
  test("are the ones Fauna knew, and not both cursors", async () => {
    await withDb(async (db) => {
      expect(errorJson(await failure(db, `Paginate(Tokens(), { page: 2 })`))).toEqual([
        { position: [], code: "invalid expression", description: "No form/function found, or invalid argument keys: { paginate, page }." },
      ]);
      expect(errorJson(await failure(db, `Paginate(Tokens(), { after: 1, before: 2 })`))[0]).toMatchObject({ code: "invalid expression" });
    });
  });
});
