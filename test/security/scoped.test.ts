/**
 * A secret for a database reaches that database and those below it, never
 * its parent or its siblings (https://docs.fauna.com/fauna/v4/security/keys:
 * a key reaches its database and those below it, not its parent or peers). Refs name
 * databases only downwards, so there is no name for "up": every trick that
 * tries one names nothing. Scoped secrets (`secret:path:role`) take paths
 * downwards from the secret's own database, and only admin keys (and the
 * root) may take them (https://docs.fauna.com/fauna/v4/security/keys#scoped-keys).
 */
import type { Engine } from "../../src/engine";
import { openEngine } from "../../src/engine";
import { secretOf, testClock } from "../helpers";
import { Ref } from "../../src/language/values";
import { denied, outcome, UNAUTHORIZED, type Outcome } from "./world";

/** The top database with two children, `sub` (with its own child `grand`) and `sibling`; each says which it is. */
async function databaseTree(db: Engine): Promise<void> {
  const schema = (name: string) =>
    `Do(
      CreateCollection({ name: "posts" }), Create(Ref(Collection("posts"), "1"), { data: { title: "${name}" } }),
      CreateCollection({ name: "users" }), Create(Ref(Collection("users"), "1"), { credentials: { password: "pw" } }),
      CreateFunction({ name: "where", body: Query(Lambda([], "${name}")) })
    )`;
  await db.query(schema("top"));
  await db.query(`Do(CreateDatabase({ name: "sub" }), CreateDatabase({ name: "sibling" }))`);
  await db.query(schema("sub"), { secret: "secret:sub:admin" });
  await db.query(schema("sibling"), { secret: "secret:sibling:admin" });
  await db.query(`CreateDatabase({ name: "grand" })`, { secret: "secret:sub:admin" });
  await db.query(schema("grand"), { secret: "secret:sub/grand:admin" });
}

interface Secrets {
  readonly topAdmin: string;
  readonly topServer: string;
  /** Admin keys for `sub`: one kept in `sub` itself, one kept in the top database. */
  readonly keptInSub: string;
  readonly keptInTop: string;
  readonly subToken: string;
}

async function secretsOf(db: Engine): Promise<Secrets> {
  return {
    topAdmin: await secretOf(db, `CreateKey({ role: "admin" })`),
    topServer: await secretOf(db, `CreateKey({ role: "server" })`),
    keptInSub: await secretOf(db, `CreateKey({ role: "admin" })`, { secret: "secret:sub:admin" }),
    keptInTop: await secretOf(db, `CreateKey({ role: "admin", database: Database("sub") })`),
    subToken: await secretOf(db, `Login(Ref(Collection("users"), "1"), { password: "pw" })`, { secret: "secret:sub:admin" }),
  };
}

const SUB_ADMINS: readonly [string, (secrets: Secrets) => string][] = [
  ["an admin key made in the child", (s) => s.keptInSub],
  ["an admin key made for the child by its parent", (s) => s.keptInTop],
  ["the parent's admin key scoped to the child (key:sub:admin)", (s) => `${s.topAdmin}:sub:admin`],
];

const invalidRef = (position: string, name: string): Outcome => ({ status: 400, errors: [{ position: [position], code: "invalid ref", description: `Ref refers to undefined database '${name}'` }] });

/** What a child's admin tries, and what it gets: the same for every way of being the child's admin. */
const ATTEMPTS: readonly [string, string, Outcome | ((secrets: Secrets) => Outcome)][] = [
  ["its own database", `Call(Function("where"))`, { value: "sub" }],
  ["a database below it", `Call(Function("where", Database("grand")))`, { value: "grand" }],
  ["a sibling database", `Get(Database("sibling"))`, invalidRef("get", "sibling")],
  ["a sibling's document", `Get(Ref(Collection("posts", Database("sibling")), "1"))`, invalidRef("get", "sibling")],
  ["a sibling by Ref(Databases(), …)", `Get(Ref(Databases(), "sibling"))`, invalidRef("get", "sibling")],
  ["a sibling's function", `Call(Function("where", Database("sibling")))`, invalidRef("call", "sibling")],
  ["a sibling's user, to log in", `Login(Ref(Collection("users", Database("sibling")), "1"), { password: "pw" })`, invalidRef("login", "sibling")],
  ["the parent as Database(\"..\")", `Get(Ref(Collection("posts", Database("..")), "1"))`, invalidRef("get", "..")],
  ["the parent as Database(\"\")", `Get(Ref(Collection("posts", Database("")), "1"))`, invalidRef("get", "")],
  ["itself by its own name, as if from its parent", `Get(Ref(Collection("posts", Database("sub")), "1"))`, invalidRef("get", "sub")],
  ["deleting itself", `Delete(Database("sub"))`, { status: 404, errors: [{ position: [], code: "instance not found", description: "Database not found." }] }],
  ["moving a database of its own up", `MoveDatabase(Database("grand"), Database(".."))`, invalidRef("to", "..")],
  ["moving a database of its own to a sibling", `MoveDatabase(Database("grand"), Database("sibling"))`, invalidRef("to", "sibling")],
  [
    "a key for a sibling",
    `CreateKey({ role: "admin", database: Database("sibling") })`,
    { status: 400, errors: [{ position: ["create_key"], code: "validation failed", description: "document data is not valid.", failures: [{ field: ["database"], code: "invalid reference", description: "Cannot read reference." }] }] },
  ],
  ["the databases it sees", `Map(Paginate(Databases()), Lambda("d", Select("id", Var("d"))))`, { value: expect.objectContaining({ data: ["grand"] }) }],
  ["the keys it sees: its own database's only", `Count(Keys())`, { value: 1n }],
  ["a parent's key, by its secret", `KeyFromSecret("TOP_ADMIN")`, (s) => ({ status: 400, errors: [{ position: [], code: "instance not found", description: `No key found for secret ${s.topAdmin}.` }] })],
];

/** Scopes taken from the child's admin keys: only paths downwards lead anywhere. */
const SCOPES: readonly [string, Outcome][] = [
  [":grand:admin", { value: "grand" }],
  [":grand:server", { value: "grand" }],
  // A suffix that is no scope at all leaves the secret as it is (Fauna's grammar).
  ["::admin", { value: "sub" }],
  [":..:admin", UNAUTHORIZED],
  [":../sibling:admin", UNAUTHORIZED],
  [":/sibling:admin", UNAUTHORIZED],
  [":sibling:admin", UNAUTHORIZED],
  [":sub:admin", UNAUTHORIZED],
  [":grand/..:admin", UNAUTHORIZED],
  [":./grand:admin", UNAUTHORIZED],
  [":grand//x:admin", UNAUTHORIZED],
  [":grand/:admin", UNAUTHORIZED],
  [":%2e%2e:admin", UNAUTHORIZED],
  [":@role/nobody", UNAUTHORIZED],
];

describe("secrets of a child database", () => {
  let db: Engine;
  let secrets: Secrets;
  beforeAll(async () => {
    db = await openEngine({ clock: testClock() });
    await databaseTree(db);
    secrets = await secretsOf(db);
  });
  afterAll(async () => {
    await db.close();
  });

  describe.each(SUB_ADMINS)("%s", (_kind, secretFor) => {
    test.each(ATTEMPTS)("%s", async (_what, query, expected) => {
      const result = await outcome(db, query.replace("TOP_ADMIN", secrets.topAdmin), secretFor(secrets));
      expect(result).toEqual(typeof expected === "function" ? expected(secrets) : expected);
    });
  });

  describe.each(SUB_ADMINS.slice(0, 2))("%s, scoped", (_kind, secretFor) => {
    test.each(SCOPES)("%s", async (scope, expected) => {
      expect(await outcome(db, `Call(Function("where"))`, `${secretFor(secrets)}${scope}`)).toEqual(expected);
    });
  });

  test("a scoped secret is the secret's own database's document, never the parent's", async () => {
    // users/1 of `sub`, with no role: it may not call `where`; the parent's users/1 is not who it is.
    expect(await outcome(db, `CurrentIdentity()`, `${secrets.keptInSub}:@doc/users/1`)).toEqual({ value: new Ref("1", Ref.schema("collections", "users")) });
    expect(await outcome(db, `Call(Function("where"))`, `${secrets.keptInSub}:@doc/users/1`)).toEqual(denied([]));
  });

  test("a server key may not scope itself into a child; a token's scope is ignored, it stays where it was made", async () => {
    expect(await outcome(db, `Call(Function("where"))`, `${secrets.topServer}:sub:admin`)).toEqual(UNAUTHORIZED);
    expect(await outcome(db, `Call(Function("where"))`, `${secrets.topServer}:sub:server`)).toEqual(UNAUTHORIZED);
    expect(await outcome(db, `[HasCurrentIdentity(), Exists(Database("grand"))]`, `${secrets.subToken}:..:admin`)).toEqual({ value: [true, false] });
  });
});
