import { join } from "node:path";
import type { Engine } from "../../src/engine";
import { directoryPerTest, secretOf, value, wire, type TestClock } from "../helpers";
import { exportText, importText, withEngineAt } from "./transfer";

const directory = directoryPerTest("fqlite-transfer-");
const path = (name: string) => join(directory(), name);

const ADA = `Ref(Collection("users"), "1")`;
const BOB = `Ref(Collection("users"), "2")`;
const LOG = `Ref(Collection("logs"), "1")`;

/** Every value the wire format has, in a document's data. */
const ALL_TYPES = `{
  name: "ada", age: 36, email: "ada@example.com", height: 1.75, ratio: 2.0, big: 9007199254740993, negative: -12,
  text: "two\\nlines, ünïcödé \\u2028 and \\"quotes\\"", yes: true, no: false,
  list: [1, "two", [3.0, { four: 4 }]], nested: { deep: { deeper: "x" } }, "@weird": { "@ref": "not a ref" },
  friend: ${BOB}, thing: Ref(Collection("things", Database("child")), "1"), coll: Collection("posts"), db: Database("child"), idx: Index("users_by_name"), tokens: Tokens(),
  born: Time("1815-12-10T00:00:00.123456789Z"), day: Date("1815-12-10"), blob: Bytes("AQIDBA=="),
  set: Match(Index("users_by_name"), "ada"), fn: Query(Lambda("x", Add(Var("x"), 1)))
}`;

interface Fixture {
  /** Secrets made before the export, which must work after the import. */
  readonly secrets: { admin: string; server: string; reader: string; child: string; grand: string; adaToken: string; madeToken: string; childToken: string };
  /** Transaction times to read the past at. */
  readonly times: bigint[];
}

/** A database with some of everything an export carries; each write a second after the last. */
async function populate(db: Engine, clock: TestClock): Promise<Fixture> {
  const times: bigint[] = [];
  const run = async (query: string, secret?: string) => {
    clock.advance(1000);
    const result = await db.query(query, { secret });
    times.push(result.txnTime);
    return result.value;
  };
  const secret = async (query: string, asSecret?: string) => ((await run(query, asSecret)) as Map<string, unknown>).get("secret") as string;

  await run(`CreateCollection({ name: "users" })`);
  await run(`CreateCollection({ name: "posts", history_days: 3, data: { about: "posts" } })`);
  await run(`CreateCollection({ name: "sessions", ttl_days: 1 })`);
  await run(`CreateCollection({ name: "logs" })`);
  await run(`CreateCollection({ name: "drafts" })`);
  await run(`CreateCollection({ name: "gone" })`);
  await run(`Delete(Collection("gone"))`);
  await run(`CreateIndex({ name: "users_by_name", source: Collection("users"), terms: [{ field: ["data", "name"] }] })`);
  await run(`CreateIndex({ name: "users_by_age", source: Collection("users"), values: [{ field: ["data", "age"], reverse: true }, { field: ["ref"] }] })`);
  await run(`CreateIndex({ name: "users_by_email", source: Collection("users"), terms: [{ field: ["data", "email"] }], unique: true })`);
  await run(`CreateIndex({
    name: "drafts_by_initial",
    source: { collection: Collection("drafts"), fields: { initial: Query(Lambda("doc", SubString(Select(["data", "title"], Var("doc")), 0, 1))) } },
    terms: [{ binding: "initial" }], values: [{ field: ["data", "title"] }]
  })`);
  await run(`CreateIndex({ name: "tokens_by_instance", source: Tokens(), terms: [{ field: "instance" }] })`);
  await run(`CreateFunction({ name: "greet", body: Query(Lambda("name", Concat(["hello", Var("name")], " "))), role: "server" })`);
  await run(`CreateRole({
    name: "reader",
    membership: { resource: Collection("users") },
    privileges: [{ resource: Collection("posts"), actions: { read: Query(Lambda("ref", Select(["data", "public"], Get(Var("ref"))))) } }]
  })`);
  await run(`CreateAccessProvider({ name: "auth0", issuer: "https://example.auth0.com/", jwks_uri: "https://example.auth0.com/.well-known/jwks.json" })`);

  await run(`CreateDatabase({ name: "child", data: { tier: 1 } })`);
  const child = await secret(`CreateKey({ role: "admin", database: Database("child") })`);
  await run(`CreateCollection({ name: "things" })`, child);
  await run(`CreateIndex({ name: "things_by_owner", source: Collection("things"), terms: [{ field: ["data", "owner"] }] })`, child);
  await run(`Create(Ref(Collection("things"), "1"), { data: { owner: Ref(Collection("things"), "2"), grand: Database("grand") } })`, child);
  await run(`Create(Ref(Collection("things"), "2"), { credentials: { password: "thing" }, data: { owner: Ref(Collection("things"), "2") } })`, child);
  const childToken = await secret(`Login(Ref(Collection("things"), "2"), { password: "thing" })`, child);
  await run(`CreateDatabase({ name: "grand" })`, child);
  const grand = await secret(`CreateKey({ role: "server", database: Database("grand") })`, child);
  await run(`CreateCollection({ name: "deep" })`, grand);
  await run(`Create(Ref(Collection("deep"), "1"), { data: { up: Database("grand") } })`, grand);

  await run(`Create(${ADA}, { credentials: { password: "sekrit" }, data: ${ALL_TYPES} })`);
  await run(`Update(${ADA}, { data: { age: 37, list: [1] } })`);
  await run(`Create(${BOB}, { data: { name: "bob", age: 20, email: "bob@example.com" } })`);
  await run(`Delete(${BOB})`);
  await run(`Create(${BOB}, { data: { name: "bob", age: 21, email: "bob@example.com" } })`);
  await run(`Create(Ref(Collection("users"), "3"), { data: { name: "cy", age: 20 }, ttl: TimeAdd(Now(), 2, "days") })`);
  await run(`Update(Collection("drafts"), { name: "notes" })`);
  await run(`Create(Ref(Collection("notes"), "1"), { data: { title: "Tuesday" } })`);
  await run(`Create(Ref(Collection("notes"), "2"), { data: { title: "Thursday" } })`);
  await run(`Replace(Ref(Collection("notes"), "2"), { data: { title: "Friday" } })`);
  await run(`Create(Ref(Collection("posts"), "1"), { data: { public: true, title: "hello" } })`);
  await run(`Create(Ref(Collection("posts"), "2"), { data: { public: false, title: "secret" } })`);
  await run(`Create(Ref(Collection("posts"), "3"), { data: { public: true, title: "expired" }, ttl: TimeSubtract(Now(), 1, "hour") })`);
  await run(`Create(Ref(Collection("sessions"), "1"), { data: { user: ${ADA} } })`);
  // An index made after the documents it indexes, which documents change afterwards.
  await run(`CreateIndex({ name: "posts_by_public", source: Collection("posts"), terms: [{ field: ["data", "public"] }], values: [{ field: ["data", "title"] }] })`);
  await run(`Update(Ref(Collection("posts"), "2"), { data: { public: true } })`);
  // History written at past times.
  await run(`Create(${LOG}, { data: { entry: 3 } })`);
  await run(`Insert(${LOG}, ${times[0]!}, "create", { data: { entry: 1 } })`);
  await run(`Insert(${LOG}, ${times[1]!}, "delete", {})`);
  await run(`Insert(${LOG}, ${times[2]!}, "create", { data: { entry: 2 } })`);

  const adaToken = await secret(`Login(${ADA}, { password: "sekrit", data: { device: "phone" } })`);
  const madeToken = await secret(`Create(Tokens(), { instance: ${BOB}, ttl: TimeAdd(Now(), 1, "day"), data: { note: "made" } })`);
  const gone = await secret(`Login(${ADA}, { password: "sekrit" })`);
  await run(`Logout(false)`, gone);
  const admin = await secret(`CreateKey({ role: "admin" })`);
  const server = await secret(`CreateKey({ role: "server", data: { for: "the app" } })`);
  const reader = await secret(`CreateKey({ role: Role("reader") })`);
  return { secrets: { admin, server, reader, child, grand, adaToken, madeToken, childToken }, times };
}

/** Reads whose answers an import must keep, as the top database's admin. */
function readsAt(times: readonly bigint[]): string[] {
  const reads = [
    `Paginate(Match(Index("users_by_name"), "ada"))`,
    `Paginate(Match(Index("users_by_name"), "bob"), { events: true })`,
    `Paginate(Match(Index("users_by_age")))`,
    `Paginate(Match(Index("users_by_email"), "bob@example.com"))`,
    `Paginate(Match(Index("drafts_by_initial"), "T"))`,
    `Paginate(Match(Index("drafts_by_initial"), "F"), { events: true })`,
    `Paginate(Match(Index("posts_by_public"), true))`,
    `Paginate(Match(Index("posts_by_public"), false), { events: true })`,
    `Paginate(Match(Index("tokens_by_instance"), ${ADA}))`,
    `Map(Paginate(Documents(Collection("users"))), Lambda("ref", Get(Var("ref"))))`,
    `Paginate(Documents(Collection("users")), { events: true })`,
    `Map(Paginate(Documents(Collection("posts"))), Lambda("ref", Get(Var("ref"))))`,
    `Map(Paginate(Documents(Collection("notes"))), Lambda("ref", Get(Var("ref"))))`,
    `Map(Paginate(Documents(Collection("sessions"))), Lambda("ref", Get(Var("ref"))))`,
    `Exists(Ref(Collection("posts"), "3"))`,
    `Paginate(Events(${ADA}))`,
    `Paginate(Events(${BOB}))`,
    `Paginate(Events(${LOG}))`,
    `Paginate(Events(Collection("drafts")))`,
    `Paginate(Events(Collection("notes")))`,
    `Map(Paginate(Documents(Collection("things", Database("child")))), Lambda("ref", Get(Var("ref"))))`,
    `Map(Paginate(Documents(Collection("deep", Database("grand", Database("child"))))), Lambda("ref", Get(Var("ref"))))`,
    `Call(Function("greet"), "ada")`,
    ...["Collections", "Indexes", "Functions", "Roles", "AccessProviders", "Databases", "Keys", "Tokens", "Credentials"].map(
      (set) => `Map(Paginate(${set}()), Lambda("ref", Get(Var("ref"))))`,
    ),
    `Map(Paginate(Keys(Database("child"))), Lambda("ref", Get(Var("ref"))))`,
    `Map(Paginate(Tokens(Database("child"))), Lambda("ref", Get(Var("ref"))))`,
  ];
  const past = times.flatMap((ts) => [
    `At(${ts}, Paginate(Match(Index("users_by_age"))))`,
    `At(${ts}, Paginate(Match(Index("posts_by_public"), true)))`,
    `At(${ts}, Paginate(Match(Index("drafts_by_initial"), "T")))`,
    `At(${ts}, Map(Paginate(Documents(Collection("users"))), Lambda("ref", Get(Var("ref")))))`,
    `Get(${LOG}, ${ts})`,
  ]);
  return [...reads, ...past];
}

/** Reads with the secrets made before the export. */
function readsWith(secrets: Fixture["secrets"]): [string, string][] {
  return [
    [`Map(Paginate(Documents(Collection("users"))), Lambda("ref", Select(["data", "name"], Get(Var("ref")))))`, secrets.admin],
    [`Count(Documents(Collection("posts")))`, secrets.server],
    [`[CurrentIdentity(), Select("data", Get(CurrentToken()))]`, secrets.adaToken],
    [`Paginate(Documents(Collection("posts")))`, secrets.adaToken],
    [`CurrentIdentity()`, secrets.madeToken],
    [`CurrentIdentity()`, secrets.childToken],
    [`Paginate(Documents(Collection("things")))`, secrets.child],
    [`Paginate(Match(Index("things_by_owner"), Ref(Collection("things"), "2")))`, secrets.child],
    [`Map(Paginate(Documents(Collection("deep"))), Lambda("ref", Get(Var("ref"))))`, secrets.grand],
    [`Paginate(Documents(Collection("posts")))`, secrets.reader],
  ];
}

async function answers(db: Engine, clock: TestClock, now: number, fixture: Fixture): Promise<string[]> {
  clock.set(now);
  const asAdmin = await Promise.all(readsAt(fixture.times).map((query) => wire(db, query).catch((error: Error) => `failed: ${error.message}`)));
  const withSecrets = await Promise.all(readsWith(fixture.secrets).map(([query, secret]) => wire(db, query, { secret }).catch((error: Error) => `failed: ${error.message}`)));
  return [...asAdmin, ...withSecrets];
}

describe("export and import", () => {
  test("an imported export is the same database: exported again it is the same lines, and every read answers the same", async () => {
    let fixture: Fixture | undefined;
    let now = 0;
    const { exported, before } = await withEngineAt(path("original"), async (db, clock) => {
      fixture = await populate(db, clock);
      now = clock() + 60_000;
      return { exported: await exportText(db), before: await answers(db, clock, now, fixture) };
    });
    const lines = exported.split("\n").slice(0, -1);
    const summary = await importText(path("imported"), exported);
    expect(summary).toEqual({ versions: lines.length - 1, documents: expect.any(Number), databases: 3, collectionsMade: 0 });

    await withEngineAt(path("imported"), async (db, clock) => {
      const again = (await exportText(db)).split("\n").slice(0, -1);
      expect(again.slice(1)).toEqual(lines.slice(1));
      const header = (line: string) => ({ ...JSON.parse(line), exported_at: "when" });
      expect(header(again[0]!)).toEqual(header(lines[0]!));
      expect(await answers(db, clock, now, fixture!)).toEqual(before);
      // A password set before the export logs in after the import.
      const token = await secretOf(db, `Login(${ADA}, { password: "sekrit" })`);
      expect(await wire(db, `CurrentIdentity()`, { secret: token })).toBe(`{"@ref":{"id":"1","collection":{"@ref":{"id":"users","collection":{"@ref":{"id":"collections"}}}}}}`);
      expect(await value(db, `Select("data", KeyFromSecret("${fixture!.secrets.adaToken}"))`)).toEqual(new Map([["device", "phone"]]));
    });
  });

  test("after an import, writes come after every imported version and id, and indexes hold to uniqueness", async () => {
    const exported = await withEngineAt(path("original"), async (db, clock) => {
      await populate(db, clock);
      return exportText(db);
    });
    await importText(path("imported"), exported);
    const imported = exported.split("\n").slice(1, -1).map((line) => JSON.parse(line) as { ts: number; ref: { "@ref": { id: string } } });
    const lastTs = Math.max(...imported.map((line) => line.ts));
    const ids = imported.map((line) => line.ref["@ref"].id).filter((id) => /^\d+$/.test(id));
    const lastId = ids.map(BigInt).reduce((a, b) => (a > b ? a : b));
    // A clock far behind the imported times, as on another machine.
    await withEngineAt(path("imported"), async (db) => {
      const created = await db.query(`Create(Collection("users"), { data: { name: "new" } })`);
      expect(created.txnTime).toBe(BigInt(lastTs) + 1n);
      expect(BigInt(await value(db, `Select(["ref", "id"], Get(Select("ref", Get(Match(Index("users_by_name"), "new")))))`) as string)).toBe(lastId + 1n);
      await expect(db.query(`Create(Collection("users"), { data: { email: "ada@example.com" } })`)).rejects.toThrow("instance not unique: document is not unique.");
    });
  });

  test("expired documents travel too, and the expunger finds them after the import", async () => {
    const exported = await withEngineAt(path("original"), async (db, clock) => {
      await populate(db, clock);
      return exportText(db);
    });
    await importText(path("imported"), exported);
    await withEngineAt(path("imported"), async (db, clock) => {
      clock.advance(3 * 86_400_000);
      // The expired post, the session and cy (whose ttls have passed), and the token made with a ttl.
      expect(await db.expungeExpired()).toEqual({ tokens: 1, keys: 0, credentials: 0, documents: 3 });
      expect(await value(db, `Count(Documents(Collection("sessions")))`)).toBe(0n);
    });
  });

  test("index history is made from the documents' history, also where Insert rewrote it", async () => {
    const expectLevels = async (db: Engine, created: bigint, updated: bigint) => {
      const levelAt = (ts: bigint) => value(db, `At(${ts}, Map(["info", "warn", "error"], Lambda("level", Count(Match(Index("logs_by_level"), Var("level"))))))`);
      expect(await levelAt(created)).toEqual([1n, 0n, 0n]);
      expect(await levelAt(created + 600_000n)).toEqual([0n, 1n, 0n]);
      expect(await levelAt(updated)).toEqual([0n, 0n, 1n]);
      expect(await value(db, `Select(["data", "level"], Get(${LOG}, ${created + 600_000n}))`)).toBe("warn");
    };
    const { exported, times } = await withEngineAt(path("original"), async (db, clock) => {
      const at = async (query: string) => {
        clock.advance(1000);
        return (await db.query(query)).txnTime;
      };
      await at(`CreateCollection({ name: "logs" })`);
      await at(`CreateIndex({ name: "logs_by_level", source: Collection("logs"), terms: [{ field: ["data", "level"] }] })`);
      const created = await at(`Create(${LOG}, { data: { level: "info" } })`);
      const updated = await at(`Update(${LOG}, { data: { level: "error" } })`);
      // Written after the fact: the log said "warn" in between.
      await at(`Insert(${LOG}, ${created + 500_000n}, "update", { data: { level: "warn" } })`);
      // The index follows the history as the Insert left it, there and after the import alike.
      await expectLevels(db, created, updated);
      return { exported: await exportText(db), times: { created, updated } };
    });
    await importText(path("imported"), exported);
    await withEngineAt(path("imported"), (db) => expectLevels(db, times.created, times.updated));
  });

  test("an index made after its documents starts when it was made, with the documents live then", async () => {
    const ITEMS = `Ref(Collection("items"), "1")`;
    const kindEvents = (db: Engine, ts: bigint) => wire(db, `At(${ts}, Paginate(Match(Index("items_by_kind"), "a"), { events: true }))`);
    const { exported, times, before } = await withEngineAt(path("original"), async (db, clock) => {
      const at = async (query: string) => {
        clock.advance(1000);
        return (await db.query(query)).txnTime;
      };
      await at(`CreateCollection({ name: "items" })`);
      const first = await at(`Create(${ITEMS}, { data: { kind: "a" } })`);
      await at(`Create(Ref(Collection("items"), "2"), { data: { kind: "a" }, ttl: TimeAdd(Now(), 1500, "milliseconds") })`);
      await at(`Create(Ref(Collection("items"), "3"), { data: { kind: "a" } })`);
      await at(`Delete(${ITEMS})`);
      const made = await at(`CreateIndex({ name: "items_by_kind", source: Collection("items"), terms: [{ field: ["data", "kind"] }] })`);
      const later = await at(`Create(${ITEMS}, { data: { kind: "a" } })`);
      const times = { first, made, later };
      return { exported: await exportText(db), times, before: await Promise.all(Object.values(times).map((ts) => kindEvents(db, ts))) };
    });
    await importText(path("imported"), exported);
    await withEngineAt(path("imported"), async (db) => {
      expect(await Promise.all(Object.values(times).map((ts) => kindEvents(db, ts)))).toEqual(before);
      const item = (id: string) => `{"@ref":{"id":"${id}","collection":{"@ref":{"id":"items","collection":{"@ref":{"id":"collections"}}}}}}`;
      expect(before).toEqual([
        `{"data":[]}`,
        `{"data":[{"ts":${times.made},"action":"add","document":${item("3")}}]}`,
        `{"data":[{"ts":${times.made},"action":"add","document":${item("3")}},{"ts":${times.later},"action":"add","document":${item("1")}}]}`,
      ]);
    });
  });

  test("an index still being built when exported is built again after the import", async () => {
    const users = `{"@ref":{"id":"users","collection":{"@ref":{"id":"collections"}}}}`;
    const lines = [
      `{"ref":${users},"ts":1000,"action":"create","history_days":30,"name":"users"}`,
      ...["1", "2", "3"].map((id) => `{"ref":{"@ref":{"id":"${id}","collection":${users}}},"ts":${2000 + Number(id)},"action":"create","data":{"team":"a"}}`),
      `{"ref":{"@ref":{"id":"by_team","collection":{"@ref":{"id":"indexes"}}}},"ts":3000,"action":"create","active":false,"serialized":true,"name":"by_team","source":${users},"terms":[{"field":["data","team"]}],"partitions":1}`,
    ];
    await importText(path("imported"), `${lines.join("\n")}\n`);
    await withEngineAt(path("imported"), async (db) => {
      await db.indexesBuilt();
      expect(await value(db, `[Select("active", Get(Index("by_team"))), Count(Match(Index("by_team"), "a"))]`)).toEqual([true, 3n]);
    });
  });
});
