import { writeFileSync } from "node:fs";
import { join } from "node:path";
import faunadb, { query as q, type Expr, type values } from "faunadb";
import { fqliteTestServer } from "../../src/testing";
import { runCli } from "../command-line";
import { directoryPerTest, secretOf, value, wire } from "../helpers";
import { withEngineAt } from "./transfer";

// Stands in for Fauna: the data is made, and dumped, with the faunadb driver as an app did it.
const fauna = fqliteTestServer();
const directory = directoryPerTest("fqlite-fauna-dump-");

/** Every document of a set, a page at a time, each as `JSON.stringify` prints what the driver returns for `Get`. */
async function dump(client: faunadb.Client, set: Expr): Promise<string[]> {
  const lines: string[] = [];
  let after: Expr | undefined;
  do {
    const page: values.Page<object> = await client.query(q.Map(q.Paginate(set, after ? { size: 2, after } : { size: 2 }), q.Lambda("ref", q.Get(q.Var("ref")))));
    lines.push(...page.data.map((document) => JSON.stringify(document)));
    after = page.after;
  } while (after);
  return lines;
}

describe("data dumped from Fauna with the driver", () => {
  test("imports as creates at their ts, making the collections the documents name; indexes, keys and passwords work", async () => {
    const client = new faunadb.Client(fauna.clientOptions);
    await client.query(q.CreateCollection({ name: "users" }));
    await client.query(q.CreateCollection({ name: "orders" }));
    await client.query(q.CreateIndex({ name: "users_by_email", source: q.Collection("users"), terms: [{ field: ["data", "email"] }], unique: true }));
    await client.query(q.CreateIndex({ name: "orders_by_user", source: q.Collection("orders"), terms: [{ field: ["data", "user"] }], values: [{ field: ["data", "total"] }] }));
    const key = await client.query<{ secret: string }>(q.CreateKey({ role: "server" }));
    for (const [id, name] of [["1", "ada"], ["2", "bob"], ["3", "cy"]]) {
      await client.query(q.Create(q.Ref(q.Collection("users"), id), { credentials: { password: `${name}-pw` }, data: { name, email: `${name}@example.com`, joined: q.Date("2020-01-0" + id), avatar: new faunadb.values.Bytes("AQID") } }));
    }
    await client.query(q.Update(q.Ref(q.Collection("users"), "2"), { data: { name: "Bob" } }));
    for (const [id, user, total] of [["10", "1", 9.99], ["11", "1", 25.5], ["12", "3", 3.25]] as const) {
      await client.query(q.Create(q.Ref(q.Collection("orders"), id), { data: { user: q.Ref(q.Collection("users"), user), total, at: q.Time("2021-06-21T10:00:00.123456Z"), items: [{ sku: "a-1", qty: 2 }] } }));
    }
    // Keys and credentials first, documents next, indexes last: where indexes and credentials come does not matter.
    const lines = [
      ...(await dump(client, q.Keys())),
      ...(await dump(client, q.Credentials())),
      ...(await dump(client, q.Documents(q.Collection("users")))),
      ...(await dump(client, q.Documents(q.Collection("orders")))),
      ...(await dump(client, q.Indexes())),
    ];
    await client.close();
    expect(lines[0]).toMatch(/^\{"ref":\{"@ref":\{"id":"\d+","collection":\{"@ref":\{"id":"keys"\}\}\}\},"ts":\d+,"role":"server","hashed_secret":"\$2a\$05\$.{53}"\}$/);
    const file = join(directory(), "dump.jsonl");
    writeFileSync(file, `${lines.join("\n")}\n`);

    const db = join(directory(), "db");
    expect(await runCli(["import", file, "--db", db])).toEqual({
      code: 0,
      stdout: `Imported ${file} into ${db}: 12 versions of 12 documents in 1 database; made 2 collections that documents named.\n`,
      stderr: "",
    });
    const original = fauna.server.engine;
    await withEngineAt(db, async (engine) => {
      // The documents as Fauna had them, at the ts of their last version (history before it was not dumped).
      const reads = [
        `Map(Paginate(Documents(Collection("users"))), Lambda("ref", Get(Var("ref"))))`,
        `Map(Paginate(Documents(Collection("orders"))), Lambda("ref", Get(Var("ref"))))`,
        `Paginate(Match(Index("users_by_email"), "bob@example.com"))`,
        `Paginate(Match(Index("orders_by_user"), Ref(Collection("users"), "1")))`,
        `Map(Paginate(Collections()), Lambda("ref", Select("name", Get(Var("ref")))))`,
      ];
      for (const read of reads) expect(await wire(engine, read)).toBe(await wire(original, read));
      expect(await wire(engine, `Paginate(Match(Index("orders_by_user"), Ref(Collection("users"), "1")))`)).toBe(`{"data":[9.99,25.5]}`);
      // A key made in Fauna, and a password set there, still work.
      expect(await value(engine, `Count(Documents(Collection("orders")))`, { secret: key.secret })).toBe(3n);
      const token = await secretOf(engine, `Login(Ref(Collection("users"), "3"), { password: "cy-pw" })`);
      expect(await value(engine, `Select("id", CurrentIdentity())`, { secret: token })).toBe("3");
      // The unique index holds for new writes.
      await expect(engine.query(`Create(Collection("users"), { data: { email: "ada@example.com" } })`)).rejects.toThrow("instance not unique");
    });
  });
});
