/**
 * A secret is shown once, in the answer to the query that made it, and a
 * password never: Fauna keeps only bcrypt hashes of both
 * (https://docs.fauna.com/fauna/v4/security/keys,
 * https://docs.fauna.com/fauna/v4/api/fql/functions/credentials).
 *
 * Everything here goes through the HTTP endpoint, as an application would:
 * keys, tokens and passwords are made every way FQL makes them, then used,
 * refused, read back and followed; afterwards no secret or password may be
 * found in any later answer, in the server's log, in anything written to the
 * console, or in any file of the database directory, in any encoding.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { startServer, type RunningServer } from "../../src/server/server";
import { directoryPerTest } from "../helpers";
import { leaksIn, type Place, type Watched } from "./forms";
import { get, post, resourceOf, type HttpAnswer } from "./http";

const ROOT_SECRET = "root-secret-9f2c4e71";
/** Stored as plain data: the file search must find it, or it proves nothing. */
const PLAIN_MARKER = "plain-marker-5d1a";

const PASSWORDS = {
  created: "pw-created-0a1b",
  updated: "pw-updated-2c3d",
  replaced: "pw-replaced-4e5f",
  direct: "pw-direct-credentials-6a7b",
  directUpdated: "pw-direct-updated-8c9d",
  inserted: "pw-inserted-history-0e1f",
  child: "pw-child-database-2a3b",
  unicode: "pässwörd-ünïcödé-4c5d",
  failedWrite: "pw-failed-write-6e7f",
  wrongGuess: "pw-wrong-guess-8a9b",
  nobodysGuess: "pw-nobodys-guess-0c1d",
  identifyGuess: "pw-identify-guess-2e3f",
  streamed: "pw-streamed-4a5b",
  wrongCurrent: "pw-wrong-current-6c7d",
  refusedChange: "pw-refused-change-8e9f",
} as const;

const UNAUTHORIZED = `{"errors":[{"code":"unauthorized","description":"Unauthorized"}]}`;
const INVALID_CURRENT_PASSWORD = `{"errors":[{"position":[],"code":"validation failed","description":"document data is not valid.","failures":[{"field":["current_password"],"code":"invalid password","description":"Invalid password at \`current_password\`."}]}]}`;
const AUTHENTICATION_FAILED = `{"errors":[{"position":[],"code":"authentication failed","description":"The document was not found or provided password was incorrect."}]}`;

const directory = directoryPerTest("fqlite-leaks-");

/** Every answer the server gave, with the secrets it was allowed to show (those its query made). */
interface Exchange {
  readonly label: string;
  readonly answer: HttpAnswer;
  readonly shows: readonly string[];
}

class Session {
  readonly exchanges: Exchange[] = [];
  readonly secrets: Watched[] = [];
  /** The secrets that did not work when first used after all were made. */
  readonly refusedWhenUsed: string[] = [];

  constructor(readonly server: RunningServer) {}

  async query(label: string, fql: string, secret = ROOT_SECRET, scheme: "Bearer" | "Basic" = "Bearer", shows: readonly string[] = []): Promise<HttpAnswer> {
    const answer = await post(this.server.url, fql, secret, scheme);
    this.exchanges.push({ label, answer, shows });
    return answer;
  }

  /** Runs a query that must succeed. */
  async ok(label: string, fql: string, secret = ROOT_SECRET): Promise<void> {
    resourceOf(await this.query(label, fql, secret));
  }

  /** Runs a query that makes a key or token, and watches its secret from then on. */
  async newSecret(label: string, fql: string, secret = ROOT_SECRET): Promise<string> {
    const answer = await post(this.server.url, fql, secret);
    const made = (resourceOf(answer) as { secret: string }).secret;
    this.exchanges.push({ label, answer, shows: [made] });
    this.secrets.push({ label, text: made });
    return made;
  }
}

/** Follows a document over `/stream` until `act` has caused one version event; the whole stream as text. */
async function streamWhile(url: string, ref: string, act: () => Promise<unknown>): Promise<string> {
  const abort = new AbortController();
  const response = await fetch(`${url}/stream`, { method: "POST", body: ref, headers: { authorization: `Bearer ${ROOT_SECRET}` }, signal: abort.signal });
  const reader = response.body!.getReader();
  let text = "";
  let acted = false;
  while (!text.includes(`"type":"version"`)) {
    const { value } = await reader.read();
    text += Buffer.from(value!).toString();
    if (!acted && text.includes(`"type":"start"`)) {
      acted = true;
      await act();
    }
  }
  abort.abort();
  return text;
}

async function makeUsersAndPasswords(session: Session): Promise<void> {
  await session.ok("schema", `Do(CreateCollection({ name: "users" }), CreateDatabase({ name: "sub" }))`);
  // Indexes that would hold a password, had it been kept with its document for a moment.
  await session.ok(
    "indexes",
    `Do(
      CreateIndex({ name: "password_binding", source: { collection: Collection("users"), fields: { pw: Query(Lambda("doc", Select(["credentials", "password"], Var("doc"), "none"))) } }, values: [{ binding: "pw" }] }),
      CreateIndex({ name: "user_credentials", source: Collection("users"), values: [{ field: ["credentials"] }] }),
      CreateIndex({ name: "key_secrets", source: Keys(), values: [{ field: ["secret"] }, { field: ["hashed_secret"] }] })
    )`,
  );
  const p = PASSWORDS;
  await session.ok("create with a password", `Create(Ref(Collection("users"), "1"), { credentials: { password: "${p.created}" }, data: { marker: "${PLAIN_MARKER}" } })`);
  await session.ok("update the password", `Update(Ref(Collection("users"), "1"), { credentials: { password: "${p.updated}" } })`);
  await session.ok("create to replace", `Create(Ref(Collection("users"), "2"), {})`);
  await session.ok("replace with a password", `Replace(Ref(Collection("users"), "2"), { credentials: { password: "${p.replaced}" } })`);
  await session.ok("credentials made directly", `Do(Create(Ref(Collection("users"), "3"), {}), Create(Ref(Credentials(), "33"), { instance: Ref(Collection("users"), "3"), password: "${p.direct}" }))`);
  await session.ok("credentials updated directly", `Update(Ref(Credentials(), "33"), { password: "${p.directUpdated}", current_password: "${p.direct}" })`);
  await session.ok("history with a password", `Do(Create(Ref(Collection("users"), "4"), {}), Insert(Ref(Collection("users"), "4"), 1, "update", { credentials: { password: "${p.inserted}" } }))`);
  await session.ok("a password in a child database", `Do(CreateCollection({ name: "users" }), Create(Ref(Collection("users"), "1"), { credentials: { password: "${p.child}" } }))`, `${ROOT_SECRET}:sub:admin`);
  await session.ok("a unicode password", `Create(Ref(Collection("users"), "5"), { credentials: { password: "${p.unicode}" } })`);
  await session.query("a failed write with a password", `Create(Ref(Collection("users"), "6"), { credentials: { password: "${p.failedWrite}" }, data: "not an object" })`);
}

async function makeKeysAndTokens(session: Session): Promise<void> {
  for (const role of ["admin", "server", "server-readonly", "client"]) await session.newSecret(`${role} key`, `CreateKey({ role: "${role}", data: { name: "${role}" } })`);
  await session.newSecret("key for a child database", `CreateKey({ role: "server", database: Database("sub") })`);
  await session.newSecret("key made in a child database", `CreateKey({ role: "admin" })`, `${ROOT_SECRET}:sub:admin`);
  await session.newSecret("token from Login", `Login(Ref(Collection("users"), "1"), { password: "${PASSWORDS.updated}", data: { device: "phone" } })`);
  await session.newSecret("token from Login with a unicode password", `Login(Ref(Collection("users"), "5"), { password: "${PASSWORDS.unicode}" })`);
  await session.newSecret("token made directly", `Create(Ref(Tokens(), "77"), { instance: Ref(Collection("users"), "2") })`);
  await session.newSecret("token remade by Replace", `Replace(Ref(Tokens(), "77"), { instance: Ref(Collection("users"), "2") })`);
  await session.newSecret("token from Login in a child database", `Login(Ref(Collection("users"), "1"), { password: "${PASSWORDS.child}" })`, `${ROOT_SECRET}:sub:admin`);
  await session.newSecret("key to be deleted", `CreateKey({ role: "server" })`);
}

/** Every way a secret is used or refused, and every way a password is tried and failed. */
async function useAndRefuse(session: Session): Promise<void> {
  const secrets = session.secrets.map((secret) => secret.text);
  for (const { label, text: secret } of session.secrets) {
    const used = await session.query("used (Bearer)", `Add(1, 1)`, secret);
    session.refusedWhenUsed.push(...(used.status === 200 ? [] : [label]));
    await session.query("used (Basic)", `Add(1, 1)`, secret, "Basic");
    session.exchanges.push({ label: "used (GET)", answer: await get(session.server.url, `Add(1, 1)`, secret), shows: [] });
    for (const bad of [`${secret}:adminx`, secret.slice(0, -1), `${secret}x`]) await session.query("refused", `Add(1, 1)`, bad);
    // A scope a key may not take is refused; a token ignores whatever follows it, as in Fauna.
    const isToken = secret.startsWith("fnE");
    for (const scoped of [`${secret}:nowhere:admin`, `${secret}:@doc/users/404`]) {
      const answer = await session.query(isToken ? "token scope ignored" : "refused", `Add(1, 1)`, scoped);
      if (isToken) expect(answer.body).toBe(used.body);
    }
    // Fauna's KeyFromSecret error names the text it was given ("No key found for secret …"): only ever to
    // the caller who gave it, in the answer to that query. FQLite keeps Fauna's message.
    await session.query("looked up", `KeyFromSecret("${secret}")`, ROOT_SECRET, "Bearer", [secret]);
  }
  const doomed = secrets[secrets.length - 1]!;
  await session.query("deleted", `Delete(Select("ref", KeyFromSecret("${doomed}")))`);
  await session.query("used once deleted", `Add(1, 1)`, doomed);
  const p = PASSWORDS;
  await session.query("wrong password", `Login(Ref(Collection("users"), "1"), { password: "${p.wrongGuess}" })`);
  await session.query("no such user", `Login(Ref(Collection("users"), "404"), { password: "${p.nobodysGuess}" })`);
  await session.query("Identify", `Identify(Ref(Collection("users"), "1"), "${p.identifyGuess}")`);
  await session.query("right password, failing Login", `Login(Ref(Collection("users"), "1"), { password: "${p.updated}", ttl: "never" })`);
  await session.query("wrong current password", `Update(Ref(Credentials(), "33"), { password: "${p.refusedChange}", current_password: "${p.wrongCurrent}" })`);
  await session.query("password of the wrong type", `Update(Ref(Collection("users"), "1"), { credentials: { password: 5, other: "${p.updated}" } })`);
}

/** Reads back everything that was made, every way there is, as the root and as the server key. */
async function readBack(session: Session): Promise<void> {
  const serverKey = session.secrets.find((secret) => secret.label === "server key")!.text;
  const reads = [
    `Map(Paginate(Keys()), Lambda("k", Get(Var("k"))))`,
    `Map(Paginate(Keys(Database("sub"))), Lambda("k", Get(Var("k"))))`,
    `Map(Paginate(Tokens()), Lambda("t", Get(Var("t"))))`,
    `Map(Paginate(Tokens(Database("sub"))), Lambda("t", Get(Var("t"))))`,
    `Map(Paginate(Credentials()), Lambda("c", Get(Var("c"))))`,
    `Map(Paginate(Documents(Collection("users"))), Lambda("u", Get(Var("u"))))`,
    `Paginate(Documents(Keys()), { events: true })`,
    `Paginate(Documents(Tokens()), { events: true })`,
    `Paginate(Documents(Credentials()), { events: true })`,
    `Paginate(Documents(Collection("users")), { events: true })`,
    `Map(Paginate(Documents(Collection("users"))), Lambda("u", Paginate(Events(Var("u")))))`,
    `Map(Paginate(Credentials()), Lambda("c", Paginate(Events(Var("c")))))`,
    `Map(Paginate(Keys()), Lambda("k", Paginate(Events(Var("k")))))`,
    `Map(Paginate(Tokens()), Lambda("t", Paginate(Events(Var("t")))))`,
    `Paginate(Match(Index("password_binding")))`,
    `Paginate(Match(Index("user_credentials")))`,
    `Paginate(Match(Index("key_secrets")))`,
    `At(1, Get(Ref(Collection("users"), "4")))`,
  ];
  for (const read of reads) {
    await session.query("read back", read);
    await session.query("read back (server key)", read, serverKey);
  }
}

describe("secrets and passwords are shown once, then never again", () => {
  let server: RunningServer;
  const log: string[] = [];
  const printed: string[] = [];
  let session: Session;
  let streamed = "";

  beforeAll(() => {
    // Whatever the code under test prints is captured, to be searched too.
    for (const stream of [process.stdout, process.stderr]) {
      jest.spyOn(stream, "write").mockImplementation((chunk: string | Uint8Array) => (printed.push(String(chunk)), true));
    }
    for (const method of ["log", "info", "warn", "error", "debug"] as const) jest.spyOn(globalThis.console, method).mockImplementation((...args) => void printed.push(args.join(" ")));
  });
  afterAll(() => jest.restoreAllMocks());

  test("in no later answer, no log line, no console output and no file of the database", async () => {
    server = await startServer({ path: directory(), port: 0, workers: 0, rootSecret: ROOT_SECRET, log: (line) => log.push(line) });
    session = new Session(server);
    try {
      await makeUsersAndPasswords(session);
      await makeKeysAndTokens(session);
      await useAndRefuse(session);
      await readBack(session);
      streamed = await streamWhile(server.url, `{"@ref":{"id":"1","collection":{"@ref":{"id":"users","collection":{"@ref":{"id":"collections"}}}}}}`, () =>
        session.query("password changed while followed", `Update(Ref(Collection("users"), "1"), { credentials: { password: "${PASSWORDS.streamed}" } })`),
      );
    } finally {
      await server.close();
    }

    const passwords: Watched[] = Object.entries(PASSWORDS).map(([label, text]) => ({ label: `password ${label}`, text }));
    const watched = [...session.secrets, ...passwords, { label: "root secret", text: ROOT_SECRET }];
    const answers: Place[] = session.exchanges.map((exchange, index) => ({
      name: `answer ${index} (${exchange.label})`,
      // The one answer allowed to show a secret is the one that made it.
      text: exchange.shows.reduce((text, shown) => text.split(shown).join("<shown once>"), exchange.answer.whole),
    }));
    const files: Place[] = readdirSync(directory()).map((name) => ({ name: `file ${name}`, bytes: readFileSync(join(directory(), name)) }));
    const places: Place[] = [...answers, { name: "stream", text: streamed }, { name: "server log", text: log.join("\n") }, { name: "console", text: printed.join("") }, ...files];

    // The searches can find what is there: the marker stored as plain data, the answers that showed each secret once.
    expect(files.map((file) => ({ file: file.name, markerFound: leaksIn([{ label: "marker", text: PLAIN_MARKER }], [file]).length > 0 }))).toEqual([
      { file: "file data.mdb", markerFound: true },
      { file: "file lock.mdb", markerFound: false },
    ]);
    const showing = session.exchanges.filter((exchange) => exchange.label !== "looked up" && exchange.shows.length > 0);
    expect(showing.map((exchange) => leaksIn(session.secrets, [{ name: exchange.label, text: exchange.answer.whole }]).length)).toEqual(session.secrets.map(() => 1));

    expect({ secrets: session.secrets.length, passwords: passwords.length, places: places.length, leaks: leaksIn(watched, places) }).toEqual({
      secrets: 12,
      passwords: 15,
      places: 182, // 177 answers, the stream, the log, the console, two files
      leaks: [],
    });
    // What the places were: every answer, the stream, the log (one line per query request), the console, both files.
    expect({ logLines: log.length, streamEvents: streamed.trim().split("\r\n").map((line) => JSON.parse(line).type) }).toEqual({
      logLines: session.exchanges.length,
      streamEvents: ["start", "version"],
    });
    // Refusals say as little as Fauna's did, and nothing of what was tried.
    const bodies = (label: string) => [...new Set(session.exchanges.filter((exchange) => exchange.label === label).map(({ answer }) => `${answer.status} ${answer.body}`))];
    expect(["refused", "used once deleted"].map(bodies)).toEqual([[`401 ${UNAUTHORIZED}`], [`401 ${UNAUTHORIZED}`]]);
    // Every secret worked until it was revoked; the token's first secret was revoked when Replace made it a new one.
    expect(session.refusedWhenUsed).toEqual(["token made directly"]);
    expect(["wrong password", "no such user"].map(bodies)).toEqual([[`400 ${AUTHENTICATION_FAILED}`], [`400 ${AUTHENTICATION_FAILED}`]]);
    expect(bodies("wrong current password")).toEqual([`400 ${INVALID_CURRENT_PASSWORD}`]);
  });
});
