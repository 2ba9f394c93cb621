/**
 * No credential raises its own rights: keys, their documents and their
 * hashes are the admin's alone, and a token is the identity's to read and
 * delete, never to rewrite (https://docs.fauna.com/fauna/v4/security/roles,
 * https://docs.fauna.com/fauna/v4/security/tokens). What a server key may do
 * that looks like more — make tokens, give a function the admin role — is
 * what Fauna's server role allowed: its documentation says a server key may
 * give a function any role, admin included (https://docs.fauna.com/fauna/v4/security/roles).
 */
import { decodeSecret } from "../../src/auth/secrets";
import type { Value } from "../../src/language/values";
import { denied, openWorld, outcome, type Outcome, type Secrets, type World } from "./world";

type Kind = "server" | "server-readonly" | "client" | "key with a role" | "token" | "member's token";

const CREDENTIALS: readonly [Kind, (secrets: Secrets) => string][] = [
  ["server", (s) => s.keys.server],
  ["server-readonly", (s) => s.keys["server-readonly"]],
  ["client", (s) => s.keys.client],
  ["key with a role", (s) => s.keys.editor],
  ["token", (s) => s.userToken],
  ["member's token", (s) => s.editorToken],
];

/** An attempt, what it gives to those it is allowed for, and the refusal everyone else gets. */
interface Attempt {
  readonly name: string;
  readonly query: string;
  readonly allowedFor: readonly Kind[];
  readonly shown: (value: Value) => unknown;
  readonly result: unknown;
  readonly refused: Outcome;
}

const field = (value: Value, name: string) => (value as Map<string, Value>).get(name);

const ATTEMPTS: readonly Attempt[] = [
  { name: "raise its own key's role", query: `Update(CurrentToken(), { role: "admin" })`, allowedFor: [], shown: () => undefined, result: undefined, refused: denied([]) },
  { name: "extend its own ttl", query: `Update(CurrentToken(), { ttl: TimeAdd(Now(), 100, "days") })`, allowedFor: [], shown: () => undefined, result: undefined, refused: denied([]) },
  { name: "point its own token at another identity", query: `Update(CurrentToken(), { instance: Ref(Collection("editors"), "1") })`, allowedFor: [], shown: () => undefined, result: undefined, refused: denied([]) },
  { name: "make a key", query: `CreateKey({ role: "admin" })`, allowedFor: [], shown: () => undefined, result: undefined, refused: denied(["create_key"]) },
  { name: "read the admin key's document", query: `Get(Ref(Keys(), "ADMIN_KEY_ID"))`, allowedFor: [], shown: () => undefined, result: undefined, refused: denied([]) },
  // An index over keys is readable by a server key, but what it may not read is left out of it.
  { name: "read keys' hashes through an index", query: `Paginate(Match(Index("key_hashes")))`, allowedFor: ["server", "server-readonly"], shown: (value) => (value as unknown as { data: Value[] }).data, result: [], refused: denied(["paginate"]) },
  {
    name: "make a token for another identity",
    query: `Create(Tokens(), { instance: Ref(Collection("editors"), "1") })`,
    allowedFor: ["server"],
    shown: (value) => typeof field(value, "secret"),
    result: "string",
    refused: denied(["create"]),
  },
  { name: "give a function the admin role", query: `Update(Function("double"), { role: "admin" })`, allowedFor: ["server"], shown: (value) => field(value, "role"), result: "admin", refused: denied([]) },
];

describe.each(CREDENTIALS)("a %s", (kind, secretOf) => {
  let world: World;
  beforeAll(async () => {
    world = await openWorld();
    await world.db.query(`CreateIndex({ name: "key_hashes", source: Keys(), values: [{ field: ["hashed_secret"] }] })`);
  });
  afterAll(async () => {
    await world.db.close();
  });

  test.each(ATTEMPTS)("may not $name", async (attempt) => {
    const adminKeyId = String(decodeSecret(world.secrets.top.keys.admin)!.id);
    const result = await outcome(world.db, attempt.query.replace("ADMIN_KEY_ID", adminKeyId), secretOf(world.secrets.top));
    const expected = attempt.allowedFor.includes(kind) ? { shown: attempt.result } : attempt.refused;
    expect("value" in result ? { shown: attempt.shown(result.value) } : result).toEqual(expected);
  });
});
