/**
 * A secret that no longer works is refused on the very next query: a token
 * logged out, deleted, expired, remade or left without its identity or its
 * database; a key deleted, expired, or left without the database it was for
 * (https://docs.fauna.com/fauna/v4/security/tokens, https://docs.fauna.com/fauna/v4/security/keys:
 * a secret works while its key or token exists and has not expired). Rights taken away (a role
 * lowered, deleted, narrowed) are gone on the next query too.
 *
 * Secrets are remembered once checked (bcrypt is slow on purpose), per
 * process and per worker thread; the server tests check that nothing
 * remembered outlives a revocation, whichever thread or process made it.
 */
import type { Engine } from "../../src/engine";
import type { TestClock } from "../helpers";
import { secretOf, withDb } from "../helpers";
import { denied, outcome, UNAUTHORIZED, type Outcome } from "./world";

const HOUR = 3_600_000;
const ALICE = `Ref(Collection("users"), "1")`;

async function setup(db: Engine): Promise<void> {
  await db.query(`Do(CreateCollection({ name: "users" }), CreateCollection({ name: "posts" }), CreateDatabase({ name: "sub" }))`);
  await db.query(`Create(${ALICE}, { credentials: { password: "pw" }, data: { active: true } })`);
  await db.query(`Create(Ref(Collection("posts"), "1"), { data: { title: "hello" } })`);
  await db.query(`CreateRole({ name: "reader", membership: [{ resource: Collection("users"), predicate: Query(Lambda("u", Select(["data", "active"], Get(Var("u"))))) }], privileges: [{ resource: Collection("posts"), actions: { read: true } }] })`);
}

const login = (db: Engine, secret = "secret") => secretOf(db, `Login(${ALICE}, { password: "pw" })`, { secret });
const key = (db: Engine, params = `role: "server"`, secret = "secret") => secretOf(db, `CreateKey({ ${params} })`, { secret });
/** The ref of the key or token a secret belongs to. */
const refOf = (secret: string) => `Select("ref", KeyFromSecret("${secret}"))`;

interface Revocation {
  readonly name: string;
  readonly make: (db: Engine) => Promise<string>;
  readonly revoke: (db: Engine, secret: string, clock: TestClock) => Promise<unknown>;
  /** What the secret is asked before and after (default: Add(1, 1), answered 2 and then refused). */
  readonly probe?: string;
  readonly before?: Outcome;
  readonly after?: Outcome;
}

const REVOCATIONS: readonly Revocation[] = [
  { name: "a token after Logout(false)", make: login, revoke: (db, secret) => db.query(`Logout(false)`, { secret }) },
  { name: "a token after its identity's Logout(true) with another token", make: login, revoke: async (db) => db.query(`Logout(true)`, { secret: await login(db) }) },
  { name: "a token whose document was deleted", make: login, revoke: (db, secret) => db.query(`Delete(${refOf(secret)})`) },
  { name: "a token whose identity was deleted", make: login, revoke: (db) => db.query(`Delete(${ALICE})`) },
  { name: "a token past its ttl", make: (db) => secretOf(db, `Login(${ALICE}, { password: "pw", ttl: TimeAdd(Now(), 1, "hour") })`), revoke: async (_db, _secret, clock) => clock.advance(HOUR + 1) },
  { name: "a token whose ttl was moved into the past", make: login, revoke: (db, secret) => db.query(`Update(${refOf(secret)}, { ttl: TimeSubtract(Now(), 1, "second") })`) },
  { name: "a token whose secret was remade by Replace", make: login, revoke: (db, secret) => db.query(`Replace(${refOf(secret)}, { instance: ${ALICE} })`) },
  {
    name: "a token of a child database that was deleted",
    make: async (db) => {
      await db.query(`Do(CreateCollection({ name: "users" }), Create(${ALICE}, { credentials: { password: "pw" } }))`, { secret: "secret:sub:admin" });
      return login(db, "secret:sub:admin");
    },
    revoke: (db) => db.query(`Delete(Database("sub"))`),
  },
  { name: "a key that was deleted", make: (db) => key(db), revoke: (db, secret) => db.query(`Delete(${refOf(secret)})`) },
  { name: "a key past its ttl", make: (db) => key(db, `role: "server", ttl: TimeAdd(Now(), 1, "hour")`), revoke: async (_db, _secret, clock) => clock.advance(HOUR + 1) },
  { name: "a key whose ttl was moved into the past", make: (db) => key(db), revoke: (db, secret) => db.query(`Update(${refOf(secret)}, { ttl: TimeSubtract(Now(), 1, "second") })`) },
  { name: "a key for a child database that was deleted", make: (db) => key(db, `role: "admin", database: Database("sub")`), revoke: (db) => db.query(`Delete(Database("sub"))`) },
  // A database of the same name is another database: the key was for the one that is gone.
  { name: "a key for a child database deleted and made again", make: (db) => key(db, `role: "admin", database: Database("sub")`), revoke: (db) => db.query(`Do(Delete(Database("sub")), CreateDatabase({ name: "sub" }))`) },
  {
    name: "a key for a child database renamed, its name given to another",
    make: (db) => key(db, `role: "admin", database: Database("sub")`),
    revoke: async (db) => {
      await db.query(`Update(Database("sub"), { name: "renamed" })`);
      await db.query(`CreateDatabase({ name: "sub" })`);
    },
  },
  { name: "a key made in a child database that was deleted", make: (db) => key(db, `role: "admin"`, "secret:sub:admin"), revoke: (db) => db.query(`Delete(Database("sub"))`) },
  { name: "a scoped secret whose key was deleted", make: async (db) => `${await key(db, `role: "admin"`)}:sub:admin`, revoke: (db, secret) => db.query(`Delete(${refOf(secret.split(":")[0]!)})`) },
  { name: "a scoped secret whose database was deleted", make: async () => "secret:sub:admin", revoke: (db) => db.query(`Delete(Database("sub"))`) },
  // Rights taken away: the secret still works, with what is left.
  { name: "a key lowered to client", make: (db) => key(db, `role: "admin"`), revoke: (db, secret) => db.query(`Update(${refOf(secret)}, { role: "client" })`), probe: `Count(Keys())`, before: { value: 1n }, after: denied(["count"]) },
  { name: "a member whose role was deleted", make: login, revoke: (db) => db.query(`Delete(Role("reader"))`), probe: `Select(["data", "title"], Get(Ref(Collection("posts"), "1")))`, before: { value: "hello" }, after: denied(["from"]) },
  {
    name: "a member whose role lost the privilege",
    make: login,
    revoke: (db) => db.query(`Update(Role("reader"), { privileges: [] })`),
    probe: `Select(["data", "title"], Get(Ref(Collection("posts"), "1")))`,
    before: { value: "hello" },
    after: denied(["from"]),
  },
  {
    name: "a member no longer matching the role's membership predicate",
    make: login,
    revoke: (db) => db.query(`Update(${ALICE}, { data: { active: false } })`),
    probe: `Select(["data", "title"], Get(Ref(Collection("posts"), "1")))`,
    before: { value: "hello" },
    after: denied(["from"]),
  },
];

describe("revoked in this engine: refused on the very next query", () => {
  test.each(REVOCATIONS)("$name", async ({ make, revoke, probe = `Add(1, 1)`, before = { value: 2n }, after = UNAUTHORIZED }) => {
    await withDb(async (db, clock) => {
      await setup(db);
      const secret = await make(db);
      // Asked twice first: the second time it is answered from what was remembered of it.
      expect([await outcome(db, probe, secret), await outcome(db, probe, secret)]).toEqual([before, before]);
      await revoke(db, secret, clock);
      expect(await outcome(db, probe, secret)).toEqual(after);
    });
  });
});
