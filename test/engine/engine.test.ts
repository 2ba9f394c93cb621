import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openEngine } from "../../src/engine";
import { FaunaError } from "../../src/error/FaunaError";
import { encodeValue } from "../../src/store/codec";
import { metaKey } from "../../src/store/keys";
import { openLmdbStore } from "../../src/store/lmdb-store";
import { errorJson, failure, testClock, value, withDb, wire } from "../helpers";

describe("a query is one transaction", () => {
  test("Abort rolls back every write the query made", async () => {
    await withDb(async (db) => {
      await db.query(`CreateCollection({ name: "c" })`);
      const error = await failure(
        db,
        `Do(Create(Ref(Collection("c"), "1"), {}), CreateCollection({ name: "d" }), Update(Collection("c"), { data: { x: 1 } }), Abort("undo it all"))`,
      );
      expect(errorJson(error)).toEqual([{ position: ["do", 3], code: "transaction aborted", description: "undo it all" }]);
      expect(await wire(db, `[Exists(Ref(Collection("c"), "1")), Exists(Collection("d")), Select("data", Get(Collection("c")), "no data")]`)).toBe(`[false,false,"no data"]`);
    });
  });

  test("any error anywhere rolls back, as does one after many writes", async () => {
    await withDb(async (db) => {
      await db.query(`CreateCollection({ name: "c" })`);
      await failure(db, `Map([1, 2, 3, 0], n => Create(Ref(Collection("c"), n), { data: { inverse: Divide(1, n) } }))`);
      expect(await wire(db, `Paginate(Documents(Collection("c")))`)).toBe(`{"data":[]}`);
    });
  });

  test("a failed query does not disturb the next one", async () => {
    await withDb(async (db) => {
      await db.query(`CreateCollection({ name: "c" })`);
      await failure(db, `Do(Create(Ref(Collection("c"), "1"), {}), Abort("no"))`);
      expect(await wire(db, `Select(["ref", "id"], Create(Ref(Collection("c"), "1"), {}))`)).toBe(`"1"`);
    });
  });

  test("a query that only reads writes nothing, not even its time", async () => {
    await withDb(async (db) => {
      const before = (await db.query(`Now()`)).metrics;
      expect(before.writeOps).toBe(0);
      expect(before.writeBytes).toBe(0);
    });
  });
});

describe("the database directory", () => {
  test("keeps what was written across reopening", async () => {
    const path = mkdtempSync(join(tmpdir(), "fqlite-test-"));
    try {
      const first = await openEngine({ path, clock: testClock() });
      await first.query(`CreateCollection({ name: "kept" })`);
      await first.query(`Create(Ref(Collection("kept"), "1"), { data: { n: 1 } })`);
      await first.close();
      const second = await openEngine({ path });
      expect(await value(second, `Select(["data", "n"], Get(Ref(Collection("kept"), "1")))`)).toBe(1n);
      // Ids keep increasing after a reopen, even when the clock went backwards.
      const id = (await value(second, `Select(["ref", "id"], Create(Collection("kept"), {}))`)) as string;
      expect(BigInt(id)).toBeGreaterThan(0n);
      await second.close();
    } finally {
      rmSync(path, { recursive: true, force: true });
    }
  });

  test("a directory that keeps the last commit's time and the schema version in records of their own is read as it is", async () => {
    const path = mkdtempSync(join(tmpdir(), "fqlite-test-"));
    const clock = testClock();
    const later = BigInt(clock() + 60_000) * 1000n;
    try {
      const first = await openEngine({ path, clock });
      await first.query(`CreateCollection({ name: "kept" })`);
      await first.close();
      // As a directory made before the two were one record has them.
      const store = openLmdbStore(path);
      store.write((txn) => {
        txn.delete(metaKey("lastCommit"));
        txn.put(metaKey("lastTxnTime"), encodeValue(later));
        txn.put(metaKey("schemaVersion"), encodeValue(7n));
      });
      await store.close();
      const second = await openEngine({ path, clock });
      // Reads see the recorded time, writes come after it, and the schema is read again.
      expect(await value(second, `ToMicros(Now())`)).toBe(later);
      expect(await value(second, `Select("ts", Create(Ref(Collection("kept"), "1"), {}))`)).toBe(later + 1n);
      expect(await value(second, `Select("name", Get(Collection("kept")))`)).toBe("kept");
      await second.close();
    } finally {
      rmSync(path, { recursive: true, force: true });
    }
  });

  test("without a path the database is temporary and removed on close", async () => {
    const db = await openEngine();
    const path = (db as unknown as { temporaryPath: string }).temporaryPath;
    expect(existsSync(path)).toBe(true);
    await db.close();
    expect(existsSync(path)).toBe(false);
    await expect(db.query("1")).rejects.toThrow("The FQLite engine is closed.");
  });
});

describe("secrets", () => {
  test("the root secret runs queries; any other is unauthorized and nothing runs", async () => {
    await withDb(
      async (db) => {
        expect(await wire(db, `Add(1, 1)`)).toBe("2");
        expect((await db.query(`Add(1, 1)`, { secret: "s3cret" })).value).toBe(2n);
        for (const secret of ["secret", "wrong", ""]) {
          const error = await db.query(`CreateCollection({ name: "x" })`, { secret }).catch((caught: unknown) => caught);
          expect(error).toBeInstanceOf(FaunaError);
          expect((error as FaunaError).status).toBe(401);
          expect((error as FaunaError).toJSON()).toEqual({ errors: [{ code: "unauthorized", description: "Unauthorized" }] });
        }
        expect(await wire(db, `Exists(Collection("x"))`)).toBe("false");
      },
      { rootSecret: "s3cret" },
    );
  });
});

describe("errors", () => {
  test("carry Fauna's HTTP status", async () => {
    await withDb(async (db) => {
      expect((await failure(db, `Get(Ref(Collection("nope"), "1"))`)).status).toBe(400);
      expect((await failure(db, `Select("a", {})`)).status).toBe(404);
      expect((await failure(db, `Abort("x")`)).status).toBe(400);
      expect((await failure(db, `[Select("a", {}), Abort("x")]`)).status).toBe(404);
    });
  });

  test("report what the failed query cost", async () => {
    await withDb(async (db) => {
      const error = await failure(db, `Abort("stop")`);
      expect(error.metrics).toMatchObject({ bytesIn: 16, bytesOut: 78, computeOps: 1 });
    });
  });
});
