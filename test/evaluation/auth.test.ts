import bcrypt from "bcryptjs";
import type { Engine } from "../../src/engine";
import { Ref } from "../../src/language/values";
import { errorJson, failure, printed, secretOf, value, wire, withDb } from "../helpers";

const ALICE = `Ref(Collection("users"), "1")`;
const AUTH_FAILED = { position: [], code: "authentication failed", description: "The document was not found or provided password was incorrect." };

async function setup(db: Engine): Promise<void> {
  await db.query(`CreateCollection({ name: "users" })`);
  await db.query(`CreateIndex({ name: "users_by_email", source: Collection("users"), terms: [{ field: ["data", "email"] }] })`);
  await db.query(`Create(${ALICE}, { credentials: { password: "pw" }, data: { email: "alice@site.example.com" } })`);
  await db.query(`Create(Ref(Collection("users"), "2"), { data: { email: "bob@site.example.com" } })`);
}

describe("credentials", () => {
  // https://docs.fauna.com/fauna/v4/api/fql/functions/identify
  test("a password given with a document goes to its credentials, hashed; it is never stored or shown", async () => {
    await withDb(async (db) => {
      await setup(db);
      expect([...((await value(db, `Get(${ALICE})`)) as Map<string, unknown>).keys()]).toEqual(["ref", "ts", "data"]);
      const [credentials] = (await value(db, `Select("data", Map(Paginate(Credentials()), Lambda("c", Get(Var("c")))))`)) as Map<string, unknown>[];
      expect([...credentials!.keys()]).toEqual(["ref", "ts", "hashed_password", "instance"]);
      expect(credentials!.get("hashed_password")).toMatch(/^\$2a\$05\$/);
      expect(credentials!.get("instance")).toEqual(new Ref("1", Ref.schema("collections", "users")));
      // A new password replaces the old one in the same credentials document.
      expect(await printed(db, `Update(${ALICE}, { credentials: { password: "new" } })`)).not.toContain("credentials");
      expect(await value(db, `[Identify(${ALICE}, "pw"), Identify(${ALICE}, "new"), Count(Credentials())]`)).toEqual([false, true, 1n]);
    });
  });

  // https://docs.fauna.com/fauna/v4/api/fql/functions/createkey
  test("a password must be a string; a hash is taken only from a server key (a migration from Fauna)", async () => {
    await withDb(async (db) => {
      await setup(db);
      expect(errorJson(await failure(db, `Update(${ALICE}, { credentials: { password: 5 } })`))).toEqual([
        { position: [], code: "validation failed", description: "document data is not valid.", failures: [{ field: ["credentials", "password"], code: "invalid type", description: "Invalid type Long, expected type String." }] },
      ]);
      const hash = bcrypt.hashSync("migrated", 5);
      await db.query(`Update(${ALICE}, { credentials: { hashed_password: "${hash}" } })`);
      expect(await value(db, `Identify(${ALICE}, "migrated")`)).toBe(false);
      const server = await secretOf(db, `CreateKey({ role: "server" })`);
      await db.query(`Update(${ALICE}, { credentials: { hashed_password: "${hash}" } })`, { secret: server });
      expect(await value(db, `Identify(${ALICE}, "migrated")`)).toBe(true);
    });
  });
});

describe("changing a password", () => {
  // https://docs.fauna.com/fauna/v4/security/credentials: without server rights (admin keys and the root secret included),
  // a new password for a credentials document that has one needs `current_password` to be that one. Fauna compared it with
  // the hash in the fields being written, so a document's own `credentials` (which it never keeps) asked for none.
  const INVALID_CURRENT_PASSWORD = {
    position: [],
    code: "validation failed",
    description: "document data is not valid.",
    failures: [{ field: ["current_password"], code: "invalid password", description: "Invalid password at `current_password`." }],
  };
  const logsIn = async (db: Engine, password: string) => (await value(db, `Identify(${ALICE}, "${password}")`)) as boolean;

  /** Alice's credentials document. */
  async function aliceCredentials(db: Engine): Promise<string> {
    const ref = (await value(db, `Select(["data", 0], Paginate(Credentials()))`)) as Ref;
    return `Ref(Credentials(), "${ref.id}")`;
  }

  test("a credentials document updated directly: the right current password, a wrong one, none", async () => {
    await withDb(async (db) => {
      await setup(db);
      const credentials = await aliceCredentials(db);
      for (const current of [`, current_password: "wrong"`, ``, `, current_password: null`]) {
        expect(errorJson(await failure(db, `Update(${credentials}, { password: "new"${current} })`))).toEqual([INVALID_CURRENT_PASSWORD]);
      }
      expect([await logsIn(db, "pw"), await logsIn(db, "new")]).toEqual([true, false]);
      const updated = (await value(db, `Update(${credentials}, { password: "new", current_password: "pw" })`)) as Map<string, unknown>;
      expect([...updated.keys()]).toEqual(["ref", "ts", "hashed_password", "instance"]);
      expect(await secretOf(db, `Login(${ALICE}, { password: "new" })`)).toMatch(/^fnE/);
      expect(errorJson(await failure(db, `Login(${ALICE}, { password: "pw" })`))).toEqual([AUTH_FAILED]);
      // No new password, nothing to check; a hash given without server rights is ignored, even a null one.
      await db.query(`Update(${credentials}, { current_password: "wrong", hashed_password: null })`);
      expect(await logsIn(db, "new")).toBe(true);
    });
  });

  test("no current password is asked of a server key, for a first password, or by Replace", async () => {
    await withDb(async (db) => {
      await setup(db);
      const credentials = await aliceCredentials(db);
      const server = await secretOf(db, `CreateKey({ role: "server" })`);
      await db.query(`Update(${credentials}, { password: "by server" })`, { secret: server });
      expect(await logsIn(db, "by server")).toBe(true);
      // Fauna's validator saw no previous fields on Replace.
      await db.query(`Replace(${credentials}, { instance: ${ALICE}, password: "replaced" })`);
      expect(await logsIn(db, "replaced")).toBe(true);
      const bob = `Ref(Collection("users"), "2")`;
      const bobCredentials = (await value(db, `Select("ref", Create(Credentials(), { instance: ${bob} }))`)) as Ref;
      await db.query(`Update(Ref(Credentials(), "${bobCredentials.id}"), { password: "first" })`);
      expect(await value(db, `Identify(${bob}, "first")`)).toBe(true);
    });
  });

  test("a document's own credentials: no current password is asked, whatever is given, and it is never stored", async () => {
    await withDb(async (db) => {
      await setup(db);
      const client = await secretOf(db, `CreateKey({ role: "client" })`);
      await db.query(`Update(Collection("users"), { permissions: { write: "public" } })`);
      await db.query(`Update(${ALICE}, { credentials: { password: "by client", current_password: "wrong" } })`, { secret: client });
      expect(await logsIn(db, "by client")).toBe(true);
      await db.query(`Update(${ALICE}, { credentials: { password: "by admin" } })`);
      expect(await logsIn(db, "by admin")).toBe(true);
      expect(await printed(db, `[Get(${ALICE}), Get(${await aliceCredentials(db)})]`)).not.toContain("current_password");
      // It must still be a string.
      expect(errorJson(await failure(db, `Update(${ALICE}, { credentials: { password: "x", current_password: 1 } })`))).toEqual([
        { position: [], code: "validation failed", description: "document data is not valid.", failures: [{ field: ["credentials", "current_password"], code: "invalid type", description: "Invalid type Long, expected type String." }] },
      ]);
      // Both fields a validator reads are reported when `credentials` is no object: the server's reads `hashed_password` instead.
      const server = await secretOf(db, `CreateKey({ role: "server" })`);
      for (const [options, other] of [[{}, "current_password"], [{ secret: server }, "hashed_password"]] as const) {
        const failures = (await failure(db, `Update(${ALICE}, { credentials: "x" })`, options)).errors[0]!.failures;
        expect(failures).toEqual(["password", other].map((name) => ({ field: ["credentials", name], code: "invalid type", description: "Invalid type String, expected type Map." })));
      }
      expect(await logsIn(db, "by admin")).toBe(true);
    });
  });

  test("a token of the identity, with a role that lets it write its own document and credentials", async () => {
    await withDb(async (db) => {
      await setup(db);
      const own = `Query(Lambda(["before", "after", "ref"], Equals(Var("ref"), CurrentIdentity())))`;
      const ownCredentials = `Query(Lambda(["before", "after"], Equals(Select("instance", Var("before")), CurrentIdentity())))`;
      await db.query(`CreateRole({
        name: "self_service",
        membership: [{ resource: Collection("users") }],
        privileges: [{ resource: Collection("users"), actions: { write: ${own} } }, { resource: Credentials(), actions: { read: true, write: ${ownCredentials} } }]
      })`);
      const token = { secret: await secretOf(db, `Login(${ALICE}, { password: "pw" })`) };
      await db.query(`Update(CurrentIdentity(), { credentials: { password: "second" } })`, token);
      await db.query(`Update(CurrentIdentity(), { credentials: { password: "third", current_password: "second" } })`, token);
      expect(await logsIn(db, "third")).toBe(true);
      const credentials = await aliceCredentials(db);
      expect(errorJson(await failure(db, `Update(${credentials}, { password: "fourth" })`, token))).toEqual([INVALID_CURRENT_PASSWORD]);
      expect(await logsIn(db, "third")).toBe(true);
      await db.query(`Update(${credentials}, { password: "fourth", current_password: "third" })`, token);
      expect([await logsIn(db, "third"), await logsIn(db, "fourth")]).toEqual([false, true]);
    });
  });
});

describe("Login", () => {
  // https://docs.fauna.com/fauna/v4/api/fql/functions/login
  test("by ref or by set: a token of the identity, fields in Fauna's order, its secret shown once", async () => {
    await withDb(async (db) => {
      await setup(db);
      const token = (await value(db, `Login(${ALICE}, { password: "pw", ttl: TimeAdd(Now(), 1, "day"), data: { device: "phone" } })`)) as Map<string, unknown>;
      expect([...token.keys()]).toEqual(["ref", "ts", "ttl", "data", "instance", "secret"]);
      expect(token.get("secret")).toMatch(/^fnE[A-Za-z0-9_-]{48}$/);
      const stored = (await value(db, `Get(Ref(Tokens(), "${(token.get("ref") as Ref).id}"))`)) as Map<string, unknown>;
      expect([...stored.keys()]).toEqual(["ref", "ts", "ttl", "data", "instance", "hashed_secret"]);
      expect(await wire(db, `Select("instance", Login(Match(Index("users_by_email"), "alice@site.example.com"), { password: "pw" }))`)).toBe(
        `{"@ref":{"id":"1","collection":{"@ref":{"id":"users","collection":{"@ref":{"id":"collections"}}}}}}`,
      );
      expect(await value(db, `Count(Tokens())`)).toBe(2n);
    });
  });

  test("a wrong password, no password, no credentials, no document, an empty set: the same error", async () => {
    await withDb(async (db) => {
      await setup(db);
      for (const query of [
        `Login(${ALICE}, { password: "wrong" })`,
        `Login(${ALICE}, {})`,
        `Login(Ref(Collection("users"), "2"), { password: "pw" })`,
        `Login(Ref(Collection("users"), "9"), { password: "pw" })`,
        `Login(Match(Index("users_by_email"), "nobody@site.example.com"), { password: "pw" })`,
      ]) {
        expect(errorJson(await failure(db, query))).toEqual([AUTH_FAILED]);
      }
      expect(await value(db, `Count(Tokens())`)).toBe(0n);
    });
  });

  test("argument errors", async () => {
    await withDb(async (db) => {
      await setup(db);
      expect(errorJson(await failure(db, `Login("alice", { password: "pw" })`))).toEqual([{ position: ["login"], code: "invalid argument", description: "Ref or Set expected, String provided." }]);
      expect(errorJson(await failure(db, `Login(${ALICE}, "pw")`))).toEqual([{ position: ["params"], code: "invalid argument", description: "Object expected, String provided." }]);
      expect(errorJson(await failure(db, `Login(${ALICE}, { password: 1 })`))).toEqual([
        { position: [], code: "validation failed", description: "document data is not valid.", failures: [{ field: ["password"], code: "invalid type", description: "Invalid type Long, expected type String." }] },
      ]);
    });
  });

  test("a client key may log in by ref (the token is written with server rights), not by a set it cannot read", async () => {
    await withDb(async (db) => {
      await setup(db);
      const client = await secretOf(db, `CreateKey({ role: "client" })`);
      expect(await secretOf(db, `Login(${ALICE}, { password: "pw" })`, { secret: client })).toMatch(/^fnE/);
      expect(errorJson(await failure(db, `Login(Match(Index("users_by_email"), "alice@site.example.com"), { password: "pw" })`, { secret: client }))).toEqual([
        { position: ["login"], code: "permission denied", description: "Insufficient privileges to perform the action." },
      ]);
    });
  });
});

describe("Identify", () => {
  test("true for the right password, false otherwise, never an error about the identity", async () => {
    await withDb(async (db) => {
      await setup(db);
      expect(await value(db, `[Identify(${ALICE}, "pw"), Identify(${ALICE}, "no"), Identify(Ref(Collection("users"), "9"), "pw"), Identify(Match(Index("users_by_email"), "alice@site.example.com"), "pw")]`)).toEqual([
        true,
        false,
        false,
        true,
      ]);
      expect(errorJson(await failure(db, `Identify(${ALICE}, 1)`))).toEqual([{ position: ["password"], code: "invalid argument", description: "String expected, Integer provided." }]);
    });
  });
});

describe("Logout, CurrentIdentity, CurrentToken", () => {
  // https://docs.fauna.com/fauna/v4/api/fql/functions/logout
  test("Logout(false) ends the token it runs with; Logout(true) every token of its identity", async () => {
    await withDb(async (db) => {
      await setup(db);
      const login = () => secretOf(db, `Login(${ALICE}, { password: "pw" })`);
      const [first, second, third] = [await login(), await login(), await login()];
      expect(await value(db, `Logout(false)`, { secret: first })).toBe(true);
      expect((await failure(db, "1", { secret: first })).code).toBe("unauthorized");
      expect(await value(db, "1", { secret: third })).toBe(1n);
      expect(await value(db, `Logout(true)`, { secret: second })).toBe(true);
      for (const secret of [second, third]) expect((await failure(db, "1", { secret })).code).toBe("unauthorized");
      expect(await value(db, `Count(Tokens())`)).toBe(0n);
      // With a key or the root secret there is no token to end.
      expect(await value(db, `[Logout(false), Logout(true)]`)).toEqual([false, false]);
      expect(errorJson(await failure(db, `Logout("all")`))).toEqual([{ position: ["logout"], code: "invalid argument", description: "Boolean expected, String provided." }]);
    });
  });

  // https://docs.fauna.com/fauna/v4/api/fql/functions/currentidentity
  // https://docs.fauna.com/fauna/v4/api/fql/functions/hascurrentidentity
  // https://docs.fauna.com/fauna/v4/api/fql/functions/currenttoken
  // https://docs.fauna.com/fauna/v4/api/fql/functions/hascurrenttoken
  test("what a token, a key and the root secret report about themselves", async () => {
    await withDb(async (db) => {
      await setup(db);
      const token = (await value(db, `Login(${ALICE}, { password: "pw" })`)) as Map<string, unknown>;
      const key = (await value(db, `CreateKey({ role: "server" })`)) as Map<string, unknown>;
      const asToken = { secret: token.get("secret") as string };
      const asKey = { secret: key.get("secret") as string };
      expect(await value(db, `[CurrentIdentity(), HasCurrentIdentity(), CurrentToken(), HasCurrentToken(), Identity(), HasIdentity()]`, asToken)).toEqual([
        new Ref("1", Ref.schema("collections", "users")),
        true,
        token.get("ref"),
        true,
        new Ref("1", Ref.schema("collections", "users")),
        true,
      ]);
      expect(await value(db, `[HasCurrentIdentity(), CurrentToken(), HasCurrentToken()]`, asKey)).toEqual([false, key.get("ref"), true]);
      expect(errorJson(await failure(db, `CurrentIdentity()`, asKey))).toEqual([{ position: [], code: "missing identity", description: "Authentication does not contain an identity" }]);
      expect(errorJson(await failure(db, `CurrentToken()`))).toEqual([{ position: [], code: "invalid token", description: "Token metadata is not accessible." }]);
      expect(await value(db, `[HasCurrentIdentity(), HasCurrentToken()]`)).toEqual([false, false]);
    });
  });
});

describe("KeyFromSecret", () => {
  // https://docs.fauna.com/fauna/v4/api/fql/functions/keyfromsecret
  test("the key or token a secret belongs to; anything else is not found", async () => {
    await withDb(async (db) => {
      await setup(db);
      const key = (await value(db, `CreateKey({ role: "server", data: { name: "ci" } })`)) as Map<string, unknown>;
      const token = (await value(db, `Login(${ALICE}, { password: "pw" })`)) as Map<string, unknown>;
      expect(await value(db, `Equals(KeyFromSecret("${key.get("secret")}"), Get(Ref(Keys(), "${(key.get("ref") as Ref).id}")))`)).toBe(true);
      expect(await value(db, `Select("instance", KeyFromSecret("${token.get("secret")}"))`)).toEqual(new Ref("1", Ref.schema("collections", "users")));
      for (const secret of ["secret", `${key.get("secret")}:admin`, "fnAEXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"]) {
        expect(errorJson(await failure(db, `KeyFromSecret("${secret}")`))).toEqual([{ position: [], code: "instance not found", description: `No key found for secret ${secret}.` }]);
      }
      // A server key may not read keys: to it, a key's secret finds nothing.
      expect((await failure(db, `KeyFromSecret("${key.get("secret")}")`, { secret: key.get("secret") as string })).code).toBe("instance not found");
    });
  });
});

describe("CreateKey", () => {
  test("the key, its secret shown once before its hash; Get shows the hash only", async () => {
    await withDb(async (db) => {
      await db.query(`CreateDatabase({ name: "prydain" })`);
      const key = (await value(db, `CreateKey({ database: Database("prydain"), role: "server" })`)) as Map<string, unknown>;
      expect([...key.keys()]).toEqual(["ref", "ts", "database", "role", "secret", "hashed_secret"]);
      expect(key.get("secret")).toMatch(/^fnA[A-Za-z0-9_-]{37}$/);
      expect([...((await value(db, `Get(Ref(Keys(), "${(key.get("ref") as Ref).id}"))`)) as Map<string, unknown>).keys()]).toEqual(["ref", "ts", "database", "role", "hashed_secret"]);
      // Replace keeps the hash, first.
      expect([...((await value(db, `Replace(Ref(Keys(), "${(key.get("ref") as Ref).id}"), { role: "admin" })`)) as Map<string, unknown>).keys()]).toEqual(["ref", "ts", "hashed_secret", "role"]);
    });
  });

  test("a role is required and must exist; so must the database", async () => {
    await withDb(async (db) => {
      const failures = async (query: string) => ((await failure(db, query)).errors[0]!.failures ?? []).map(({ field, code, description }) => ({ field, code, description }));
      expect(await failures(`CreateKey({})`)).toEqual([{ field: ["role"], code: "value required", description: "Required value not found." }]);
      expect(await failures(`CreateKey({ role: "nobody" })`)).toEqual([{ field: ["role"], code: "validation failure", description: "Role name `nobody` does not exist." }]);
      expect(await failures(`CreateKey({ role: Role("nobody") })`)).toEqual([{ field: ["role"], code: "invalid reference", description: "Cannot read reference." }]);
      expect(await failures(`CreateKey({ role: "server", database: Database("nowhere") })`)).toEqual([{ field: ["database"], code: "invalid reference", description: "Cannot read reference." }]);
      expect(await failures(`CreateKey({ role: "server", database: "nowhere" })`)).toEqual([{ field: ["database"], code: "invalid type", description: "Invalid type String, expected type Database Ref." }]);
      expect(await failures(`CreateKey({ role: "server", priority: 501 })`)).toEqual([{ field: ["priority"], code: "invalid type", description: "Invalid type Long, expected type Priority." }]);
    });
  });
});
