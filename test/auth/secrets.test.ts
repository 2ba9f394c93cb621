import { decodeSecret, newKeySecret, newTokenSecret, secretMatches } from "../../src/auth/secrets";
import { parseScopedSecret } from "../../src/auth/scoped-secret";

describe("key and token secrets", () => {
  test("keys: fnA…, 40 characters, the key id inside; only the random part is hashed", () => {
    const { secret, hashedSecret } = newKeySecret(302044099688530432n);
    expect(secret).toMatch(/^fnA[A-Za-z0-9_-]{37}$/);
    expect(hashedSecret).toMatch(/^\$2a\$05\$.{53}$/);
    const decoded = decodeSecret(secret)!;
    expect(decoded).toMatchObject({ kind: "key", id: 302044099688530432n });
    expect(decoded.secretPart).toHaveLength(27);
    expect(secretMatches(secret, decoded, hashedSecret)).toBe(true);
    expect(secretMatches(secret, decoded, newKeySecret(1n).hashedSecret)).toBe(false);
  });

  test("tokens: fnE…, 51 characters, with the token id and the database's global id", () => {
    const { secret, hashedSecret } = newTokenSecret(302044099688530432n, 123456789n);
    expect(secret).toMatch(/^fnE[A-Za-z0-9_-]{48}$/);
    const decoded = decodeSecret(secret)!;
    expect(decoded).toMatchObject({ kind: "token", id: 302044099688530432n, globalId: 123456789n });
    expect(secretMatches(secret, decoded, hashedSecret)).toBe(true);
  });

  test("anything else is no secret", () => {
    for (const text of ["", "secret", "fnA", "fnAE" + "x".repeat(36) + "+", Buffer.from([0x7e, 0x72, ...new Array(28).fill(1)]).toString("base64url")]) {
      expect(decodeSecret(text)).toBeUndefined();
    }
    // A secret whose hash is not bcrypt's matches nothing.
    const { secret } = newKeySecret(1n);
    expect(secretMatches(secret, decodeSecret(secret)!, "plain text")).toBe(false);
  });
});

describe("scoped secrets", () => {
  test.each([
    ["s", { secret: "s" }],
    ["s:admin", { secret: "s", scope: { database: [], target: { builtin: "admin" } } }],
    ["s:server-readonly", { secret: "s", scope: { database: [], target: { builtin: "server-readonly" } } }],
    ["s:child_db:server", { secret: "s", scope: { database: ["child_db"], target: { builtin: "server" } } }],
    ["s:a/b.c:client", { secret: "s", scope: { database: ["a", "b.c"], target: { builtin: "client" } } }],
    ["s:@role/reader", { secret: "s", scope: { database: [], target: { role: "reader" } } }],
    ["s:db:@role/reader", { secret: "s", scope: { database: ["db"], target: { role: "reader" } } }],
    ["s:@doc/users/1", { secret: "s", scope: { database: [], target: { document: { collection: "users", id: "1" } } } }],
    ["s:collections/users/1", { secret: "s", scope: { database: [], target: { document: { collection: "users", id: "1" } } } }],
    ["s:classes/users/1", { secret: "s", scope: { database: [], target: { document: { collection: "users", id: "1" } } } }],
    // A suffix that is no scope at all leaves the secret unscoped, as Fauna's grammar did ...
    ["s:whatever", { secret: "s" }],
    ["s:db:whatever", { secret: "s" }],
  ])("%s", (text, expected) => {
    expect(parseScopedSecret(text)).toEqual(expected);
  });

  test.each(["s:adminx", "s:db:serverx", "s:server/", ":admin", "s/x:admin", "s(:admin"])("%s is refused", (text) => {
    // ... while one that starts like a scope must be exactly one.
    expect(parseScopedSecret(text)).toBe("refused");
  });
});
