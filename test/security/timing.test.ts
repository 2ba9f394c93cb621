/**
 * Login and Identify must not tell whether an identity exists: "no such
 * user", "no password" and "wrong password" do the same work — one bcrypt
 * comparison against a hash of the same cost — and bill the same, so that
 * neither the time taken nor the metric headers of the answer differ. (Fauna
 * answered all three with the same error,
 * https://docs.fauna.com/fauna/v4/api/fql/functions/login, but skipped the
 * comparison when there were no credentials.) Likewise a new password for a
 * credentials document: right, wrong or missing, the current password costs
 * one comparison.
 *
 * The work is counted, not timed: every bcrypt comparison is observed.
 */
import bcrypt from "bcryptjs";
import type { Engine } from "../../src/engine";
import { FaunaError } from "../../src/error/FaunaError";
import type { Page, Ref, Value } from "../../src/language/values";
import { value, withDb } from "../helpers";

const PASSWORD = "the right password";
const GUESS = "a guess";

async function setup(db: Engine): Promise<void> {
  await db.query(`CreateCollection({ name: "users" })`);
  await db.query(`CreateIndex({ name: "users_by_email", source: Collection("users"), terms: [{ field: ["data", "email"] }] })`);
  await db.query(`Create(Ref(Collection("users"), "1"), { credentials: { password: "${PASSWORD}" }, data: { email: "one@example.com" } })`);
  await db.query(`Create(Ref(Collection("users"), "2"), { data: { email: "two@example.com" } })`);
  // Credentials without a password: there is nothing to match.
  await db.query(`Create(Ref(Collection("users"), "3"), {})`);
  await db.query(`Create(Credentials(), { instance: Ref(Collection("users"), "3") })`);
}

/** Who is named, and how: by ref, or as the first document of a set. */
const IDENTITIES = {
  "a user with a password": `Ref(Collection("users"), "1")`,
  "a user without credentials": `Ref(Collection("users"), "2")`,
  "a user whose credentials have no password": `Ref(Collection("users"), "3")`,
  "a document that does not exist": `Ref(Collection("users"), "404")`,
};

/**
 * What a query did: the bcrypt comparisons it made (with the cost of each
 * hash), its answer, and its bill. It runs as the root secret, which is
 * checked without bcrypt: every comparison seen is the query's own.
 */
async function observe(db: Engine, query: string) {
  const compare = jest.spyOn(bcrypt, "compareSync");
  try {
    const { value, metrics } = await db.query(query);
    return { compared: compare.mock.calls.map(([, hash]) => hash.slice(0, 7)), answer: value, metrics };
  } catch (error) {
    if (!(error instanceof FaunaError)) throw error;
    return { compared: compare.mock.calls.map(([, hash]) => hash.slice(0, 7)), answer: JSON.stringify(error), metrics: error.metrics };
  } finally {
    compare.mockRestore();
  }
}

/** The parts of a bill that do not depend on the query's text. */
function bill(metrics: { computeOps: number; readOps: number; writeOps: number; readBytes: number; writeBytes: number; bytesOut: number } | undefined) {
  const { computeOps, readOps, writeOps, readBytes, writeBytes, bytesOut } = metrics!;
  return { computeOps, readOps, writeOps, readBytes, writeBytes, bytesOut };
}

const FAILED_LOGIN = `{"errors":[{"position":[],"code":"authentication failed","description":"The document was not found or provided password was incorrect."}]}`;
const SAME_WORK = { compared: ["$2a$05$"], bill: { computeOps: 1, readOps: 1, writeOps: 0, readBytes: 0, writeBytes: 0 } };

describe.each([
  ["Login", (identity: string, password: string) => `Login(${identity}, { password: "${password}" })`, FAILED_LOGIN, 138],
  ["Identify", (identity: string, password: string) => `Identify(${identity}, "${password}")`, false, 18],
] as const)("%s", (_name, query, failed, bytesOut) => {
  test.each(Object.entries(IDENTITIES))("%s and a wrong password: one comparison, at the cost of a real one, and the same bill", async (_who, identity) => {
    await withDb(async (db) => {
      await setup(db);
      const { compared, answer, metrics } = await observe(db, query(identity, GUESS));
      expect({ compared, answer, bill: bill(metrics) }).toEqual({ compared: SAME_WORK.compared, answer: failed, bill: { ...SAME_WORK.bill, bytesOut } });
    });
  });

  test("the right password: the same one comparison", async () => {
    await withDb(async (db) => {
      await setup(db);
      const { compared } = await observe(db, query(IDENTITIES["a user with a password"], PASSWORD));
      expect(compared).toEqual(SAME_WORK.compared);
    });
  });

  test("by a set: the first document's password, or, for an empty set, a comparison all the same", async () => {
    await withDb(async (db) => {
      await setup(db);
      const bySet = (email: string) => query(`Match(Index("users_by_email"), "${email}")`, GUESS);
      const outcomes = [await observe(db, bySet("one@example.com")), await observe(db, bySet("nobody@example.com"))];
      expect(outcomes.map(({ compared, answer }) => ({ compared, answer }))).toEqual([
        { compared: SAME_WORK.compared, answer: failed },
        { compared: SAME_WORK.compared, answer: failed },
      ]);
    });
  });
});

test("the hash compared when there is none is a valid bcrypt hash that matches no password, not even an empty one", async () => {
  await withDb(async (db) => {
    await setup(db);
    for (const password of ["", GUESS, PASSWORD]) {
      expect(await observe(db, `Identify(Ref(Collection("users"), "2"), "${password}")`)).toMatchObject({ compared: SAME_WORK.compared, answer: false });
    }
  });
});

test("a new password for a credentials document, without server rights: one comparison whatever current password is given, even with none to compare", async () => {
  await withDb(async (db) => {
    await setup(db);
    const credentials = (await value(db, `Map(Paginate(Credentials()), Lambda("c", Get(Var("c"))))`)) as Page;
    const credentialsOf = (userId: string) => {
      const document = credentials.data.find((entry) => ((entry as Map<string, Value>).get("instance") as Ref).id === userId) as Map<string, Value>;
      return `Ref(Credentials(), "${(document.get("ref") as Ref).id}")`;
    };
    const change = async (userId: string, current: string) => {
      const { compared, answer } = await observe(db, `Update(${credentialsOf(userId)}, { password: "new"${current} })`);
      return { compared, failed: typeof answer === "string" };
    };
    // The root secret has no server rights: it is asked for the current password.
    expect([await change("1", `, current_password: "${GUESS}"`), await change("1", ""), await change("1", `, current_password: "${PASSWORD}"`)]).toEqual([
      { compared: SAME_WORK.compared, failed: true },
      { compared: SAME_WORK.compared, failed: true },
      { compared: SAME_WORK.compared, failed: false },
    ]);
    // No password yet: whatever is given, a first one is set, after the same comparison.
    expect(await change("3", `, current_password: "${GUESS}"`)).toEqual({ compared: SAME_WORK.compared, failed: false });
  });
});
