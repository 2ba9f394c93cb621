/**
 * Property tests: random and damaged FQL text gives a result or a Fauna-style
 * error (with a place in the text when the text is at fault), never another
 * exception; and a write that fails leaves nothing behind.
 */
import fc from "fast-check";
import { printValue } from "../../src/language/printer";
import { withDb } from "../helpers";
import { exampleQueries, expectEverythingReadsBack, expectFailureUndoesWrites, loadExamples, mutated, outcome, runs } from "./fuzzing";

const queries = exampleQueries();

test("damaged example queries: a result or a positioned Fauna error", async () => {
  await withDb(async (db) => {
    await loadExamples(db);
    await fc.assert(
      fc.asyncProperty(mutated(queries), async (text) => {
        const result = await outcome(db, text);
        if (result !== "ok" && result.code === "invalid expression" && result.description.startsWith("Syntax error")) {
          expect(result.errors[0]!.location).toEqual(expect.objectContaining({ line: expect.any(Number), column: expect.any(Number) }));
        }
      }),
      { numRuns: runs(400) },
    );
  });
});

test("random text: a result or a Fauna error", async () => {
  await withDb(async (db) => {
    const alphabet = fc.constantFrom(..."()[]{},:;'\"\\=>.-0123456789 \nabcxyzAdSelectLetVar_$@");
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 60 }), fc.string({ unit: alphabet, maxLength: 80 })), async (text) => {
        await outcome(db, text);
      }),
      { numRuns: runs(300) },
    );
  });
});

test("a damaged write that fails writes nothing", async () => {
  await withDb(async (db) => {
    await loadExamples(db);
    await fc.assert(
      fc.asyncProperty(mutated(queries), (text) => expectFailureUndoesWrites(db, `Do(Create(Collection('fuzz'), {data: {n: 1}}), ${text})`)),
      { numRuns: runs(250) },
    );
    await expectEverythingReadsBack(db);
  });
});

test("results of damaged queries print", async () => {
  await withDb(async (db) => {
    await loadExamples(db);
    await fc.assert(
      fc.asyncProperty(mutated(queries), async (text) => {
        try {
          const { value, response } = await db.query(text, { timeoutMs: 5000 });
          expect(typeof printValue(value)).toBe("string");
          expect(() => JSON.parse(response)).not.toThrow();
        } catch {
          // Failures are the other tests' concern.
        }
      }),
      { numRuns: runs(150) },
    );
  });
});

test("what the properties found: a Let without a body, a Lambda with null parameters", async () => {
  await withDb(async (db) => {
    const noBody = await outcome(db, "Let({ name: 0 })");
    expect(noBody !== "ok" && noBody.description).toBe("Syntax error: Let takes 2 arguments, 1 given.");
    for (const query of ["Lambda(null, 1)", "Map([1], Lambda(null, Var('x')))"]) {
      const malformed = await outcome(db, query);
      expect(malformed !== "ok" && [malformed.code, malformed.description]).toEqual(["invalid expression", "String or Array expected, Null provided."]);
    }
  });
});
