/** Shared by the property tests: example queries, ways to damage them, and what a clean failure looks like. */
import { appendFileSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { functionCatalog } from "../../src/catalog/functions";
import type { Engine } from "../../src/engine";
import { FaunaError } from "../../src/error/FaunaError";
import { parseQueries } from "../../src/language/parse";
import { encodeExpr } from "../../src/language/wire";

const EXAMPLES = join(__dirname, "../../examples");

/** Every query of the example files, file by file, in order. */
export function exampleFiles(): { name: string; queries: string[] }[] {
  return readdirSync(EXAMPLES)
    .filter((name) => name.endsWith(".fql"))
    .sort()
    .map((name) => ({ name, queries: parseQueries(readFileSync(join(EXAMPLES, name), "utf8")).map((query) => query.text) }));
}

export const exampleQueries = (): string[] => exampleFiles().flatMap((file) => file.queries);

/** The example queries as the driver would have sent them. */
export const exampleWire = (): string[] => exampleQueries().map((text) => encodeExpr(parseQueries(text)[0]!.expr));

/** Runs every example file's queries, so that a database holds what they make. */
export async function loadExamples(db: Engine): Promise<void> {
  for (const file of exampleFiles()) {
    if (file.name === "auth_login.fql") continue;
    for (const query of file.queries) await db.query(query).catch(() => undefined);
  }
}

/** Characters that matter to FQL and JSON, and some that should not be there at all. */
const interesting = fc.constantFrom(..."()[]{},:;'\"\\=>.-+0123456789eE_$ \n\t@/*xqQ", "\u0000", "\u00e9", "\ud83d\ude00", "\ud800", "\u2028", "\ufeff");

const fragments = fc.constantFrom(
  "__proto__",
  "constructor",
  "prototype",
  "Var('x')",
  "Lambda('x', Var('x'))",
  "null",
  "9223372036854775808",
  "-0.0",
  "1e400",
  '{"@obj":{}}',
  '{"@ref":"constructor"}',
  '{"object":{"__proto__":1}}',
  "[[[[[[[[[[",
  "]]]]]]]]]]",
  ...functionCatalog.slice(0, 400).map((fn) => `${fn.name}(`),
);

type Mutation = (text: string) => string;

const at = (text: string, position: number) => (text.length === 0 ? 0 : position % (text.length + 1));

/** One way of damaging a text: characters or tokens deleted, inserted, duplicated or swapped. */
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.nat().map((p): Mutation => (text) => text.slice(0, at(text, p)) + text.slice(at(text, p) + 1)),
  fc.tuple(fc.nat(), interesting).map(([p, c]): Mutation => (text) => text.slice(0, at(text, p)) + c + text.slice(at(text, p))),
  fc.tuple(fc.nat(), fragments).map(([p, f]): Mutation => (text) => text.slice(0, at(text, p)) + f + text.slice(at(text, p))),
  fc.tuple(fc.nat(), fc.nat({ max: 40 })).map(([p, n]): Mutation => (text) => text.slice(0, at(text, p) + n) + text.slice(at(text, p))),
  fc.tuple(fc.nat(), fc.nat(), fc.constantFrom("delete", "duplicate", "swap")).map(([i, j, how]): Mutation => (text) => {
    const tokens = text.match(TOKEN) ?? [];
    if (tokens.length === 0) return text;
    const a = i % tokens.length;
    const b = j % tokens.length;
    if (how === "delete") tokens.splice(a, 1);
    else if (how === "duplicate") tokens.splice(a, 0, tokens[a]!);
    else [tokens[a], tokens[b]] = [tokens[b]!, tokens[a]!];
    return tokens.join("");
  }),
);

const TOKEN = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[A-Za-z_$][\w$]*|-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|=>|\s+|[\s\S]/g;

/** Values to put where a literal was: the query stays well formed, its arguments do not. */
const literals = fc.constantFrom(
  "0", "-1", "1", "2.5", "-0.0", "1e308", "9223372036854775807", "-9223372036854775808", "''", "'__proto__'", "'constructor'",
  "'data'", "'ref'", "'x'.repeat", "null", "true", "false", "[]", "{}", "[1, 'a', null]", "{ __proto__: 1 }", "Now()", "Collection('posts')",
  "Ref(Collection('posts'), '1')", "Index('books_by_year')", "Documents(Collection('posts'))", "Time('2021-06-21T21:22:30Z')", "Date('2021-01-01')",
  "Bytes('AQID')", "Query(Lambda('x', Var('x')))", "Lambda('x', Var('x'))", "Var('x')", "[[[[[[[[[[1]]]]]]]]]]",
);

const functionNames = fc.constantFrom(...functionCatalog.map((fn) => fn.name));

/** Well-formed changes: a literal or a function name swapped for another. */
const reshaping: fc.Arbitrary<Mutation> = fc.tuple(fc.nat(), literals, functionNames).map(([i, literal, name]): Mutation => (text) => {
  const tokens = text.match(TOKEN) ?? [];
  const slots = tokens.flatMap((token, index) => (/^["'\d-]|^(true|false|null)$/.test(token) || /^[A-Z]/.test(token) ? [index] : []));
  if (slots.length === 0) return text;
  const slot = slots[i % slots.length]!;
  tokens[slot] = /^[A-Z]/.test(tokens[slot]!) ? name : literal;
  return tokens.join("");
});

/** A text with one to four mutations applied: damaged, or reshaped and still well formed. */
export function mutated(texts: readonly string[]): fc.Arbitrary<string> {
  const steps = fc.oneof(fc.array(mutation, { minLength: 1, maxLength: 4 }), fc.array(reshaping, { minLength: 1, maxLength: 3 }));
  return fc.tuple(fc.constantFrom(...texts), steps).map(([text, mutations]) => mutations.reduce((current, mutate) => mutate(current), text));
}

/** Checks a Fauna-style error: a code, a description, a position of keys and indexes, a 4xx status. */
export function expectFaunaError(error: unknown): asserts error is FaunaError {
  if (!(error instanceof FaunaError)) throw new Error(`Not a FaunaError: ${error instanceof Error ? error.stack : String(error)}`);
  for (const entry of error.errors) {
    expect(typeof entry.code).toBe("string");
    expect(entry.code.length).toBeGreaterThan(0);
    expect(typeof entry.description).toBe("string");
    expect(Array.isArray(entry.position)).toBe(true);
    for (const step of entry.position) expect(["string", "number"]).toContain(typeof step);
  }
  // A 4xx, or a query stopped by its time limit; never FQLite's own failure (500).
  if (error.code !== "time out") {
    expect(error.status).toBeGreaterThanOrEqual(400);
    expect(error.status).toBeLessThan(500);
  }
}

/** Runs a query: its result, or the Fauna-style error it failed with; anything else fails the test. */
export async function outcome(db: Engine, query: Parameters<Engine["query"]>[0]): Promise<"ok" | FaunaError> {
  try {
    await db.query(query, { timeoutMs: 5000 });
    return "ok";
  } catch (error) {
    expectFaunaError(error);
    return error;
  }
}

/**
 * Reads back, and shows, every document and schema document the database
 * holds: what damaged queries managed to write must read back as a result,
 * not break the reads that come after them.
 */
export async function expectEverythingReadsBack(db: Engine): Promise<void> {
  const all = (set: string) => `Map(Paginate(${set}, { size: 100000 }), Lambda("ref", Get(Var("ref"))))`;
  const query = `[${["Collections()", "Indexes()", "Functions()", "Roles()", "Keys()", "Tokens()", "Credentials()", "Databases()"].map(all).join(", ")}, Map(Paginate(Collections(), { size: 100000 }), Lambda("c", ${all(`Documents(Var("c"))`)}))]`;
  expect(await outcome(db, query)).toBe("ok");
}

/**
 * Runs a query that writes a document in the collection `fuzz` (made first,
 * again if an earlier query dropped it) before its damaged part: when the
 * query fails, that write must be undone too.
 */
export async function expectFailureUndoesWrites(db: Engine, query: Parameters<Engine["query"]>[0]): Promise<void> {
  if ((await documentCount(db, "fuzz")) < 0n) await db.query(`CreateCollection({name: 'fuzz'})`);
  const before = await documentCount(db, "fuzz");
  if ((await outcome(db, query)) !== "ok") expect(await documentCount(db, "fuzz")).toBe(before);
}

/** How many documents the collection holds (-1 when it is gone). */
export async function documentCount(db: Engine, collection: string): Promise<bigint> {
  const { value } = await db.query(`If(Exists(Collection('${collection}')), Count(Documents(Collection('${collection}'))), -1)`);
  return value as bigint;
}

/**
 * Runs per property: kept small so that the suite stays quick; FUZZ_SCALE=20
 * searches longer. With FUZZ_TALLY set to a file, each property adds its run
 * count to it (`npm run reliability` reports the total).
 */
export function runs(count: number): number {
  const scaled = Math.round(count * Number(process.env.FUZZ_SCALE ?? 1));
  if (process.env.FUZZ_TALLY) appendFileSync(process.env.FUZZ_TALLY, `${scaled}\n`);
  return scaled;
}
