import { readFileSync } from "node:fs";
import bcrypt from "bcryptjs";
import { printValue } from "../../src/language/printer";
import { Ref } from "../../src/language/values";
import { encodeExpr } from "../../src/language/wire";
import { parseQuery } from "../../src/language/parse";
import { errorJson, failure, printed, SEED_TIME_MS, testClock, value, withDb } from "../helpers";

/** The results and metrics of examples/tokens.fql, by query text, on a clock that moves as a real one would. */
async function runTokensExample() {
  return withDb(async (db) => {
    const results = new Map<string, { shown: string; bytesIn: number; bytesOut: number; readOps: number; writeOps: number; computeOps: number }>();
    for (const query of db.prepareAll(readFileSync("examples/tokens.fql", "utf8"))) {
      const result = db.run(query);
      const { bytesIn, bytesOut, readOps, writeOps, computeOps } = result.metrics;
      results.set(encodeExpr(query.expr), { shown: printValue(result.value), bytesIn, bytesOut, readOps, writeOps, computeOps });
    }
    return results;
  }, { clock: testClock(SEED_TIME_MS, 7) });
}

const wireOf = (text: string) => encodeExpr(parseQuery(text));

describe("examples/tokens.fql reproduces Fauna's Tokens page", () => {
  let results: Awaited<ReturnType<typeof runTokensExample>>;
  beforeAll(async () => {
    results = await runTokensExample();
  });
  const resultOf = (text: string) => results.get(wireOf(text))!;

  test("1. Login with a user's credentials, found through an index", () => {
    const result = resultOf(`Login(Match(Index('users_by_email'), 'alice@site.example.com'), { password: 'secret password' })`);
    expect(result).toMatchObject({ bytesIn: 130, bytesOut: 291, computeOps: 1, readOps: 1, writeOps: 1 });
    expect(result.shown).toMatch(
      /^\{\n {2}ref: Ref\(Tokens\(\), "\d{18}"\),\n {2}ts: \d{16},\n {2}instance: Ref\(Collection\("users"\), "1"\),\n {2}secret: 'fnE[A-Za-z0-9_-]{48}'\n\}$/,
    );
  });

  test("1. Create(Tokens()) for an identity", () => {
    const result = resultOf(`Create(Tokens(), { instance: Ref(Collection('users'), '1') })`);
    expect(result).toMatchObject({ bytesIn: 99, bytesOut: 291, computeOps: 1, readOps: 0, writeOps: 1 });
    expect(result.shown).toMatch(
      /^\{\n {2}ref: Ref\(Tokens\(\), "\d{18}"\),\n {2}ts: \d{16},\n {2}instance: Ref\(Collection\("users"\), "1"\),\n {2}secret: 'fnE[A-Za-z0-9_-]{48}'\n\}$/,
    );
  });

  test("1. ... with a ttl", () => {
    const result = resultOf(`Create(Tokens(), { instance: Ref(Collection('users'), '1'), ttl: TimeAdd(Now(), 2, 'days') })`);
    expect(result).toMatchObject({ bytesIn: 156, bytesOut: 332, computeOps: 1, readOps: 0, writeOps: 1 });
    expect(result.shown).toMatch(/\n {2}ttl: Time\("2021-06-23T21:22:\d{2}\.\d{3}Z"\),\n {2}secret: 'fnE/);
  });

  test("2. Paginate(Tokens())", () => {
    expect(resultOf(`Paginate(Tokens())`)).toEqual({ shown: `{ data: [ Ref(Tokens(), "1") ] }`, bytesIn: 28, bytesOut: 81, computeOps: 1, readOps: 8, writeOps: 0 });
  });

  test("2. Paginate(Tokens(Database('child_db')))", () => {
    expect(resultOf(`Paginate(Tokens(Database('child_db')))`)).toEqual({ shown: "{ data: [] }", bytesIn: 47, bytesOut: 24, computeOps: 1, readOps: 8, writeOps: 0 });
  });

  test("3. CreateIndex on Tokens()", () => {
    const result = resultOf(
      `CreateIndex({ name: 'tokens_by_instance', permissions: { read: 'public' }, source: Tokens(), terms: [ { field: 'instance' } ], values: [ { field: ['data', 'name'] } ] })`,
    );
    expect(result).toMatchObject({ bytesIn: 215, bytesOut: 327, computeOps: 1, readOps: 0, writeOps: 1 });
    expect(result.shown).toMatch(/^\{\n {2}ref: Index\("tokens_by_instance"\),\n {2}ts: \d{16},\n {2}active: true,\n {2}serialized: true,\n/);
    expect(result.shown).toContain(`  terms: [ { field: 'instance' } ],\n  values: [ { field: [ 'data', 'name' ] } ],\n  partitions: 1\n}`);
  });

  test("4. Update of a token", () => {
    const result = resultOf(`Update(Ref(Tokens(), '1'), { data: { meta: 'data' } })`);
    expect(result).toMatchObject({ bytesIn: 99, bytesOut: 234, computeOps: 1, readOps: 0, writeOps: 1 });
    expect(result.shown).toMatch(/^\{\n {2}ref: Ref\(Tokens\(\), "1"\),\n {2}ts: \d{16},\n {2}instance: Ref\(Collection\("users"\), "1"\),\n {2}data: \{ meta: 'data' \}\n\}$/);
  });
});

describe("token secrets", () => {
  test("are Fauna-shaped, shown once, and stored only as a bcrypt hash of their random part", async () => {
    await withDb(async (db) => {
      const token = (await value(db, `Create(Tokens(), { instance: Ref(Collection("users"), "1") })`)) as Map<string, unknown>;
      const secret = token.get("secret") as string;
      expect(secret).toMatch(/^fnE[A-Za-z0-9_-]{48}$/);
      const bytes = Buffer.from(secret, "base64url");
      expect([...bytes.subarray(0, 2)]).toEqual([0x7e, 0x71]);
      const id = (token.get("ref") as Ref).id;
      expect(bytes.readBigInt64BE(2).toString()).toBe(id);

      const stored = (await value(db, `Get(Ref(Tokens(), "${id}"))`)) as Map<string, unknown>;
      expect(stored.has("secret")).toBe(false);
      const hashed = stored.get("hashed_secret") as string;
      expect(hashed).toMatch(/^\$2a\$05\$/);
      expect(bcrypt.compareSync(bytes.subarray(18).toString("base64url"), hashed)).toBe(true);
    });
  });

  test("a token needs an instance ref; a given hashed_secret is kept and no secret is made", async () => {
    await withDb(async (db) => {
      expect(errorJson(await failure(db, `Create(Tokens(), { instance: "me" })`))).toEqual([
        {
          position: ["create"],
          code: "validation failed",
          description: "document data is not valid.",
          failures: [{ field: ["instance"], code: "invalid type", description: "Invalid type String, expected type Ref." }],
        },
      ]);
      const hash = bcrypt.hashSync("migrated", 5);
      expect(await printed(db, `Create(Ref(Tokens(), "5"), { instance: Ref(Collection("users"), "1"), hashed_secret: "${hash}" })`)).toBe(
        `{\n  ref: Ref(Tokens(), "5"),\n  ts: 1624310550300000,\n  instance: Ref(Collection("users"), "1")\n}`,
      );
    });
  });

  test("Delete revokes a token: it no longer exists", async () => {
    await withDb(async (db) => {
      await db.query(`Create(Ref(Tokens(), "7"), { instance: Ref(Collection("users"), "1") })`);
      await db.query(`Delete(Ref(Tokens(), "7"))`);
      expect(await value(db, `Exists(Ref(Tokens(), "7"))`)).toBe(false);
    });
  });
});
