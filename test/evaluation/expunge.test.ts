import { open } from "lmdb";
import { openEngine } from "../../src/engine";
import { directoryPerTest, testClock } from "../helpers";

const HOUR = 3_600_000;

/** How many keys of each kind (documents, index entries, …) the database directory holds. */
function storedKeys(path: string): Record<string, number> {
  const raw = open({ path, readOnly: true, keyEncoding: "ordered-binary" });
  const counts: Record<string, number> = {};
  for (const key of raw.getKeys() as Iterable<unknown[]>) counts[String(key[0])] = (counts[String(key[0])] ?? 0) + 1;
  void raw.close();
  return counts;
}

describe("expunging expired documents", () => {
  const directory = directoryPerTest("fqlite-expunge-");

  test("removes what has expired — documents, tokens, keys — with index entries and history; the rest stays", async () => {
    const clock = testClock();
    const db = await openEngine({ path: directory(), clock });
    await db.query(`CreateCollection({ name: "sessions" })`);
    await db.query(`CreateIndex({ name: "sessions_by_user", source: Collection("sessions"), terms: [{ field: ["data", "user"] }] })`);
    await db.query(`Foreach([1, 2, 3], n => Create(Ref(Collection("sessions"), n), { data: { user: "ada" }, ttl: TimeAdd(Now(), n, "hours") }))`);
    await db.query(`Update(Ref(Collection("sessions"), "1"), { data: { seen: true } })`);
    await db.query(`Create(Ref(Collection("sessions"), "9"), { data: { user: "ada" } })`);
    await db.query(`Create(Tokens(), { instance: Ref(Collection("sessions"), "9"), ttl: TimeAdd(Now(), 1, "hour") })`);
    await db.query(`Create(Tokens(), { instance: Ref(Collection("sessions"), "9") })`);
    await db.query(`CreateKey({ role: "server", ttl: TimeAdd(Now(), 30, "minutes") })`);

    expect(await db.expungeExpired()).toEqual({ tokens: 0, keys: 0, credentials: 0, documents: 0 });
    clock.advance(2 * HOUR + 1);
    // Gone for every read already ...
    expect((await db.query(`Count(Match(Index("sessions_by_user"), "ada"))`)).value).toBe(2n);
    // ... and now from storage.
    expect(await db.expungeExpired()).toEqual({ tokens: 1, keys: 1, credentials: 0, documents: 2 });
    expect(await db.expungeExpired()).toEqual({ tokens: 0, keys: 0, credentials: 0, documents: 0 });
    expect((await db.query(`[Count(Match(Index("sessions_by_user"), "ada")), Count(Tokens()), Count(Keys())]`)).value).toEqual([2n, 1n, 0n]);
    await db.close();

    const stored = storedKeys(directory());
    // Sessions 3 and 9 are left, each with its one index entry, and one token.
    expect(stored.doc).toBe(2 + 1 + 2 /* the collection and the index */);
    expect(stored.idx).toBe(2);
    expect(stored.ttl).toBe(1);
  });

  test("runs in the background when asked to, and a later write of the ttl counts, not the first", async () => {
    const clock = testClock();
    const db = await openEngine({ path: directory(), clock });
    await db.query(`CreateCollection({ name: "sessions" })`);
    await db.query(`Create(Ref(Collection("sessions"), "1"), { ttl: TimeAdd(Now(), 1, "hour") })`);
    await db.query(`Update(Ref(Collection("sessions"), "1"), { ttl: TimeAdd(Now(), 3, "hours") })`);
    clock.advance(2 * HOUR);
    expect(await db.expungeExpired()).toEqual({ tokens: 0, keys: 0, credentials: 0, documents: 0 });
    expect((await db.query(`Exists(Ref(Collection("sessions"), "1"))`)).value).toBe(true);
    await db.close();

    // The background run is driven by timers the test moves, not by waiting.
    jest.useFakeTimers({ doNotFake: ["setImmediate", "nextTick", "queueMicrotask"] });
    try {
      const background = await openEngine({ path: directory(), clock, expungeIntervalMs: 60_000 });
      clock.advance(2 * HOUR);
      expect(storedKeys(directory()).ttl).toBe(1);
      jest.advanceTimersByTime(60_000);
      expect(storedKeys(directory()).ttl).toBeUndefined();
      expect((await background.query(`Paginate(Documents(Collection("sessions")))`)).value).toMatchObject({ data: [] });
      await background.close();
    } finally {
      jest.useRealTimers();
    }
  });
});
