/**
 * Property test: calls of every function in the catalog, with arguments of
 * every type (and calls inside calls), give a result that prints and encodes,
 * or a Fauna-style error; never another exception.
 */
import fc from "fast-check";
import { functionCatalog } from "../../src/catalog/functions";
import { printValue } from "../../src/language/printer";
import { withDb } from "../helpers";
import { expectEverythingReadsBack, loadExamples, outcome, runs } from "./fuzzing";

/** One value of each type FQL has, and the names the example databases hold. */
const argument = fc.constantFrom(
  "0", "1", "-1", "2", "2.5", "-0.0", "1e308", "9223372036854775807", "-9223372036854775808",
  "'a'", "''", "'😀e\u0301'", "'%s %d'", "'[a-z]+'", "'2021-06-21T21:22:30Z'", "'day'", "'__proto__'",
  "null", "true", "false", "[]", "[1, 'a', null]", "[[1, 2], [3]]", "{}", "{ a: 1, data: { b: [2] } }",
  "Now()", "Date('2021-01-01')", "Time('2021-06-21T21:22:30Z')", "Bytes('AQID')",
  "Collection('posts')", "Ref(Collection('posts'), '1')", "Index('books_by_year')", "Documents(Collection('posts'))",
  "Match(Index('books_by_year'), 2020)", "Lambda('y', Var('y'))", "Lambda(['a', 'b'], Var('a'))", "Query(Lambda('y', Var('y')))",
  "Var('x')", "Collections()", "Events(Ref(Collection('posts'), '1'))",
);

const fn = fc.constantFrom(...functionCatalog);

/**
 * A call of a catalog function, mostly with as many arguments as it takes
 * (sometimes a wrong count), each a value or another such call.
 */
const { call } = fc.letrec<{ call: string; expr: string }>((tie) => ({
  call: fc
    .tuple(fn, fc.array(tie("expr"), { maxLength: 4 }), fc.integer({ min: 0, max: 9 }))
    .map(([spec, args, wrong]) => {
      const count = wrong === 0 ? args.length : Math.min(Math.max(args.length, spec.minArgs), spec.maxArgs, spec.minArgs + 2);
      const given = [...args, ...Array.from({ length: Math.max(0, count - args.length) }, () => "1")].slice(0, count);
      return `${spec.name}(${given.join(", ")})`;
    }),
  expr: fc.oneof({ depthSize: "small", withCrossShrink: true }, argument, tie("call")),
}));

test("calls of any function with arguments of any type: a result that prints, or a Fauna error", async () => {
  await withDb(async (db) => {
    await loadExamples(db);
    await fc.assert(
      fc.asyncProperty(call, async (expr) => {
        const text = `Let({ x: 1 }, ${expr})`;
        if ((await outcome(db, text)) !== "ok") return;
        const { value, response } = await db.query(text, { timeoutMs: 5000 }).catch(() => ({ value: null, response: "null" }));
        expect(typeof printValue(value)).toBe("string");
        expect(() => JSON.parse(response)).not.toThrow();
      }),
      { numRuns: runs(400) },
    );
    await expectEverythingReadsBack(db);
  });
});
