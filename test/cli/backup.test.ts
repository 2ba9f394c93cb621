import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, statSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { openEngine, type Engine } from "../../src/engine";
import { Ref } from "../../src/language/values";
import { encodeValue } from "../../src/store/codec";
import { metaKey } from "../../src/store/keys";
import { openLmdbStore } from "../../src/store/lmdb-store";
import { directoryContents, runCli } from "../command-line";
import { directoryPerTest, secretOf, value } from "../helpers";

const directory = directoryPerTest("fqlite-backup-");
const path = (name: string) => join(directory(), name);

async function withEngine<T>(dir: string, body: (engine: Engine) => Promise<T>): Promise<T> {
  const engine = await openEngine({ path: dir });
  try {
    return await body(engine);
  } finally {
    await engine.close();
  }
}

const ADA = `Ref(Collection("users"), "1")`;

/** A database with a collection, an index, a document written twice, a token and a key; resolves to their secrets. */
async function populate(engine: Engine): Promise<{ token: string; key: string }> {
  await engine.query(`CreateCollection({ name: "users" })`);
  await engine.query(`CreateIndex({ name: "users_by_name", source: Collection("users"), terms: [{ field: ["data", "name"] }] })`);
  await engine.query(`Create(${ADA}, { data: { name: "ada", v: 1 } })`);
  await engine.query(`Update(${ADA}, { data: { v: 2 } })`);
  return {
    token: await secretOf(engine, `Create(Tokens(), { instance: ${ADA} })`),
    key: await secretOf(engine, `CreateKey({ role: "server" })`),
  };
}

/** What a restored database must show: the document, its index entry, its history, and that the secrets still work. */
async function expectPopulated(engine: Engine, secrets: { token: string; key: string }): Promise<void> {
  expect(await value(engine, `Select(["data", "v"], Get(${ADA}))`)).toBe(2n);
  expect(await value(engine, `Select("data", Paginate(Match(Index("users_by_name"), "ada")))`)).toEqual([new Ref("1", new Ref("users", new Ref("collections")))]);
  expect(await value(engine, `Select("data", Map(Paginate(Events(${ADA})), e => Select(["data", "v"], e)))`)).toEqual([1n, 2n]);
  expect(await value(engine, `Select("id", CurrentIdentity())`, { secret: secrets.token })).toBe("1");
  expect(await value(engine, `Select(["data", "name"], Get(${ADA}))`, { secret: secrets.key })).toBe("ada");
  expect(await value(engine, `Select("id", Select("instance", KeyFromSecret("${secrets.token}")))`)).toBe("1");
}

/**
 * Another process that opens the database, puts two entries in one write
 * transaction and holds it open for `holdMs` before committing; resolves when
 * the transaction is open, with a promise of the process's exit.
 */
async function writerHoldingTransaction(dir: string, holdMs: number): Promise<Promise<number | null>> {
  const script = `
    const [lmdb, path, holdMs] = process.argv.slice(1);
    const db = require(lmdb).open({ path, noSubdir: false, encoding: "binary", keyEncoding: "ordered-binary", overlappingSync: false });
    db.transactionSync(() => {
      db.putSync(["test", 1], Buffer.from("one"));
      db.putSync(["test", 2], Buffer.from("two"));
      process.stdout.write("holding\\n");
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Number(holdMs));
    });
    db.close();`;
  const child = spawn(process.execPath, ["-e", script, require.resolve("lmdb"), dir, String(holdMs)], { stdio: ["ignore", "pipe", "inherit"] });
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
  await new Promise<void>((resolve) => child.stdout.once("data", () => resolve()));
  return exited;
}

describe("fqlite backup and restore", () => {
  test("a backup taken while the database is open and being written restores everything committed before it, and no more", async () => {
    const db = path("db");
    await withEngine(db, async (engine) => {
      const secrets = await populate(engine);
      // The backup waits for the other process's write to commit, then holds all of it.
      const writer = await writerHoldingTransaction(db, 300);
      const backup = await runCli(["backup", path("backup"), "--db", db]);
      expect(await writer).toBe(0);
      expect(backup).toEqual({ code: 0, stderr: "", stdout: `Backed up ${db} to ${join(path("backup"), "data.mdb")} (${statSync(join(path("backup"), "data.mdb")).size.toLocaleString("en-US")} bytes).\n` });
      await engine.query(`Create(Ref(Collection("users"), "2"), { data: { name: "after the backup" } })`);

      const restored = await runCli(["restore", path("backup"), "--db", path("restored")]);
      expect(restored).toMatchObject({ code: 0, stderr: "" });
      expect(restored.stdout).toMatch(/^Restored .*backup to .*restored \([\d,]+ bytes\)\.\n$/);
      await withEngine(path("restored"), async (copy) => {
        await expectPopulated(copy, secrets);
        expect(await value(copy, `Exists(Ref(Collection("users"), "2"))`)).toBe(false);
        expect(await value(copy, `Select("data", Paginate(Match(Index("users_by_name"), "after the backup")))`)).toEqual([]);
      });
      const store = openLmdbStore(path("restored"));
      expect(store.read((txn) => [1, 2].map((n) => Buffer.from(txn.get(["test", n])!).toString()))).toEqual(["one", "two"]);
      await store.close();
    });
    // Nothing but the database and its backup is left beside them.
    expect(readdirSync(directory()).sort()).toEqual(["backup", "db", "restored"]);
  });

  test("backup refuses an existing DEST and a directory without a database, changing nothing", async () => {
    const db = path("db");
    await withEngine(db, populate);
    mkdirSync(path("taken"));
    writeFileSync(join(path("taken"), "keep.txt"), "mine");
    const before = directoryContents(directory());

    expect(await runCli(["backup", path("taken"), "--db", db])).toEqual({ code: 1, stdout: "", stderr: `Error: ${path("taken")} already exists; a backup never overwrites anything.\n` });
    expect(await runCli(["backup", path("new"), "--db", path("none")])).toEqual({ code: 1, stdout: "", stderr: `Error: ${path("none")}: This directory holds no FQLite database.\n` });
    expect(directoryContents(directory())).toEqual(before);
  });

  test("restore refuses a directory that holds a database unless --force, and then replaces it whole", async () => {
    const secrets = await withEngine(path("db"), populate);
    expect((await runCli(["backup", path("backup"), "--db", path("db")])).code).toBe(0);
    await withEngine(path("other"), (engine) => engine.query(`CreateCollection({ name: "others" })`));
    const before = directoryContents(directory());

    expect(await runCli(["restore", path("backup"), "--db", path("other")])).toEqual({
      code: 1,
      stdout: "",
      stderr: `Error: ${path("other")} already holds a database; add --force to replace it (stop whatever uses it first).\n`,
    });
    expect(directoryContents(directory())).toEqual(before);

    expect((await runCli(["restore", path("backup"), "--db", path("other"), "--force"])).code).toBe(0);
    await withEngine(path("other"), async (engine) => {
      await expectPopulated(engine, secrets);
      expect(await value(engine, `Exists(Collection("others"))`)).toBe(false);
    });
    expect(readdirSync(directory()).sort()).toEqual(["backup", "db", "other"]);
  });

  test("restore --force never replaces a directory that holds something other than a database", async () => {
    await withEngine(path("db"), populate);
    expect((await runCli(["backup", path("backup"), "--db", path("db")])).code).toBe(0);
    mkdirSync(path("home"));
    writeFileSync(join(path("home"), "notes.txt"), "mine");
    const before = directoryContents(directory());
    expect(await runCli(["restore", path("backup"), "--db", path("home"), "--force"])).toEqual({
      code: 1,
      stdout: "",
      stderr: `Error: ${path("home")} is not empty and holds no FQLite database; it is left as it is.\n`,
    });
    expect(directoryContents(directory())).toEqual(before);
  });

  test("restore refuses a SOURCE that is not a backup of an FQLite database of this format, leaving nothing behind", async () => {
    await withEngine(path("db"), populate);
    expect((await runCli(["backup", path("backup"), "--db", path("db")])).code).toBe(0);
    const file = (dir: string) => join(path(dir), "data.mdb");
    mkdirSync(path("empty"));
    mkdirSync(path("garbage"));
    writeFileSync(file("garbage"), Buffer.alloc(20480, 7));
    cpSync(path("backup"), path("truncated"), { recursive: true });
    truncateSync(file("truncated"), 8192);
    const lmdbOnly = openLmdbStore(path("lmdb-only"));
    lmdbOnly.write((txn) => txn.put(["something", "else"], new Uint8Array([1])));
    await lmdbOnly.close();
    cpSync(path("backup"), path("other-format"), { recursive: true });
    const otherFormat = openLmdbStore(path("other-format"));
    otherFormat.write((txn) => txn.put(metaKey("format"), encodeValue(99n)));
    await otherFormat.close();
    const before = directoryContents(directory());

    // The signal a damaged file ends its reader with depends on where the damage is read.
    const damaged = /it is not an LMDB file, or a damaged one \(reading it ended in SIG[A-Z]+\)\./;
    const refusals: Record<string, string | RegExp> = {
      empty: "it has no data.mdb.",
      garbage: damaged,
      truncated: damaged,
      "lmdb-only": "This directory holds no FQLite database.",
      "other-format": "This database directory has FQLite format 99; this FQLite reads format 2.",
    };
    for (const [source, reason] of Object.entries(refusals)) {
      const { code, stdout, stderr } = await runCli(["restore", path(source), "--db", path("restored")]);
      expect({ source, code, stdout }).toEqual({ source, code: 1, stdout: "" });
      const prefix = `Error: ${path(source)} is not an FQLite backup: `;
      expect(stderr.startsWith(prefix) && stderr.endsWith("\n")).toBe(true);
      const given = stderr.slice(prefix.length, -1);
      if (typeof reason === "string") expect(given).toBe(reason);
      else expect(given).toMatch(reason);
    }
    expect(existsSync(path("restored"))).toBe(false);
    expect(directoryContents(directory())).toEqual(before);
  });
});
